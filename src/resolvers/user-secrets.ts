import { z } from 'zod';
import { loadsCode } from '../auth/host-env.ts';
import { assert } from '../auth/policy.ts';
import { UserServerSecret } from '../db/user-server-secret.entity.ts';
import { User } from '../db/user.entity.ts';
import { badInput } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { loadServer, serverTarget } from './servers.ts';

const SetInput = z.object({
  serverId: fields.id,
  values: z.array(z.object({
    name: z.string().min(1).max(128).refine((name) => !loadsCode(name), 'changes how the process finds or loads code: refused'),
    value: z.string().max(8_192),
  })).max(100),
});

/** A person stores their own values for a per-user server's `scope: user` variables (write-only). */
export async function setMyServerSecrets(ctx: Ctx, input: z.input<typeof SetInput>) {
  const result = await mutate(ctx, { type: 'user_secrets_set' }, async (em) => {
    assert(ctx.principal, 'secret.write', { ownerId: ctx.principal?.kind === 'user' ? ctx.principal.id : null });
    const server = await loadServer(ctx, em, input.serverId, 'server.read');
    const data = parseInput(SetInput, input);
    const allowed = new Set(server.envSchema.filter((f) => f.scope === 'user').map((f) => f.name));
    const unknown = data.values.filter((v) => !allowed.has(v.name)).map((v) => v.name);
    if (unknown.length) throw badInput(`Not user variables of this server: ${unknown.join(', ')}`);
    const values = Object.fromEntries(data.values.map((v) => [v.name, v.value]));
    const user = em.getReference(User, ctx.principal.id);
    const existing = await em.findOne(UserServerSecret, { user, server });
    const sealedValues = ctx.services.secrets.seal(values);
    if (existing) Object.assign(existing, { sealedValues, names: Object.keys(values) });
    else em.create(UserServerSecret, { user, server, sealedValues, names: Object.keys(values) });
    return { result: { server, names: Object.keys(values) }, target: serverTarget(server), orgId: server.org.id, details: { names: Object.keys(values) } };
  });
  await ctx.services.upstreams.stop(result.server.id, ctx.principal!.id);
  return result;
}

export async function mySecretNames(ctx: Ctx, serverId: string): Promise<string[]> {
  if (ctx.principal?.kind !== 'user') return [];
  const own = await ctx.em.findOne(UserServerSecret, { user: ctx.principal.id, server: serverId });
  return own?.names ?? [];
}
