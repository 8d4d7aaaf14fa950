import { z } from 'zod';
import { badInput } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { ofOrganization, route, type Run } from '../route.ts';
import { server, ServerOut } from './servers.ts';

const SpecOf = graphql(`query StackOpenApiSpec($id: ID!) { mcpServer(id: $id) { id organization { id } openApi {
  endpoints { toolKey method path enabled tool { id name } }
  auth { type in name username tokenUrl scopes hasSecret }
} } }`);
const ReplaceSpec = graphql(`mutation StackReplaceOpenApiSpec($input: ReplaceOpenApiSpecInput!) { replaceOpenApiSpec(input: $input) { server { ...StackServer } } }`);
const RefreshSpec = graphql(`mutation StackRefreshOpenApiSpec($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { ...StackServer } } }`);
const SetEndpoints = graphql(`mutation StackSetOpenApiEndpoints($input: SetOpenApiEndpointsInput!) { setOpenApiEndpoints(input: $input) { server { id } } }`);
const SetAuth = graphql(`mutation StackSetOpenApiAuth($input: SetOpenApiAuthInput!) { setOpenApiAuth(input: $input) { server { id } } }`);
const DiscoverAuth = graphql(`mutation StackDiscoverOpenApiAuth($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery {
  required schemes { name type in paramName scheme tokenUrl scopes operations } probe { method url status authenticate error }
} } }`);

const nullable = z.string().nullable();
const AUTH_TYPES = ['none', 'api_key', 'bearer', 'basic', 'oauth2_client_credentials'] as const;
export const OpenApiAuthOut = z.object({
  type: z.enum(AUTH_TYPES), in: z.enum(['header', 'query', 'cookie']).nullable(), name: nullable, username: nullable, tokenUrl: nullable, scopes: z.array(z.string()), hasSecret: z.boolean(),
});
export const OpenApiAuthIn = z.object({
  type: z.enum(AUTH_TYPES), in: z.enum(['header', 'query', 'cookie']).optional(), name: z.string().optional(), username: z.string().optional(),
  tokenUrl: z.string().optional(), scopes: z.array(z.string()).optional(), secret: z.string().optional(),
});
const EndpointsOut = z.object({
  endpoints: z.array(z.object({ toolKey: z.string(), httpMethod: z.string(), httpPath: z.string(), toolId: z.string(), toolName: z.string(), isEnabled: z.boolean() })),
  enabledToolKeys: z.array(z.string()),
});

/** The spec of the OpenAPI server in the path, if it is the organization's. */
async function specIn(run: Run, orgId: string, id: string) {
  const { openApi } = ofOrganization((await run(SpecOf, { id })).mcpServer, orgId, 'MCP server');
  if (!openApi) throw badInput('serverId: not a server generated from an OpenAPI spec', { field: 'serverId' });
  return openApi;
}
type Spec = Awaited<ReturnType<typeof specIn>>;

const endpointsOf = (spec: Spec) => ({
  endpoints: spec.endpoints.map((e) => ({ toolKey: e.toolKey, httpMethod: e.method, httpPath: e.path, toolId: e.tool.id, toolName: e.tool.name, isEnabled: e.enabled })),
  enabledToolKeys: spec.endpoints.filter((e) => e.enabled).map((e) => e.toolKey),
});

const authOf = (a: NonNullable<Spec['auth']>) => ({
  type: a.type.toLowerCase() as (typeof AUTH_TYPES)[number], in: (a.in?.toLowerCase() ?? null) as 'header' | 'query' | 'cookie' | null,
  name: a.name ?? null, username: a.username ?? null, tokenUrl: a.tokenUrl ?? null, scopes: a.scopes, hasSecret: a.hasSecret,
});

/** auth-config of an OpenAPI server (the route is shared with MCP servers, whose auth is their headers). */
export async function openApiAuthConfig(run: Run, orgId: string, id: string) {
  return authOf((await specIn(run, orgId, id)).auth!);
}

export async function setOpenApiAuthConfig(run: Run, orgId: string, id: string, body: z.infer<typeof OpenApiAuthIn>) {
  await specIn(run, orgId, id);
  const auth = { ...body, type: body.type.toUpperCase() as Uppercase<typeof body.type>, in: body.in?.toUpperCase() as Uppercase<NonNullable<typeof body.in>> | undefined };
  await run(SetAuth, { input: { id, auth } });
  return openApiAuthConfig(run, orgId, id);
}

const base = '/api/v1/organizations/:orgId/mcp-servers/:serverId';

/** Seed 002's routes of a server generated from an OpenAPI spec: its spec, its endpoint set, what its API requires. */

export const openApiRoutes = [
  route({
    method: 'PUT', path: `${base}/openapi`, summary: 'Replace the stored OpenAPI spec and re-import its tools (operator settings survive)', response: ServerOut,
    body: z.object({ openApiSpecJson: z.string().optional(), openApiSpecFileName: z.string().optional(), openApiSpecUrl: z.string().optional() }),
    handle: async ({ run, params, body }) => {
      await specIn(run, params.orgId!, params.serverId!);
      const input = { id: params.serverId!, spec: body.openApiSpecJson, fileName: body.openApiSpecFileName, specUrl: body.openApiSpecUrl };
      return server((await run(ReplaceSpec, { input })).replaceOpenApiSpec.server);
    },
  }),
  route({
    method: 'POST', path: `${base}/openapi/refresh`, summary: 'Fetch a URL-backed spec again and re-import its tools', response: ServerOut,
    handle: async ({ run, params }) => {
      await specIn(run, params.orgId!, params.serverId!);
      return server((await run(RefreshSpec, { id: params.serverId! })).refreshOpenApiSpec.server);
    },
  }),
  route({
    method: 'GET', path: `${base}/endpoints`, summary: 'The spec’s operations and which are exposed as tools', response: EndpointsOut,
    handle: async ({ run, params }) => endpointsOf(await specIn(run, params.orgId!, params.serverId!)),
  }),
  route({
    method: 'PUT', path: `${base}/endpoints`, summary: 'Replace the enabled endpoint set (toolKeys); every other endpoint is disabled', response: EndpointsOut,
    body: z.object({ enabledToolKeys: z.array(z.string()) }),
    handle: async ({ run, params, body }) => {
      await specIn(run, params.orgId!, params.serverId!);
      await run(SetEndpoints, { input: { id: params.serverId!, enabled: body.enabledToolKeys } });
      return endpointsOf(await specIn(run, params.orgId!, params.serverId!));
    },
  }),
  route({
    method: 'POST', path: `${base}/auth-discovery`, summary: 'What the API requires: the spec’s security schemes and a probe without credentials (401 and WWW-Authenticate)',
    response: z.object({
      required: z.boolean(),
      schemes: z.array(z.object({ name: z.string(), type: z.string(), in: nullable, paramName: nullable, scheme: nullable, tokenUrl: nullable, scopes: z.array(z.string()), operations: z.number() })),
      probe: z.object({ method: z.string(), url: z.string(), status: z.number().nullable(), authenticate: nullable, error: nullable }).nullable(),
    }),
    handle: async ({ run, params }) => {
      await specIn(run, params.orgId!, params.serverId!);
      const { discovery } = (await run(DiscoverAuth, { id: params.serverId! })).discoverOpenApiAuth;
      return discovery;
    },
  }),
];
