import { z } from 'zod';
import { graphql } from '../gql/index.ts';
import { ofOrganization, route } from '../route.ts';
import { OpenApiAuthIn, OpenApiAuthOut, openApiAuthConfig, setOpenApiAuthConfig } from './openapi.ts';

const AuthConfig = graphql(`query StackAuthConfig($id: ID!) { mcpServer(id: $id) { id name transport organization { id } headerNames envNames urlHasCredentials } }`);
const SetAuth = graphql(`mutation StackSetAuth($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id headerNames envNames urlHasCredentials } } }`);
const Logs = graphql(`query StackLogs($filter: AuditEventFilter, $limit: Int, $offset: Int) {
  auditLog(filter: $filter, limit: $limit, offset: $offset) { total limit offset events { id occurredAt correlationId toolName status durationMs clientLabel actor { name } } }
}`);

const auth = (s: { headerNames: string[]; envNames: string[]; urlHasCredentials: boolean }) => ({
  type: s.headerNames.length ? ('headers' as const) : s.urlHasCredentials ? ('url_credentials' as const) : ('none' as const), headerNames: s.headerNames, envNames: s.envNames,
});
const AuthOut = z.object({ type: z.enum(['none', 'headers', 'url_credentials']), headerNames: z.array(z.string()), envNames: z.array(z.string()) });
const Paging = z.object({ limit: z.coerce.number().int().optional(), offset: z.coerce.number().int().optional() });

/** The server in the path, if it is the organization's. */
const serverOf = async <T extends { organization: { id: string } }>(load: Promise<{ mcpServer: T }>, orgId: string) => ofOrganization((await load).mcpServer, orgId, 'MCP server');

/** How a server authenticates to its upstream (names only: values are write-only), and its call log. */
export const serverExtraRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/auth-config', summary: 'How the gateway authenticates to the upstream (names only; an OpenAPI server’s scheme)',
    response: z.union([AuthOut, OpenApiAuthOut]),
    handle: async ({ run, params }) => {
      const found = await serverOf(run(AuthConfig, { id: params.serverId! }), params.orgId!);
      return found.transport === 'OPENAPI' ? openApiAuthConfig(run, params.orgId!, found.id) : auth(found);
    },
  }),
  route({
    method: 'PUT', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/auth-config',
    summary: 'Replace the headers (and env) sent to the upstream, or an OpenAPI server’s scheme (type, in, name, username, tokenUrl, scopes, secret); values are sealed, never shown',
    body: OpenApiAuthIn.partial().extend({ headers: z.record(z.string(), z.string()).optional(), env: z.record(z.string(), z.string()).optional() }), response: z.union([AuthOut, OpenApiAuthOut]),
    handle: async ({ run, params, body }) => {
      const found = await serverOf(run(AuthConfig, { id: params.serverId! }), params.orgId!);
      if (found.transport === 'OPENAPI') return setOpenApiAuthConfig(run, params.orgId!, found.id, { ...body, type: body.type ?? 'none' });
      const list = (values: Record<string, string> | undefined) => values && Object.entries(values).map(([name, value]) => ({ name, value }));
      return auth((await run(SetAuth, { input: { id: params.serverId!, headers: list(body.headers), env: list(body.env) } })).updateMcpServer.server);
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/logs', summary: 'The server’s tool calls, paged by ?limit and ?offset',
    response: z.object({ total: z.number(), limit: z.number(), offset: z.number(), logs: z.array(z.object({
      id: z.string(), timestamp: z.string(), correlationId: z.string(), toolName: z.string().nullable(), status: z.string(), durationMs: z.number().nullable(),
      clientLabel: z.string().nullable(), actor: z.string().nullable(),
    })) }),
    query: Paging,
    handle: async ({ run, params, query: { limit, offset } }) => {
      const server = await serverOf(run(AuthConfig, { id: params.serverId! }), params.orgId!);
      const { auditLog } = await run(Logs, { limit, offset, filter: { organizationId: params.orgId!, server: server.name, type: 'tool_invocation' } });
      return {
        total: auditLog.total, limit: auditLog.limit, offset: auditLog.offset,
        logs: auditLog.events.map((e) => ({
          id: e.id, timestamp: e.occurredAt, correlationId: e.correlationId, toolName: e.toolName ?? null, status: e.status.toLowerCase(), durationMs: e.durationMs ?? null,
          clientLabel: e.clientLabel ?? null, actor: e.actor?.name ?? null,
        })),
      };
    },
  }),
];
