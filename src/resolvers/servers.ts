import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert, can } from '../auth/policy.ts';
import { McpServer, SERVER_STATUSES } from '../db/mcp-server.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { UserServerSecret } from '../db/user-server-secret.entity.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import { actingOrg, authorizedOrg, authorizeFound, byIdOrName, type NamedRef } from './scope.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput, searchAcross } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { assertNoCodeLoading, CreateServerInput, toRecord, UpdateServerInput } from './server-input.ts';
import { openServerSecrets, sealedFields, splitUrlCredentials } from './server-spec.ts';
import { planUpdate } from './server-update.ts';

export const serverTarget = (s: McpServer) => ({ type: 'McpServer', id: s.id, name: s.name });

/** Loads a server the caller may act on: NOT_FOUND for unknown ids and for other organizations' servers. */
export async function loadServer(ctx: Ctx, em: EntityManager, id: string, action: Parameters<typeof assert>[1]) {
  const server = await em.findOne(McpServer, { id });
  authorizeFound(ctx, action, 'MCP server', server?.org.id);
  return server!;
}

/** A URL whose host is an address never dialled is refused at once; names are checked when dialled. */
function assertDialable(ctx: Ctx, url: string) {
  const refusal = ctx.services.outbound.urlRefusal(new URL(url));
  if (refusal) throw badInput(`url: ${refusal}`);
}

/** Operators see how a server is reached (command, args, full URL); viewers see what it is. */
export const mayInspect = (ctx: Ctx, server: McpServer) => can(ctx.principal, 'server.inspect', { orgId: server.org.id });

export async function getServer(ctx: Ctx, ref: NamedRef) {
  const server = await ctx.em.findOne(McpServer, byIdOrName(ctx, ref));
  authorizeFound(ctx, 'server.read', 'MCP server', server?.org.id);
  return server!;
}

const ListFilter = z.object({
  organizationId: fields.id.nullish(),
  status: z.enum(SERVER_STATUSES).nullish(),
  tag: z.string().max(50).nullish(),
  search: z.string().max(100).nullish(),
}).nullish();

export async function listServers(ctx: Ctx, args: PageArgs & { filter?: z.input<typeof ListFilter> }) {
  const filter = parseInput(ListFilter, args.filter);
  const orgId = authorizedOrg(ctx, filter?.organizationId, 'server.read');
  const where: Record<string, unknown> = { org: orgId };
  if (filter?.status) where.status = filter.status;
  if (filter?.tag) where.tags = { $contains: [filter.tag] };
  if (filter?.search) Object.assign(where, searchAcross(['name', 'displayName', 'description'], filter.search));
  return paginate(ctx.em, McpServer, where, args);
}

/**
 * Puts a new server in `orgId`, inside the caller's transaction: the one way servers are made, whether
 * on their own or inline in a toolset or an import.
 */
export async function insertServer(ctx: Ctx, em: EntityManager, orgId: string, input: Omit<z.input<typeof CreateServerInput>, 'organizationId'>) {
  assert(ctx.principal, 'server.write', { orgId, type: 'Organization' });
  if (input.transport === 'stdio') assert(ctx.principal, 'server.command', { orgId });
  const data = parseInput(CreateServerInput, input);
  assertNoCodeLoading(data);
  const org = await em.findOne(Organization, { id: orgId });
  if (!org) throw notFound('Organization');
  if (await em.count(McpServer, { org, name: data.name })) throw conflict(`A server named ${data.name} already exists`);
  const stdio = data.transport === 'stdio';
  const remote = stdio ? null : splitUrlCredentials(data.url!);
  if (remote) assertDialable(ctx, remote.url);
  const secrets = { env: toRecord(data.env), headers: toRecord(data.headers), urlCredentials: remote?.credentials };
  return em.create(McpServer, {
    org,
    name: data.name,
    displayName: data.displayName ?? null,
    description: data.description ?? null,
    tags: data.tags ?? [],
    transport: data.transport,
    command: stdio ? data.command! : null,
    args: stdio ? (data.args ?? []) : [],
    url: remote?.url ?? null,
    envSchema: data.envSchema ?? [],
    isolation: data.isolation ?? 'shared',
    ...sealedFields(ctx.services.secrets, secrets),
  });
}

export async function createServer(ctx: Ctx, input: z.input<typeof CreateServerInput>) {
  return mutate(ctx, { type: 'server_created' }, async (em) => {
    const server = await insertServer(ctx, em, actingOrg(ctx, input.organizationId), input);
    return { result: server, target: serverTarget(server), orgId: server.org.id };
  });
}

/**
 * Changes a server. Changing what runs on the host needs `server.command`; changing where its secrets go
 * drops them (see `planUpdate`). Changed connection settings take effect by restarting its connections.
 */
export async function updateServer(ctx: Ctx, input: z.input<typeof UpdateServerInput>) {
  // The usage rollup finds a call's server by its name: the calls made under the old one are counted
  // first, once the caller is known to be allowed (a refused request changes nothing).
  const countCallsBeforeRename = async () => {
    if (!input.name) return;
    await loadServer(ctx, ctx.em.fork(), parseInput(UpdateServerInput, input).id, 'server.write');
    await ctx.services.usage.catchUp();
  };
  const { server, reconnect } = await mutate(ctx, { type: 'server_updated' }, async (em) => {
    const server = await loadServer(ctx, em, input.id, 'server.write');
    const data = parseInput(UpdateServerInput, input);
    const plan = planUpdate(server, data, openServerSecrets(ctx.services.secrets, server));
    if (data.url && plan.connection.url) assertDialable(ctx, plan.connection.url);
    if (plan.changesHost) assert(ctx.principal, 'server.command', { orgId: server.org.id });
    assertNoCodeLoading(data);
    if (plan.dropsUserValues) await em.nativeDelete(UserServerSecret, { server: server.id });
    Object.assign(server, {
      ...(data.name && { name: data.name }),
      ...(data.displayName !== undefined && { displayName: data.displayName }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.tags != null && { tags: data.tags }),
      ...plan.connection,
      ...sealedFields(ctx.services.secrets, plan.secrets),
    });
    const changed = Object.keys(data).filter((k) => k !== 'id' && data[k as keyof typeof data] !== undefined);
    const outcome = { server, reconnect: plan.reconnects };
    return { result: outcome, target: serverTarget(server), orgId: server.org.id, details: { changed, dropped: plan.dropped } };
  }, countCallsBeforeRename);
  if (reconnect) await ctx.services.upstreams.stop(server.id);
  return server;
}

export async function deleteServer(ctx: Ctx, input: { id: string }) {
  // Its calls are counted while the name is still its own (a new server of that name starts from none),
  // once the caller is known to be allowed.
  const countCallsFirst = async () => {
    const { id: serverId } = parseInput(z.object({ id: fields.id }), input);
    await loadServer(ctx, ctx.em.fork(), serverId, 'server.write');
    await ctx.services.usage.catchUp();
    return serverId;
  };
  const id = await mutate(ctx, { type: 'server_deleted' }, async (em, serverId) => {
    const server = await loadServer(ctx, em, serverId, 'server.write');
    em.remove(server);
    return { result: server.id, target: serverTarget(server), orgId: server.org.id };
  }, countCallsFirst);
  await ctx.services.upstreams.stop(id);
  return id;
}
