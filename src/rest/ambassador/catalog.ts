import { z } from 'zod';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route, type RestCall } from '../route.ts';

graphql(`fragment AmbassadorMcp on McpServer {
  id name displayName description transport command args url envSchema { name description required secret scope } isolation tags status
  killSwitch { active reason } createdAt
}`);
const Mcps = graphql(`query AmbassadorMcps($after: String) { mcpServers(first: 50, after: $after) { edges { node { ...AmbassadorMcp } } pageInfo { hasNextPage endCursor } } }`);
const CreateMcp = graphql(`mutation AmbassadorCreateMcp($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...AmbassadorMcp } } }`);
const ValidateMcp = graphql(`mutation AmbassadorValidateMcp($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { name } tools { name } } }`);
const PublishMcp = graphql(`mutation AmbassadorPublishMcp($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }`);
const ArchiveMcp = graphql(`mutation AmbassadorArchiveMcp($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }`);
const KillMcp = graphql(`mutation AmbassadorKillMcp($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...AmbassadorMcp } } }`);
const ToolByName = graphql(`query AmbassadorTool($serverId: ID!, $name: String!) { tool(serverId: $serverId, name: $name) { id } }`);
const KillTool = graphql(`mutation AmbassadorKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { name killSwitch { active reason } } } }`);

type Mcp = ReturnType<typeof toMcp>;
type McpFields = Parameters<typeof toMcp>[0];

function toMcp(s: {
  id: string; name: string; displayName?: string | null; description?: string | null; transport: string; command?: string | null; args?: string[] | null;
  url?: string | null; envSchema: { name: string; description?: string | null; required: boolean; secret: boolean; scope: string }[]; isolation: string;
  tags: string[]; status: string; killSwitch: { active: boolean; reason?: string | null }; createdAt: string;
}) {
  return {
    id: s.id, name: s.name, display_name: s.displayName ?? null, description: s.description ?? null, transport: s.transport.toLowerCase() as 'stdio' | 'streamable_http' | 'sse',
    command: s.command ?? null, args: s.args ?? null, url: s.url ?? null,
    env_schema: s.envSchema.map((f) => ({ name: f.name, description: f.description ?? null, required: f.required, secret: f.secret, scope: f.scope.toLowerCase() as 'user' | 'server' })),
    isolation: s.isolation.toLowerCase() as 'shared' | 'per_user', tags: s.tags, status: s.status.toLowerCase() as 'draft' | 'validated' | 'published' | 'archived', killed: s.killSwitch.active, kill_reason: s.killSwitch.reason ?? null,
    created_at: s.createdAt,
  };
}

const McpOut = z.object({
  id: z.string(), name: z.string(), display_name: z.string().nullable(), description: z.string().nullable(), transport: z.enum(['stdio', 'streamable_http', 'sse']),
  command: z.string().nullable(), args: z.array(z.string()).nullable(), url: z.string().nullable(),
  env_schema: z.array(z.object({ name: z.string(), description: z.string().nullable(), required: z.boolean(), secret: z.boolean(), scope: z.enum(['user', 'server']) })),
  isolation: z.enum(['shared', 'per_user']), tags: z.array(z.string()), status: z.enum(['draft', 'validated', 'published', 'archived']),
  killed: z.boolean(), kill_reason: z.string().nullable(), created_at: z.string(),
}) satisfies z.ZodType<Mcp>;

const McpIn = z.object({
  name: z.string(),
  display_name: z.string().optional(),
  description: z.string().optional(),
  transport: z.enum(['stdio', 'streamable_http', 'sse']),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  url: z.string().optional(),
  env_schema: z.array(z.object({
    name: z.string(), description: z.string().optional(), required: z.boolean().optional(), secret: z.boolean().optional(), scope: z.enum(['user', 'server']).optional(),
  })).optional(),
  isolation: z.enum(['shared', 'per_user']).optional(),
  tags: z.array(z.string()).optional(),
});

const upper = <T extends string>(value: T | undefined) => value?.toUpperCase() as Uppercase<T> | undefined;
const KillIn = z.object({ active: z.boolean(), reason: z.string().optional() });
const mcpAction = (path: string, summary: string, act: (call: RestCall<unknown>, id: string) => Promise<McpFields>) =>
  route({ method: 'POST', path, summary, response: McpOut, handle: async (call) => toMcp(await act(call, call.params.id!)) });

export const catalogRoutes = [
  route({
    method: 'GET', path: '/v1/admin/mcps', summary: 'The catalog, in every state', response: z.array(McpOut),
    handle: async ({ run }) => (await everyPage((after) => run(Mcps, { after }).then((d) => d.mcpServers))).map(toMcp),
  }),
  route({
    method: 'POST', path: '/v1/admin/mcps', summary: 'Add an MCP to the catalog (a draft)', status: 201, body: McpIn, response: McpOut,
    handle: async ({ run, body }) => {
      const input = {
        name: body.name, displayName: body.display_name, description: body.description, transport: upper(body.transport)!, command: body.command, args: body.args,
        url: body.url, isolation: upper(body.isolation), tags: body.tags,
        envSchema: body.env_schema?.map((f) => ({ name: f.name, description: f.description, required: f.required, secret: f.secret, scope: upper(f.scope) })),
      };
      return toMcp((await run(CreateMcp, { input })).createMcpServer.server);
    },
  }),
  route({
    method: 'POST', path: '/v1/admin/mcps/:id/validate', summary: 'Spawn or dial the MCP and fetch its tools',
    response: z.object({ status: z.enum(['ok', 'error']), tools: z.array(z.string()), error: z.string().optional() }),
    handle: async ({ run, params }) => {
      const { validateMcpServer: v } = await run(ValidateMcp, { id: params.id! });
      return { status: v.ok ? ('ok' as const) : ('error' as const), tools: v.tools.map((t) => `${v.server.name}.${t.name}`), ...(v.error && { error: v.error }) };
    },
  }),
  mcpAction('/v1/admin/mcps/:id/publish', 'Publish: users of its groups may subscribe', async ({ run }, id) => (await run(PublishMcp, { id })).publishMcpServer.server),
  mcpAction('/v1/admin/mcps/:id/archive', 'Archive: subscribers lose access, processes stop', async ({ run }, id) => (await run(ArchiveMcp, { id })).archiveMcpServer.server),
  route({
    method: 'PUT', path: '/v1/admin/mcps/:id/kill', summary: 'MCP kill switch: every tool is refused while active', body: KillIn, response: McpOut,
    handle: async ({ run, params, body }) => toMcp((await run(KillMcp, { input: { id: params.id!, active: body.active, reason: body.reason } })).setServerKillSwitch.server),
  }),
  route({
    method: 'PUT', path: '/v1/admin/mcps/:id/tools/:tool_name/kill', summary: 'Tool kill switch', body: KillIn,
    response: z.object({ tool_name: z.string(), killed: z.boolean(), kill_reason: z.string().nullable() }),
    handle: async ({ run, params, body }) => {
      const { tool } = await run(ToolByName, { serverId: params.id!, name: params.tool_name! });
      const killed = (await run(KillTool, { input: { id: tool.id, active: body.active, reason: body.reason } })).setToolKillSwitch.tool;
      return { tool_name: killed.name, killed: killed.killSwitch.active, kill_reason: killed.killSwitch.reason ?? null };
    },
  }),
];
