import { z } from 'zod';
import type { AppError } from '../../errors.ts';
import { VERSION } from '../../version.ts';
import { graphql } from '../gql/index.ts';
import { route, type Dialect } from '../route.ts';
import { accessRoutes } from './access.ts';
import { agentRoutes } from './agents.ts';
import { openApiRoutes } from './openapi.ts';
import { organizationRoutes } from './organizations.ts';
import { serverExtraRoutes } from './server-extras.ts';
import { serverRoutes } from './servers.ts';
import { deploymentRoutes } from './deployments.ts';
import { diagnosticRoutes } from './diagnostics.ts';
import { dashboardOrganization, usageRoutes } from './usage.ts';

/**
 * Seed 002 (MCP Stack): organizations, members, invitations, service-account keys, permission checks,
 * MCP servers (OpenAPI-generated ones too) with their tools, deployments and usage analytics, and agents.
 * Gateways and agents' models and budgets come with the issues that build them.
 */

const Stats = graphql(`query StackStats($id: ID!) { organization(id: $id) { id mcpServerCount memberCount } }`);
const Me = graphql(`query StackMe { viewer { id kind username role organization { id slug } organizationRole memberships { organization { id slug name } role } } }`);

const MeOut = z.object({
  id: z.string(), kind: z.string(), username: z.string(), systemRole: z.string(),
  organizations: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string() })),
});

export const mcpstack: Dialect = {
  name: 'mcpstack',
  title: 'MCP Stack-compatible API (/api/v1/organizations, /api/v1/auth, /api/v1/cli)',
  roots: ['/api/v1/organizations', '/api/v1/auth', '/api/v1/cli', '/api/v1/dashboard'],
  openApiPath: '/api/v1/organizations/openapi.json',
  errorBody: (error: AppError) => ({ error: { code: error.code, message: error.message } }),
  errorSchema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  routes: [
    ...organizationRoutes,
    ...accessRoutes,
    ...serverRoutes,
    ...serverExtraRoutes,
    ...deploymentRoutes,
    ...diagnosticRoutes,
    ...openApiRoutes,
    ...agentRoutes,
    ...usageRoutes,
    route({
      method: 'GET', path: '/api/v1/dashboard/stats', summary: 'Counts for an organization (?organizationId; the caller’s own by default)',
      query: z.object({ organizationId: z.string().optional() }), response: z.object({ organizationId: z.string(), mcpServerCount: z.number(), memberCount: z.number() }),
      handle: async ({ run, query }) => {
        const { organization } = await run(Stats, { id: await dashboardOrganization(run, query.organizationId) });
        return { organizationId: organization.id, mcpServerCount: organization.mcpServerCount, memberCount: organization.memberCount };
      },
    }),
    route({
      method: 'GET', path: '/api/v1/cli/config', summary: 'What a command-line client needs to start: where the APIs are and how to authenticate', anonymous: true,
      response: z.object({ version: z.string(), apiUrl: z.string(), graphqlUrl: z.string(), mcpUrl: z.string(), auth: z.object({ schemes: z.array(z.string()), whoamiPath: z.string() }) }),
      handle: async ({ publicUrl }) => ({
        version: VERSION, apiUrl: `${publicUrl}/api/v1`, graphqlUrl: `${publicUrl}/graphql`, mcpUrl: `${publicUrl}/mcp`,
        auth: { schemes: ['bearer', 'x-api-key'], whoamiPath: '/api/v1/cli/whoami' },
      }),
    }),
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
