import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert, missing } from '../auth/policy.ts';
import { digestToken, maskToken } from '../auth/tokens.ts';
import { randomBase62 } from '../db/ids.ts';
import { Membership } from '../db/membership.entity.ts';
import { PresharedKey } from '../db/preshared-key.entity.ts';
import { User } from '../db/user.entity.ts';
import { AppError, ErrorCode, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { issueCredential } from './credentials.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';

const PREFIX = 'sbp_';
const keyTarget = (k: PresharedKey) => ({ type: 'PresharedKey', id: k.id, name: k.label });

/** A person's keys, or (for system administrators) anyone's; newest first. */
export async function listPresharedKeys(ctx: Ctx, args: { userId?: string | null }) {
  const userId = args.userId ?? ctx.principal?.id;
  assert(ctx.principal, 'credential.read', { ownerId: userId });
  return ctx.em.find(PresharedKey, { user: userId! }, { orderBy: { createdAt: 'desc', id: 'desc' }, populate: ['credential'] });
}

const CreateInput = z.object({ label: fields.name, userId: fields.id.nullish() });

/** Issues a one-time key for a client of `userId` (the caller by default): shown this once. */
export async function createPresharedKey(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'preshared_key_created' }, async (em) => {
    const userId = input.userId ?? ctx.principal?.id;
    assert(ctx.principal, 'credential.create', { ownerId: userId });
    const data = parseInput(CreateInput, input);
    const user = await em.findOne(User, { id: userId! });
    if (!user) throw notFound('User');
    const key = PREFIX + randomBase62(32);
    const presharedKey = em.create(PresharedKey, { user, label: data.label, digest: digestToken(key), masked: maskToken(key, PREFIX) });
    return { result: { presharedKey, key }, target: keyTarget(presharedKey), details: { userId: user.id } };
  });
}

async function loadKey(ctx: Ctx, em: EntityManager, id: string) {
  const key = await em.findOne(PresharedKey, { id });
  if (!key) missing(ctx.principal, 'credential.manage', 'Preshared key');
  assert(ctx.principal, 'credential.manage', { ownerId: key.user.id });
  return key;
}

export async function revokePresharedKey(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'preshared_key_revoked' }, async (em) => {
    const key = await loadKey(ctx, em, parseInput(z.object({ id: fields.id }), input).id);
    key.revokedAt ??= new Date();
    return { result: key, target: keyTarget(key) };
  });
}

const RegisterInput = z.object({ presharedKey: z.string().min(1).max(200), label: fields.name });

/**
 * A client registers with the key its person gave it: it gets an API token of that person, named by
 * `label` (how the audit log names the client), and the key is spent. Guesses count as failed authentications.
 */
export async function registerClient(ctx: Ctx, input: z.input<typeof RegisterInput>) {
  return mutate(ctx, { type: 'client_registered' }, async (em, attempt) => {
    const data = parseInput(RegisterInput, input);
    const key = await em.findOne(PresharedKey, { digest: digestToken(data.presharedKey) }, { populate: ['user'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!key || key.revokedAt || !key.user.active) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Invalid preshared key');
    if (key.usedAt) throw new AppError(ErrorCode.CONFLICT, 'This preshared key has been used: ask for a new one');
    const memberships = await em.find(Membership, { user: key.user }, { fields: ['org'], limit: 2 });
    const org = memberships[0]?.org;
    if (!org) throw new AppError(ErrorCode.CONFLICT, 'The key’s owner belongs to no organization');
    const { credential, plaintext } = issueCredential(em, { kind: 'api_token', user: key.user, org, name: data.label });
    Object.assign(key, { usedAt: new Date(), credential });
    attempt.succeeded();
    return { result: { credential, token: plaintext }, target: keyTarget(key), orgId: memberships.length === 1 ? org.id : null, details: { label: data.label } };
  }, () => ctx.services.attempts.beginAuthentication(ctx.remoteAddress));
}
