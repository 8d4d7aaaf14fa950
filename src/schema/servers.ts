import { ISOLATIONS, SERVER_STATUSES, TRANSPORTS, type EnvSchemaField, type McpServer } from '../db/mcp-server.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { serverRuntimes } from '../resolvers/deployments.ts';
import { asOperation } from '../resolvers/operations.ts';
import { archiveServer, publishServer, setServerKillSwitch, validateServer } from '../resolvers/server-lifecycle.ts';
import { splitUrlCredentials } from '../resolvers/server-spec.ts';
import { createServer, deleteServer, getServer, listServers, mayInspect, updateServer } from '../resolvers/servers.ts';
import { listTools } from '../resolvers/tools.ts';
import { mySecretNames } from '../resolvers/user-secrets.ts';
import type { Ctx } from '../resolvers/context.ts';
import { builder, type SchemaTypes } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { DeploymentRef } from './deployments.ts';
import { enumOf } from './enums.ts';
import { KillSwitchInput, KillSwitchRef } from './kill-switch.ts';
import { OrganizationRef } from './organizations.ts';
import { ToolConnection, ToolRef } from './tools.ts';

export const TransportEnum = enumOf('Transport', TRANSPORTS);
export const IsolationEnum = enumOf('Isolation', ISOLATIONS, 'shared: one upstream for everyone; per_user: one per user, with their own values.');
export const ServerStatusEnum = enumOf('ServerStatus', SERVER_STATUSES);
const EnvScopeEnum = enumOf('EnvScope', ['user', 'server'] as const);

const EnvSchemaFieldRef = builder.objectRef<EnvSchemaField>('EnvSchemaField').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.string({ nullable: true, resolve: (f) => f.description ?? null }),
    required: t.exposeBoolean('required'),
    secret: t.exposeBoolean('secret'),
    scope: t.field({ type: EnvScopeEnum, resolve: (f) => f.scope }),
  }),
});

export const McpServerRef = builder.objectRef<McpServer>('McpServer');

builder.node(McpServerRef, {
  description: 'An upstream MCP server in the catalog. Env values and headers are write-only: only their names are shown.',
  id: { resolve: (s) => s.id },
  isTypeOf: (value) => (value as McpServer).id?.startsWith('srv_'),
  loadOne: (id, ctx) => nullIfNotFound(getServer(ctx, { id })),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique in its organization; prefixes its tools on /mcp (`name__tool`).' }),
    displayName: t.exposeString('displayName', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    tags: t.exposeStringList('tags'),
    transport: t.field({ type: TransportEnum, resolve: (s) => s.transport }),
    command: t.string({
      nullable: true,
      description: 'stdio: the program run on the host. Shown to operators (admins and developers) only.',
      resolve: (s, _args, ctx) => (mayInspect(ctx, s) ? s.command : null),
    }),
    args: t.stringList({
      nullable: true,
      description: 'stdio: its arguments. Shown to operators only.',
      resolve: (s, _args, ctx) => (mayInspect(ctx, s) ? s.args : null),
    }),
    url: t.string({
      nullable: true,
      description: 'Remote servers: the endpoint, without the credentials it carried (see urlHasCredentials). Viewers see its origin only.',
      resolve: (s, _args, ctx) => s.url && (mayInspect(ctx, s) ? splitUrlCredentials(s.url).url : new URL(s.url).origin),
    }),
    urlHasCredentials: t.exposeBoolean('urlHasCredentials', {
      description: 'The URL carried user:password@ credentials: they are sealed like headers, sent to the upstream and never shown.',
    }),
    envNames: t.exposeStringList('envNames'),
    headerNames: t.exposeStringList('headerNames'),
    envSchema: t.field({ type: [EnvSchemaFieldRef], resolve: (s) => s.envSchema }),
    isolation: t.field({ type: IsolationEnum, resolve: (s) => s.isolation }),
    status: t.field({ type: ServerStatusEnum, resolve: (s) => s.status }),
    killSwitch: t.field({ type: KillSwitchRef, resolve: (s) => s }),
    toolCount: t.int({ resolve: (s, _args, ctx) => ctx.em.count(Tool, { server: s.id }) }),
    totalInvocations: t.float({ resolve: (s) => s.totalInvocations }),
    validatedAt: t.expose('validatedAt', { type: 'DateTime', nullable: true }),
    validationError: t.exposeString('validationError', { nullable: true }),
    deployments: t.field({
      type: [DeploymentRef],
      deprecationReason: 'Its live instances: use `instances`; its deployments are `deploymentHistory`.',
      description: "This server's runtimes that the caller may see, newest change first: one per instance that runs it (see instanceId), and "
        + "per user of a per-user server (seen by that user and the server's operators).",
      resolve: (s, _args, ctx) => serverRuntimes(ctx, s),
    }),
    instances: t.field({
      type: [DeploymentRef],
      description: "This server's runtimes that the caller may see, newest change first: one per instance that runs it (see instanceId), and "
        + "per user of a per-user server (seen by that user and the server's operators).",
      resolve: (s, _args, ctx) => serverRuntimes(ctx, s),
    }),
    deployment: t.field({
      type: DeploymentRef,
      nullable: true,
      deprecationReason: 'The newest of its live instances: use `instances`; its deployment is `currentDeployment`.',
      description: 'The newest of `deployments`: the latest status change the caller may see, on whichever instance it happened.',
      resolve: (s, _args, ctx) => serverRuntimes(ctx, s)[0] ?? null,
    }),
    mySecretNames: t.stringList({
      description: "Names of the caller's own values stored for this server (values are never shown).",
      resolve: (s, _args, ctx) => mySecretNames(ctx, s.id),
    }),
    organization: t.field({ type: OrganizationRef, resolve: (s, _args, ctx) => ctx.em.findOneOrFail(Organization, s.org.id) }),
    tools: t.connection({ complexity: pageComplexity, type: ToolRef, resolve: (s, args, ctx) => listTools(ctx, s.id, args) }, ToolConnection),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const McpServerConnection = connectionOf(McpServerRef, 'McpServer');

const McpServerFilter = builder.inputType('McpServerFilter', {
  fields: (t) => ({
    organizationId: t.id(),
    status: t.field({ type: ServerStatusEnum }),
    tag: t.string(),
    search: t.string(),
  }),
});

builder.queryFields((t) => ({
  mcpServer: t.field({
    type: McpServerRef,
    description: 'One server, by id, or by name in an organization (the caller’s only one when not named).',
    args: { id: t.arg.id(), name: t.arg.string(), organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => getServer(ctx, args),
  }),
  mcpServers: t.connection({
    complexity: pageComplexity,
    type: McpServerRef,
    args: { filter: t.arg({ type: McpServerFilter }) },
    resolve: (_root, args, ctx) => listServers(ctx, args),
  }, McpServerConnection),
}));

export const KeyValueInput = builder.inputType('KeyValueInput', {
  fields: (t) => ({ name: t.string({ required: true }), value: t.string({ required: true }) }),
});

const EnvSchemaFieldInput = builder.inputType('EnvSchemaFieldInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    required: t.boolean(),
    secret: t.boolean({ description: 'Defaults to true.' }),
    scope: t.field({ type: EnvScopeEnum, description: 'USER values come from each user (per-user isolation). Defaults to SERVER.' }),
  }),
});

const serverFields = (t: PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>) => ({
  displayName: t.string(),
  description: t.string(),
  tags: t.stringList(),
  command: t.string({ description: 'stdio: the program to run. What runs on the host (command, args, env, env schema, isolation) is for system administrators only.' }),
  args: t.stringList(),
  url: t.string({ description: 'streamable_http and sse: the endpoint. Credentials in it (user:password@) are sealed. Changing it drops the sealed headers and credentials unless this update supplies them again.' }),
  env: t.field({ type: [KeyValueInput], description: 'Write-only. Replaces all values when given.' }),
  headers: t.field({ type: [KeyValueInput], description: 'Write-only, sent to the upstream. Replaces all headers when given.' }),
  envSchema: t.field({ type: [EnvSchemaFieldInput] }),
  isolation: t.field({ type: IsolationEnum }),
});

const CreateMcpServerInput = builder.inputType('CreateMcpServerInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    transport: t.field({ type: TransportEnum, required: true }),
    organizationId: t.id({ description: 'Defaults to the caller’s only organization; one in several must name it.' }),
    ...serverFields(t),
  }),
});

/** A server defined where it is used (inline in a toolset): no organization of its own to name. */
export const NewMcpServerInput = builder.inputType('NewMcpServerInput', {
  fields: (t) => ({ name: t.string({ required: true }), transport: t.field({ type: TransportEnum, required: true }), ...serverFields(t) }),
});

const UpdateMcpServerInput = builder.inputType('UpdateMcpServerInput', {
  fields: (t) => ({ id: t.id({ required: true }), name: t.string(), transport: t.field({ type: TransportEnum }), ...serverFields(t) }),
});

export const McpServerPayload = builder.simpleObject('McpServerPayload', { fields: (t) => ({ server: t.field({ type: McpServerRef }) }) });

export const ValidateMcpServerPayload = builder.simpleObject('ValidateMcpServerPayload', {
  fields: (t) => ({
    server: t.field({ type: McpServerRef }),
    ok: t.boolean(),
    error: t.string({ nullable: true, description: 'Why the server could not be reached or listed.' }),
  }),
});

builder.objectField(ValidateMcpServerPayload, 'tools', (t) =>
  t.field({ type: [ToolRef], resolve: (p, _args, ctx) => ctx.em.find(Tool, { server: p.server.id }, { orderBy: { name: 'asc' } }) }));

const serverMutation = (name: string, resolve: (input: { id: string }, ctx: Ctx) => Promise<McpServer>, description?: string) =>
  inputMutation(name, { input: IdInput, payload: McpServerPayload, description, resolve: async (input, ctx) => ({ server: await resolve(input, ctx) }) });

inputMutation('createMcpServer', { input: CreateMcpServerInput, payload: McpServerPayload, resolve: async (input, ctx) => ({ server: await createServer(ctx, input) }) });
inputMutation('updateMcpServer', { input: UpdateMcpServerInput, payload: McpServerPayload, resolve: async (input, ctx) => ({ server: await updateServer(ctx, input) }) });
inputMutation('deleteMcpServer', {
  input: IdInput,
  payload: builder.simpleObject('DeleteMcpServerPayload', { fields: (f) => ({ deletedServerId: f.id() }) }),
  resolve: async (input, ctx) => ({ deletedServerId: await deleteServer(ctx, input) }),
});
inputMutation('validateMcpServer', {
  input: IdInput,
  payload: ValidateMcpServerPayload,
  description: 'Connects (spawns or dials), initializes, lists the tools and stores them. DRAFT becomes VALIDATED.',
  resolve: (input, ctx) => asOperation(ctx, input.id, 'validate', 'server.write', () => validateServer(ctx, input), (v) => ({ ok: v.ok, error: v.error })),
});
const done = () => ({ ok: true });
serverMutation('publishMcpServer', (input, ctx) => asOperation(ctx, input.id, 'publish', 'server.publish', () => publishServer(ctx, input), done), 'Offers a validated server to the groups it is assigned to.');
serverMutation('archiveMcpServer', (input, ctx) => asOperation(ctx, input.id, 'archive', 'server.publish', () => archiveServer(ctx, input), done), 'Takes a server out of service: its users lose access, its processes stop.');
inputMutation('setServerKillSwitch', { input: KillSwitchInput, payload: McpServerPayload, resolve: async (input, ctx) => ({ server: await setServerKillSwitch(ctx, input) }) });
