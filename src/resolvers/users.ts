import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import { Credential } from '../db/credential.entity.ts';
import { Membership, ORG_ROLES } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { SYSTEM_ROLES, User } from '../db/user.entity.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { assertTokenAvailable, countTokenGuess, issueCredential } from './credentials.ts';
import { caseless, caselessPrefix, fields, parseInput, searchAcross } from './input.ts';
import { mutate } from './mutation.ts';
import { defaultOrganization } from './organizations.ts';
import { paginate, type PageArgs } from './pagination.ts';

const userTarget = (user: User) => ({ type: 'User', id: user.id, name: user.username });

export async function getUser(ctx: Ctx, ref: { id?: string | null; username?: string | null; email?: string | null }) {
  const user = ref.id ? { id: ref.id } : ref.email ? { email: caseless(ref.email) } : { username: caseless(ref.username ?? '') };
  if (ref.id) assert(ctx.principal, 'user.read', { ownerId: ref.id });
  const found = await ctx.em.findOne(User, user);
  if (!found) {
    assert(ctx.principal, 'user.read');
    throw notFound('User');
  }
  assert(ctx.principal, 'user.read', { ownerId: found.id });
  return found;
}

const ListFilter = z.object({ search: z.string().max(100).nullish(), active: z.boolean().nullish() }).nullish();

export async function listUsers(ctx: Ctx, args: PageArgs & { filter?: z.input<typeof ListFilter> }) {
  assert(ctx.principal, 'user.read');
  const filter = parseInput(ListFilter, args.filter);
  const where: Record<string, unknown> = {};
  if (filter?.active != null) where.active = filter.active;
  if (filter?.search) Object.assign(where, searchAcross(['username', 'email', 'displayName'], filter.search));
  return paginate(ctx.em, User, where, args);
}

const CreateUserInput = z.object({
  username: fields.username.nullish(),
  email: fields.email.nullish(),
  displayName: fields.displayName.nullish(),
  password: fields.password.nullish(),
  role: z.enum(SYSTEM_ROLES).nullish(),
  issueToken: z.boolean().nullish(),
  token: fields.customToken.nullish(),
  organizationId: fields.id.nullish(),
  organizationRole: z.enum(ORG_ROLES).nullish(),
});

/** Creates a person, member of one organization (the default one unless named); optionally issues their first API token. */
export async function createUser(ctx: Ctx, input: z.input<typeof CreateUserInput>) {
  return mutate(ctx, { type: 'user_created' }, async (em) => {
    assert(ctx.principal, 'user.create');
    const data = parseInput(CreateUserInput, input);
    if (!data.username && !data.email) throw badInput('username or email is required', { fields: ['username', 'email'] });
    const username = data.username ?? (await usernameFrom(em, data.email!));
    await assertUnique(em, { username, email: data.email });
    await assertTokenAvailable(em, data.token);
    const user = em.create(User, {
      username,
      email: data.email ?? null,
      displayName: data.displayName ?? null,
      systemRole: data.role ?? 'user',
      passwordHash: data.password ? await hashPassword(data.password) : null,
    });
    const org = data.organizationId ? await em.findOne(Organization, { id: data.organizationId }) : await defaultOrganization(em);
    if (!org) throw notFound('Organization');
    // The system role is the only grant of its powers: a membership made for it would outlive a demotion.
    em.create(Membership, { user, org, role: data.organizationRole ?? 'viewer' });
    const issued = data.issueToken || data.token
      ? issueCredential(em, { kind: 'api_token', user, org, name: 'default', custom: data.token ?? undefined })
      : null;
    return { result: { user, token: issued?.plaintext ?? null }, target: userTarget(user), orgId: org.id };
  }, () => countTokenGuess(ctx, input.token));
}

const UpdateUserInput = z.object({
  id: fields.id,
  username: fields.username.nullish(),
  email: fields.email.nullish(),
  displayName: fields.displayName.nullish(),
  role: z.enum(SYSTEM_ROLES).nullish(),
  active: z.boolean().nullish(),
});

export async function updateUser(ctx: Ctx, input: z.input<typeof UpdateUserInput>) {
  return mutate(ctx, { type: 'user_updated' }, async (em) => {
    assert(ctx.principal, 'user.update');
    const data = parseInput(UpdateUserInput, input);
    const user = await em.findOne(User, { id: data.id });
    if (!user) throw notFound('User');
    await assertUnique(em, { username: data.username, email: data.email }, user.id);
    const losesAdmin = user.systemRole === 'admin' && user.active && (data.role === 'user' || data.active === false);
    if (losesAdmin) await assertAnotherAdmin(em, user.id);
    if (data.username) user.username = data.username;
    if (data.email !== undefined) user.email = data.email;
    if (data.displayName !== undefined) user.displayName = data.displayName;
    if (data.role) user.systemRole = data.role;
    if (data.active === false && user.active) await revokeAllCredentials(em, user.id);
    if (data.active != null) user.active = data.active;
    const changed = Object.keys(data).filter((k) => k !== 'id' && data[k as keyof typeof data] !== undefined);
    return { result: user, target: userTarget(user), orgId: await soleOrganization(em, user.id), details: { changed } };
  });
}

export async function deleteUser(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'user_deleted' }, async (em) => {
    assert(ctx.principal, 'user.delete');
    const { id } = parseInput(z.object({ id: fields.id }), input);
    const user = await em.findOne(User, { id });
    if (!user) throw notFound('User');
    if (user.systemRole === 'admin') await assertAnotherAdmin(em, user.id);
    const orgId = await soleOrganization(em, user.id);
    await em.nativeDelete(Credential, { user: user.id });
    await em.nativeDelete(Membership, { user: user.id });
    em.remove(user);
    return { result: id, target: userTarget(user), orgId };
  });
}

export async function resetUserPassword(ctx: Ctx, input: { id: string; password: string }) {
  return mutate(ctx, { type: 'password_reset' }, async (em) => {
    assert(ctx.principal, 'user.password.reset');
    const data = parseInput(z.object({ id: fields.id, password: fields.password }), input);
    const user = await em.findOne(User, { id: data.id });
    if (!user) throw notFound('User');
    user.passwordHash = await hashPassword(data.password);
    await em.nativeUpdate(Credential, { user: user.id, kind: 'session', revokedAt: null }, { revokedAt: new Date() });
    return { result: user, target: userTarget(user), orgId: await soleOrganization(em, user.id) };
  });
}

/** A free username made from an email's local part (seed 003 creates people by email only): `ada`, `ada-2`… */
async function usernameFrom(em: EntityManager, email: string): Promise<string> {
  const base = email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9._-]/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 50) || 'user';
  const taken = new Set((await em.find(User, { username: caselessPrefix(base) }, { fields: ['username'] })).map((u) => u.username.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The organization an event about a person is filed under: people belong to the installation, so an
 * organization's admins see it when it is the person's only one.
 */
export async function soleOrganization(em: EntityManager, userId: string): Promise<string | null> {
  const memberships = await em.find(Membership, { user: userId }, { fields: ['org'], limit: 2 });
  return memberships.length === 1 ? memberships[0]!.org.id : null;
}

export async function assertUnique(em: EntityManager, data: { username?: string | null; email?: string | null }, exceptId?: string) {
  const clauses = [];
  if (data.username) clauses.push({ username: caseless(data.username) });
  if (data.email) clauses.push({ email: caseless(data.email) });
  if (!clauses.length) return;
  const clash = await em.findOne(User, { $or: clauses, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (clash) throw conflict(clash.username.toLowerCase() === data.username?.toLowerCase() ? 'Username already taken' : 'Email already taken');
}

async function assertAnotherAdmin(em: EntityManager, userId: string) {
  const others = await em.count(User, { systemRole: 'admin', active: true, id: { $ne: userId } });
  if (!others) throw conflict('The last active administrator cannot be removed or demoted');
}

async function revokeAllCredentials(em: EntityManager, userId: string) {
  await em.nativeUpdate(Credential, { user: userId, revokedAt: null }, { revokedAt: new Date() });
}
