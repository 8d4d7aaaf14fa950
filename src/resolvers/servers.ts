import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { McpServer, SERVER_STATUSES } from '../db/mcp-server.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { badInput, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput, searchAcross } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { connectionProblems, CreateServerInput, toRecord, UpdateServerInput } from './server-input.ts';
import { openServerSecrets, sealServerSecrets } from './server-spec.ts';

export const serverTarget = (s: McpServer) => ({ type: 'McpServer', id: s.id, name: s.name });

/** Loads a server the caller may act on: NOT_FOUND for unknown ids and for other organizations' servers. */
export async function loadServer(ctx: Ctx, em: EntityManager, id: string, action: Parameters<typeof assert>[1]) {
  const server = await em.findOne(McpServer, { id });
  assert(ctx.principal, action, { orgId: server?.org.id ?? ctx.principal?.orgId, type: 'MCP server' });
  if (!server) throw notFound('MCP server');
  return server;
}

export async function getServer(ctx: Ctx, ref: { id?: string | null; name?: string | null }) {
  if (ref.id) return loadServer(ctx, ctx.em, ref.id, 'server.read');
  const orgId = ctx.principal?.orgId;
  assert(ctx.principal, 'server.read', { orgId });
  const server = await ctx.em.findOne(McpServer, { org: orgId, name: ref.name ?? '' });
  if (!server) throw notFound('MCP server');
  return server;
}

const ListFilter = z.object({
  organizationId: fields.id.nullish(),
  status: z.enum(SERVER_STATUSES).nullish(),
  tag: z.string().max(50).nullish(),
  search: z.string().max(100).nullish(),
}).nullish();

export async function listServers(ctx: Ctx, args: PageArgs & { filter?: z.input<typeof ListFilter> }) {
  const filter = parseInput(ListFilter, args.filter);
  const orgId = filter?.organizationId ?? ctx.principal?.orgId;
  assert(ctx.principal, 'server.read', { orgId, type: 'Organization' });
  const where: Record<string, unknown> = { org: orgId };
  if (filter?.status) where.status = filter.status;
  if (filter?.tag) where.tags = { $contains: [filter.tag] };
  if (filter?.search) Object.assign(where, searchAcross(['name', 'displayName', 'description'], filter.search));
  return paginate(ctx.em, McpServer, where, args);
}

export async function createServer(ctx: Ctx, input: z.input<typeof CreateServerInput>) {
  return mutate(ctx, { type: 'server_created' }, async (em) => {
    const orgId = input.organizationId ?? ctx.principal?.orgId;
    assert(ctx.principal, input.transport === 'stdio' ? 'server.command' : 'server.write', { orgId, type: 'Organization' });
    const data = parseInput(CreateServerInput, input);
    const org = await em.findOne(Organization, { id: orgId! });
    if (!org) throw notFound('Organization');
    const env = toRecord(data.env);
    const headers = toRecord(data.headers);
    const server = em.create(McpServer, {
      org,
      name: data.name,
      displayName: data.displayName ?? null,
      description: data.description ?? null,
      tags: data.tags ?? [],
      transport: data.transport,
      command: data.transport === 'stdio' ? data.command! : null,
      args: data.transport === 'stdio' ? (data.args ?? []) : [],
      url: data.transport === 'stdio' ? null : data.url!,
      sealedSecrets: sealServerSecrets(ctx.services.secrets, { env, headers }),
      envNames: Object.keys(env),
      headerNames: Object.keys(headers),
      envSchema: data.envSchema ?? [],
      isolation: data.isolation ?? 'shared',
    });
    return { result: server, target: serverTarget(server), orgId: org.id };
  });
}

const CONNECTION_FIELDS = ['transport', 'command', 'args', 'url', 'env', 'headers', 'isolation'] as const;

/** Changes a server; changed connection settings take effect by restarting its running connections. */
export async function updateServer(ctx: Ctx, input: z.input<typeof UpdateServerInput>) {
  const server = await mutate(ctx, { type: 'server_updated' }, async (em) => {
    const server = await loadServer(ctx, em, input.id, 'server.write');
    const data = parseInput(UpdateServerInput, input);
    const becomesStdio = (data.transport ?? server.transport) === 'stdio';
    if (becomesStdio && (data.transport || data.command !== undefined || data.args !== undefined)) {
      assert(ctx.principal, 'server.command', { orgId: server.org.id });
    }
    const merged = { transport: data.transport ?? server.transport, command: data.command ?? server.command, url: data.url ?? server.url };
    const problems = connectionProblems(merged);
    if (problems.length) throw badInput(problems.join('; '));
    const secrets = openServerSecrets(ctx.services.secrets, server);
    if (data.env != null) secrets.env = toRecord(data.env);
    if (data.headers != null) secrets.headers = toRecord(data.headers);
    Object.assign(server, {
      ...(data.name && { name: data.name }),
      ...(data.displayName !== undefined && { displayName: data.displayName }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.tags != null && { tags: data.tags }),
      ...(data.envSchema != null && { envSchema: data.envSchema }),
      ...(data.isolation && { isolation: data.isolation }),
      transport: merged.transport,
      command: merged.transport === 'stdio' ? merged.command : null,
      args: merged.transport === 'stdio' ? (data.args ?? server.args) : [],
      url: merged.transport === 'stdio' ? null : merged.url,
      sealedSecrets: sealServerSecrets(ctx.services.secrets, secrets),
      envNames: Object.keys(secrets.env),
      headerNames: Object.keys(secrets.headers),
    });
    const changed = Object.keys(data).filter((k) => k !== 'id' && data[k as keyof typeof data] !== undefined);
    return { result: server, target: serverTarget(server), orgId: server.org.id, details: { changed } };
  });
  if (CONNECTION_FIELDS.some((f) => input[f] !== undefined)) await ctx.services.upstreams.stop(server.id);
  return server;
}

export async function deleteServer(ctx: Ctx, input: { id: string }) {
  const id = await mutate(ctx, { type: 'server_deleted' }, async (em) => {
    const server = await loadServer(ctx, em, parseInput(z.object({ id: fields.id }), input).id, 'server.write');
    em.remove(server);
    return { result: server.id, target: serverTarget(server), orgId: server.org.id };
  });
  await ctx.services.upstreams.stop(id);
  return id;
}
