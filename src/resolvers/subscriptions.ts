import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { mayUse } from '../auth/mcp-access.ts';
import { assert } from '../auth/policy.ts';
import { roleIn } from '../auth/principal.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { ServerSubscription } from '../db/server-subscription.entity.ts';
import { User } from '../db/user.entity.ts';
import { forbidden } from '../errors.ts';
import { actingOrg } from './scope.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { loadServer, serverTarget } from './servers.ts';

/** Ids of the servers assigned to the groups `userId` belongs to. */
async function groupServerIds(em: EntityManager, userId: string): Promise<Set<string>> {
  // em.execute runs inside em's transaction; a bare connection would wait for the pool's only connection.
  const rows = await em.execute<{ server_id: string }[]>(
    'select gs.mcp_server_id as server_id from group_member gm join group_server gs on gs.group_id = gm.group_id where gm.user_id = ?',
    [userId],
  );
  return new Set(rows.map((r) => r.server_id));
}

const facts = (s: McpServer) => ({ id: s.id, orgId: s.org.id, name: s.name, status: s.status, killReason: s.killReason ?? null });

/** The marketplace: servers of the caller's organization they may subscribe to. */
export async function listAvailableServers(ctx: Ctx, args: PageArgs & { organizationId?: string | null }) {
  const principal = ctx.principal;
  const orgId = actingOrg(ctx, args.organizationId);
  assert(principal, 'server.subscribe', { orgId, type: 'Organization' });
  const role = roleIn(principal, orgId);
  const operator = role === 'admin' || role === 'developer';
  const where = operator
    ? { org: orgId, status: { $in: ['validated', 'published'] } }
    : { org: orgId, status: 'published', id: { $in: [...(await groupServerIds(ctx.em, principal.id))] } };
  return paginate(ctx.em, McpServer, where, args);
}

export async function isSubscribed(ctx: Ctx, serverId: string): Promise<boolean> {
  if (ctx.principal?.kind !== 'user') return false;
  return (await ctx.em.count(ServerSubscription, { user: ctx.principal.id, server: serverId })) > 0;
}

const Input = z.object({ serverId: fields.id });

/** Subscribing puts a server's tools on the caller's /mcp; it must be offered to them. Idempotent. */
export async function subscribeToServer(ctx: Ctx, input: z.input<typeof Input>) {
  return mutate(ctx, { type: 'server_subscribed' }, async (em) => {
    const server = await loadServer(ctx, em, parseInput(Input, input).serverId, 'server.read');
    const principal = ctx.principal!;
    assert(principal, 'server.subscribe', { orgId: server.org.id });
    if (!mayUse(principal, facts(server), await groupServerIds(em, principal.id))) {
      throw forbidden('This server is not offered to you: it must be published and assigned to one of your groups');
    }
    const user = em.getReference(User, principal.id);
    if (!(await em.count(ServerSubscription, { user, server }))) em.create(ServerSubscription, { user, server });
    return { result: server, target: serverTarget(server), orgId: server.org.id };
  });
}

export async function unsubscribeFromServer(ctx: Ctx, input: z.input<typeof Input>) {
  return mutate(ctx, { type: 'server_unsubscribed' }, async (em) => {
    const server = await loadServer(ctx, em, parseInput(Input, input).serverId, 'server.read');
    assert(ctx.principal, 'server.subscribe', { orgId: server.org.id });
    await em.nativeDelete(ServerSubscription, { user: ctx.principal.id, server: server.id });
    return { result: server, target: serverTarget(server), orgId: server.org.id };
  });
}
