import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { Credential } from '../db/credential.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { unauthenticated } from '../errors.ts';
import type { Ctx } from './context.ts';
import { issueCredential } from './credentials.ts';
import { caseless, fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { defaultOrganization } from './organizations.ts';
import { soleOrganization } from './users.ts';

const LoginInput = z.object({ username: z.string().min(1).max(254), password: z.string().min(1).max(256) });

/**
 * Password login: a session credential, returned once, expiring after the configured time. Attempts are
 * limited per source and per account (see Attempts), counted before the password is checked and outside
 * the transaction, which must not wait on a second connection.
 */
export async function login(ctx: Ctx, input: z.input<typeof LoginInput>) {
  const data = parseInput(LoginInput, input);
  const { attempts } = ctx.services;
  const result = await mutate(ctx, { type: 'login_success', failureType: 'login_failure', actorName: data.username, changesAccess: false }, async (em, userId) => {
    const user = await em.findOneOrFail(User, { id: userId });
    user.lastLoginAt = new Date();
    const expiresAt = new Date(Date.now() + ctx.services.config.sessionTtlMs);
    // A session acts in the person's only organization; one in several (or none) gets the default one.
    const sole = await soleOrganization(em, user.id);
    const org = sole ? em.getReference(Organization, sole) : await defaultOrganization(em);
    const { plaintext, credential } = issueCredential(em, { kind: 'session', user, org, name: ctx.clientLabel ?? 'login', expiresAt });
    ctx.sessionCookie?.set(plaintext, expiresAt);
    return {
      result: { token: plaintext, expiresAt, user, credential },
      target: { type: 'User', id: user.id, name: user.username },
      orgId: sole,
      details: { remoteAddress: ctx.remoteAddress },
    };
  }, async () => {
    await attempts.beginLogin(ctx.remoteAddress, data.username);
    const user = await ctx.em.findOne(User, { $or: [{ username: caseless(data.username) }, { email: caseless(data.username) }] }, {
      populate: ['passwordHash'],
    });
    const valid = await verifyPassword(user?.passwordHash, data.password);
    if (!user || !valid || !user.active) throw unauthenticated('Invalid username or password');
    return user.id;
  });
  await attempts.loginSucceeded(data.username);
  return result;
}

/** Ends the current session. With an API token there is no session to end: revoke the token instead. */
export async function logout(ctx: Ctx) {
  return mutate(ctx, { type: 'logout' }, async (em) => {
    assert(ctx.principal, 'session.read', { ownerId: ctx.principal?.id });
    const ended = ctx.principal.credentialKind === 'session'
      ? await em.nativeUpdate(Credential, { id: ctx.principal.credentialId, revokedAt: null }, { revokedAt: new Date() })
      : 0;
    ctx.sessionCookie?.clear();
    const orgId = ctx.principal.kind === 'user' ? await soleOrganization(em, ctx.principal.id) : ctx.principal.homeOrgId;
    return { result: ended > 0, target: { type: 'User', id: ctx.principal.id, name: ctx.principal.name }, orgId };
  });
}

const ChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(256), newPassword: fields.password });

/** Changing one's own password ends one's other sessions. */
export async function changePassword(ctx: Ctx, input: z.input<typeof ChangePasswordInput>) {
  return mutate(ctx, { type: 'password_changed' }, async (em) => {
    assert(ctx.principal, 'user.password.change', { ownerId: ctx.principal?.id });
    const data = parseInput(ChangePasswordInput, input);
    const user = await em.findOneOrFail(User, { id: ctx.principal.id }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(user.passwordHash, data.currentPassword))) throw unauthenticated('Current password is wrong');
    user.passwordHash = await hashPassword(data.newPassword);
    await em.nativeUpdate(
      Credential,
      { user: user.id, kind: 'session', revokedAt: null, id: { $ne: ctx.principal.credentialId } },
      { revokedAt: new Date() },
    );
    return { result: true, target: { type: 'User', id: user.id, name: user.username }, orgId: await soleOrganization(em, user.id) };
  });
}

export function viewer(ctx: Ctx) {
  const principal = ctx.principal;
  assert(principal, 'session.read', { ownerId: principal?.id });
  return principal;
}
