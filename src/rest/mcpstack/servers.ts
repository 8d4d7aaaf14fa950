import { z } from 'zod';
import { badInput, notFound } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { ofOrganization, route, type Run } from '../route.ts';

/**
 * Seed 002's servers: an upstream MCP server over stdio, Streamable HTTP or SSE (`kind: mcp_server`), or
 * one generated from an OpenAPI spec (`kind: generated_openapi`, its own routes in openapi.ts).
 * Deployments are in deployments.ts; gateways come with the issue that builds them.
 */

graphql(`fragment StackServer on McpServer { id name displayName description status transport toolCount totalInvocations createdAt organization { id } openApi { source url fileName updatedAt } }`);
graphql(`fragment StackTool on Tool { id name displayName description descriptionOverride enabled instructions whenToUse whenNotToUse toolKey toolNamingVersion httpMethod httpPath }`);
const Servers = graphql(`query StackServers($org: ID!, $after: String) { mcpServers(first: 50, after: $after, filter: { organizationId: $org }) { edges { node { ...StackServer } } pageInfo { hasNextPage endCursor } } }`);
const Server = graphql(`query StackServer($id: ID!) { mcpServer(id: $id) { ...StackServer tools(first: 200) { edges { node { ...StackTool } } } } }`);
const ServerConfig = graphql(`query StackServerConfig($id: ID!) { mcpServer(id: $id) { id organization { id } transport command args url envNames headerNames isolation envSchema { name required secret scope } } }`);
const CreateOpenApiServer = graphql(`mutation StackCreateOpenApiServer($input: CreateOpenApiServerInput!) { createOpenApiServer(input: $input) { server { ...StackServer } } }`);
const CreateServer = graphql(`mutation StackCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...StackServer } } }`);
const UpdateServer = graphql(`mutation StackUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { ...StackServer } } }`);
const DeleteServer = graphql(`mutation StackDeleteServer($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`);
const Discover = graphql(`mutation StackDiscover($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { ...StackTool } } }`);
const UpdateTool = graphql(`mutation StackUpdateTool($input: UpdateToolInput!) { updateTool(input: $input) { tool { ...StackTool server { id } } } }`);
const UpdateTools = graphql(`mutation StackUpdateTools($input: UpdateToolsInput!) { updateTools(input: $input) { tools { ...StackTool } } }`);

type SpecFields = { source: string; url?: string | null; fileName?: string | null; updatedAt: string };
export type ServerFields = { id: string; name: string; displayName?: string | null; description?: string | null; status: string; transport: string; toolCount: number; totalInvocations: number; createdAt: string; organization: { id: string }; openApi?: SpecFields | null };
type ToolFields = {
  id: string; name: string; displayName?: string | null; description?: string | null; descriptionOverride?: string | null; enabled: boolean; instructions?: string | null; whenToUse?: string | null; whenNotToUse?: string | null;
  toolKey?: string | null; toolNamingVersion?: number | null; httpMethod?: string | null; httpPath?: string | null;
};

const KINDS = { STDIO: 'stdio', STREAMABLE_HTTP: 'streamable_http', SSE: 'sse', OPENAPI: 'openapi' } as const;
export const server = (s: ServerFields) => ({
  id: s.id, organizationId: s.organization.id, slug: s.name, name: s.displayName ?? s.name, description: s.description ?? null, status: s.status.toLowerCase(),
  kind: s.transport === 'OPENAPI' ? 'generated_openapi' as const : 'mcp_server' as const, transport: KINDS[s.transport as keyof typeof KINDS], totalInvocations: s.totalInvocations, toolCount: s.toolCount, createdOn: s.createdAt,
  hasOpenApiSpec: !!s.openApi, openApiSpecSource: (s.openApi?.source.toLowerCase() ?? null) as 'upload' | 'url' | null, openApiSpecUrl: s.openApi?.url ?? null,
  openApiSpecFileName: s.openApi?.fileName ?? null, openApiSpecUpdatedAt: s.openApi?.updatedAt ?? null, hasGateway: false, gateway: null,
});
const tool = (t: ToolFields) => ({
  id: t.id, name: t.name, displayName: t.displayName ?? null, description: t.descriptionOverride ?? t.description ?? null, isEnabled: t.enabled,
  source: t.toolKey ? 'generated_openapi' : 'mcp_server', isManaged: true, instructions: t.instructions ?? null, whenToUse: t.whenToUse ?? null, whenNotToUse: t.whenNotToUse ?? null,
  toolKey: t.toolKey ?? null, toolNamingVersion: t.toolNamingVersion ?? null, httpMethod: t.httpMethod ?? null, httpPath: t.httpPath ?? null,
});
const nullable = z.string().nullable();
export const ServerOut = z.object({
  id: z.string(), organizationId: z.string(), slug: z.string(), name: z.string(), description: nullable, status: z.string(), kind: z.enum(['mcp_server', 'generated_openapi']),
  transport: z.enum(['stdio', 'streamable_http', 'sse', 'openapi']), totalInvocations: z.number(), toolCount: z.number(), createdOn: z.string(),
  hasOpenApiSpec: z.boolean(), openApiSpecSource: z.enum(['upload', 'url']).nullable(), openApiSpecUrl: nullable, openApiSpecFileName: nullable, openApiSpecUpdatedAt: nullable,
  hasGateway: z.boolean(), gateway: z.null(),
});
const ToolOut = z.object({
  id: z.string(), name: z.string(), displayName: nullable, description: nullable, isEnabled: z.boolean(), source: z.string(), isManaged: z.boolean(),
  instructions: nullable, whenToUse: nullable, whenNotToUse: nullable, toolKey: nullable, toolNamingVersion: z.number().nullable(), httpMethod: nullable, httpPath: nullable,
});
const ToolPatch = z.object({
  isEnabled: z.boolean().optional(), displayName: z.string().nullable().optional(), description: z.string().nullable().optional(),
  instructions: z.string().nullable().optional(), whenToUse: z.string().nullable().optional(), whenNotToUse: z.string().nullable().optional(),
});
const toolInput = (id: string, p: z.infer<typeof ToolPatch>) => ({
  id, enabled: p.isEnabled, displayName: p.displayName, descriptionOverride: p.description, instructions: p.instructions, whenToUse: p.whenToUse, whenNotToUse: p.whenNotToUse,
});
const ServerIn = z.object({
  name: z.string(), slug: z.string().optional(), description: z.string().optional(), kind: z.string().optional(),
  transport: z.enum(['stdio', 'streamable_http', 'sse']).optional(), command: z.string().optional(), args: z.array(z.string()).optional(), url: z.string().optional(),
  runtimeType: z.string().optional(), openApiSpecJson: z.string().optional(), openApiSpecSource: z.enum(['upload', 'url']).optional(), openApiSpecUrl: z.string().optional(),
  openApiSpecFileName: z.string().optional(),
});

/** The server in the path, if it is the organization's. */
const serverIn = async <T extends { organization: { id: string } }>(orgId: string, load: Promise<{ mcpServer: T }>) => ofOrganization((await load).mcpServer, orgId, 'MCP server');
const detail = async (run: Run, orgId: string, id: string) => {
  const found = await serverIn(orgId, run(Server, { id }));
  return { ...server(found), tools: found.tools.edges.map((e) => tool(e.node)) };
};

export const serverRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers', summary: 'MCP servers of the organization', response: z.array(ServerOut),
    handle: async ({ run, params }) => (await everyPage((after) => run(Servers, { org: params.orgId!, after }).then((d) => d.mcpServers))).map(server),
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/mcp-servers', summary: 'Register an MCP server (a draft to discover tools of), or generate one from an OpenAPI spec (kind generated_openapi, openApiSpecJson or openApiSpecUrl)', status: 201, body: ServerIn, response: ServerOut,
    handle: async ({ run, params, body }) => {
      if (body.kind === 'generated_openapi') {
        const byUrl = (body.openApiSpecSource ?? (body.openApiSpecUrl ? 'url' : 'upload')) === 'url';
        const input = {
          organizationId: params.orgId!, name: body.slug ?? body.name, displayName: body.name, description: body.description,
          ...(byUrl ? { specUrl: body.openApiSpecUrl } : { spec: body.openApiSpecJson, fileName: body.openApiSpecFileName }),
        };
        return server((await run(CreateOpenApiServer, { input })).createOpenApiServer.server);
      }
      if (body.kind !== undefined && body.kind !== 'mcp_server') throw badInput(`kind: "mcp_server" (an existing MCP server) or "generated_openapi" (from an OpenAPI spec)`, { field: 'kind' });
      const transport = (body.transport ?? (body.url ? 'streamable_http' : 'stdio')).toUpperCase() as 'STDIO' | 'STREAMABLE_HTTP' | 'SSE';
      const input = { organizationId: params.orgId!, name: body.slug ?? body.name, displayName: body.name, description: body.description, transport, command: body.command, args: body.args, url: body.url };
      return server((await run(CreateServer, { input })).createMcpServer.server);
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId', summary: 'A server with its tools', response: ServerOut.extend({ tools: z.array(ToolOut) }),
    handle: async ({ run, params }) => detail(run, params.orgId!, params.serverId!),
  }),
  route({
    method: 'PATCH', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId', summary: 'Update a server’s settings', response: ServerOut,
    body: z.object({ name: z.string().optional(), description: z.string().nullable().optional(), url: z.string().optional(), command: z.string().optional(), args: z.array(z.string()).optional() }),
    handle: async ({ run, params, body }) => {
      await serverIn(params.orgId!, run(ServerConfig, { id: params.serverId! }));
      const input = { id: params.serverId!, displayName: body.name, description: body.description, url: body.url, command: body.command, args: body.args };
      return server((await run(UpdateServer, { input })).updateMcpServer.server);
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId', summary: 'Delete a server; its processes stop', status: 204,
    handle: async ({ run, params }) => {
      await serverIn(params.orgId!, run(ServerConfig, { id: params.serverId! }));
      await run(DeleteServer, { id: params.serverId! });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/config', summary: 'How the server is reached (secret values are never shown)',
    response: z.object({ transport: z.string(), command: nullable, args: z.array(z.string()).nullable(), url: nullable, envNames: z.array(z.string()), headerNames: z.array(z.string()), isolation: z.string() }),
    handle: async ({ run, params }) => {
      const c = await serverIn(params.orgId!, run(ServerConfig, { id: params.serverId! }));
      return { transport: KINDS[c.transport], command: c.command ?? null, args: c.args ?? null, url: c.url ?? null, envNames: c.envNames, headerNames: c.headerNames, isolation: c.isolation.toLowerCase() };
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/discover-tools', summary: 'List the tools from the live server and keep them (operator settings survive)',
    response: z.object({ ok: z.boolean(), error: nullable, tools: z.array(ToolOut) }),
    handle: async ({ run, params }) => {
      await serverIn(params.orgId!, run(ServerConfig, { id: params.serverId! }));
      const { validateMcpServer: v } = await run(Discover, { id: params.serverId! });
      return { ok: v.ok, error: v.error ?? null, tools: v.tools.map(tool) };
    },
  }),
  route({
    method: 'PATCH', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/tools/:toolId', summary: 'Change one tool’s settings', body: ToolPatch, response: ToolOut,
    handle: async ({ run, params, body }) => {
      await serverIn(params.orgId!, run(ServerConfig, { id: params.serverId! }));
      const { tool: changed } = (await run(UpdateTool, { input: toolInput(params.toolId!, body) })).updateTool;
      if (changed.server.id !== params.serverId) throw notFound('Tool');
      return tool(changed);
    },
  }),
  route({
    method: 'PUT', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/tools', summary: 'Replace several tools’ settings at once (all or nothing)',
    body: z.array(ToolPatch.extend({ id: z.string() })), response: z.array(ToolOut),
    handle: async ({ run, params, body }) => {
      await serverIn(params.orgId!, run(ServerConfig, { id: params.serverId! }));
      return (await run(UpdateTools, { input: { serverId: params.serverId!, tools: body.map((p) => toolInput(p.id, p)) } })).updateTools.tools.map(tool);
    },
  }),
];
