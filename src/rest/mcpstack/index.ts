import { z } from 'zod';
import type { AppError } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { route, type Dialect } from '../route.ts';
import { accessRoutes } from './access.ts';
import { agentRoutes } from './agents.ts';
import { organizationRoutes } from './organizations.ts';
import { serverExtraRoutes } from './server-extras.ts';
import { serverRoutes } from './servers.ts';

/**
 * Seed 002 (MCP Stack): organizations, members, invitations, service-account keys, permission checks,
 * MCP servers with their tools, and agents. Servers generated from OpenAPI specs, deployments, gateways
 * and agents' models and budgets come with the issues that build them.
 */

const Me = graphql(`query StackMe { viewer { id kind username role organization { id slug } organizationRole memberships { organization { id slug name } role } } }`);

const MeOut = z.object({
  id: z.string(), kind: z.string(), username: z.string(), systemRole: z.string(),
  organizations: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string() })),
});

export const mcpstack: Dialect = {
  name: 'mcpstack',
  title: 'MCP Stack-compatible API (/api/v1/organizations, /api/v1/auth, /api/v1/cli)',
  roots: ['/api/v1/organizations', '/api/v1/auth', '/api/v1/cli'],
  openApiPath: '/api/v1/organizations/openapi.json',
  errorBody: (error: AppError) => ({ error: { code: error.code, message: error.message } }),
  errorSchema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  routes: [
    ...organizationRoutes,
    ...accessRoutes,
    ...serverRoutes,
    ...serverExtraRoutes,
    ...agentRoutes,
    ...(['/api/v1/auth/me', '/api/v1/cli/whoami'] as const).map((path) => route({
      method: 'GET', path, summary: 'The caller and the organizations they belong to', response: MeOut,
      handle: async ({ run }) => {
        const { viewer } = await run(Me, {});
        return {
          id: viewer.id, kind: viewer.kind.toLowerCase(), username: viewer.username, systemRole: viewer.role.toLowerCase(),
          organizations: viewer.memberships.map((m) => ({ ...m.organization, role: m.role.toLowerCase() })),
        };
      },
    })),
  ],
};
