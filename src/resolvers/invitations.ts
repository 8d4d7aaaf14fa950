import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { rateLimited } from '../auth/attempts.ts';
import { hashPassword } from '../auth/passwords.ts';
import { assert } from '../auth/policy.ts';
import { digestToken } from '../auth/tokens.ts';
import { randomBase62 } from '../db/ids.ts';
import { Invitation, invitationStatus } from '../db/invitation.entity.ts';
import { MailMessage } from '../db/mail-message.entity.ts';
import { Membership, ORG_ROLES } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { AppError, ErrorCode, conflict, notFound } from '../errors.ts';
import type { Ctx, Services } from './context.ts';
import { caseless, fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { authorizeFound } from './scope.ts';
import { assertUnique } from './users.ts';

const TTL_MS = 7 * 24 * 3_600_000;
// FOR UPDATE of the invitation and of its organization (joined): every write about an organization's invitations
// then runs one at a time, so no check (pending? accepted? a member already?) is made stale by another at once.
const writeLock = { lockMode: LockMode.PESSIMISTIC_WRITE } as const;
const SECRET_PREFIX = 'sbi_';
/** A resend waits this long after the last mail: nobody's inbox is flooded with one invitation. */
const RESEND_AFTER_MS = 60_000;

const invitationTarget = (i: Invitation) => ({ type: 'Invitation', id: i.id, name: i.email });

/** A new one-time secret and when it stops working: issued on invitation and on every resend. */
function freshSecret(now = new Date()) {
  const secret = SECRET_PREFIX + randomBase62(32);
  return { secret, digest: digestToken(secret), expiresAt: new Date(now.getTime() + TTL_MS) };
}

/** The link a person follows: the secret rides in the fragment, which browsers never send to a server or a Referer. */
const inviteUrl = (ctx: Ctx, invitation: Invitation, secret: string) => `${ctx.services.publicUrl()}/invitations/${invitation.id}#${secret}`;

async function loadInvitation(ctx: Ctx, em: EntityManager, id: string, action: 'invitation.read' | 'invitation.write') {
  const invitation = await em.findOne(Invitation, { id }, { populate: ['org'], ...(action === 'invitation.write' && writeLock) });
  authorizeFound(ctx, action, 'Invitation', invitation?.org.id);
  return invitation!;
}

export const getInvitation = (ctx: Ctx, id: string) => loadInvitation(ctx, ctx.em, id, 'invitation.read');

/** Invitations that can still be accepted, as `invitationStatus` says 'pending'. */
const pending = () => ({ acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() } });

export async function listInvitations(ctx: Ctx, org: Organization, args: PageArgs & { includeClosed?: boolean | null }) {
  assert(ctx.principal, 'invitation.read', { orgId: org.id, type: 'Organization' });
  return paginate(ctx.em, Invitation, { org, ...(!args.includeClosed && pending()) }, args);
}

/** Stages the invitation mail in the transaction; `send` delivers it once that has committed. */
function stageMail(ctx: Ctx, em: EntityManager, invitation: Invitation, secret: string) {
  const url = inviteUrl(ctx, invitation, secret);
  const mail = ctx.services.outbox.stage(em, {
    to: invitation.email,
    subject: `You are invited to ${invitation.org.name} on Switchboard`,
    text: `You are invited to join ${invitation.org.name} as ${invitation.role}.\n\nAccept within 7 days: ${url}\n`,
    subjectId: invitation.id,
  });
  return { url, mailId: mail.id };
}

/** Delivers an invitation's staged mail and records the outcome on it: a failure is kept, never lost. */
async function deliver(services: Services, invitationId: string, mailId: string) {
  const em = services.orm.em.fork();
  // Its organization may have been deleted since the commit: then nothing is sent.
  if (!(await em.count(Invitation, { id: invitationId }))) return null;
  const error = await services.outbox.deliver(mailId);
  await em.nativeUpdate(Invitation, { id: invitationId }, error === null ? { lastSentAt: new Date(), lastSendError: null } : { lastSendError: error });
  return em.findOne(Invitation, { id: invitationId }, { populate: ['org'] });
}

async function send(ctx: Ctx, invitationId: string, mailId: string) {
  const invitation = await deliver(ctx.services, invitationId, mailId);
  if (!invitation) throw notFound('Invitation');
  return invitation;
}

/** At start: invitation mails a crash left undelivered between their commit and their sending go out now. */
export async function deliverLeftovers(services: Services) {
  for (const mail of await services.outbox.undelivered(60_000)) {
    if (mail.subjectId?.startsWith('inv_')) await deliver(services, mail.subjectId, mail.id);
  }
}

const CreateInput = z.object({ organizationId: fields.id, email: fields.email, role: z.enum(ORG_ROLES) });

export async function createInvitation(ctx: Ctx, input: z.input<typeof CreateInput>) {
  const staged = await mutate(ctx, { type: 'invitation_created' }, async (em) => {
    // Locked, as every invitation write locks it: two at once for one email would otherwise both find none pending.
    const org = await em.findOne(Organization, { id: input.organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    authorizeFound(ctx, 'invitation.write', 'Organization', org?.id);
    const data = parseInput(CreateInput, input);
    if (await em.count(Membership, { org: org!, user: { email: caseless(data.email) } })) throw conflict(`${data.email} is already a member`);
    if (await em.count(Invitation, { org: org!, email: caseless(data.email), ...pending() })) throw conflict(`${data.email} has a pending invitation: resend it`);
    const { secret, digest, expiresAt } = freshSecret();
    const invitation = em.create(Invitation, { org: org!, email: data.email, role: data.role, digest, expiresAt, invitedBy: inviter(ctx, em) });
    return { result: { invitation, ...stageMail(ctx, em, invitation, secret) }, target: invitationTarget(invitation), orgId: org!.id, details: { role: data.role } };
  }, () => mailAllowed(ctx));
  return { invitation: await send(ctx, staged.invitation.id, staged.mailId), inviteUrl: staged.url };
}

/** Counted before the transaction, against the sender: nobody can make the server mail without limit. */
const mailAllowed = async (ctx: Ctx) => {
  if (ctx.principal) await ctx.services.attempts.mail(ctx.principal.id);
};

const inviter = (ctx: Ctx, em: EntityManager) => (ctx.principal?.kind === 'user' ? em.getReference(User, ctx.principal.id) : null);

/** Sends the invitation again with a new secret (the old link stops working) and seven more days. */
export async function resendInvitation(ctx: Ctx, input: { id: string }) {
  const staged = await mutate(ctx, { type: 'invitation_resent' }, async (em) => {
    const invitation = await loadInvitation(ctx, em, parseInput(z.object({ id: fields.id }), input).id, 'invitation.write');
    const status = invitationStatus(invitation);
    if (status === 'accepted' || status === 'revoked') throw conflict(`The invitation is ${status}`);
    const last = await em.findOne(MailMessage, { subjectId: invitation.id }, { orderBy: { createdAt: 'desc' }, fields: ['createdAt'] });
    const since = last ? Date.now() - last.createdAt.getTime() : Infinity;
    if (since < RESEND_AFTER_MS) throw rateLimited(RESEND_AFTER_MS - since);
    // An expired one may have been followed by a new invitation for the same email: reviving it would make two.
    const other = status === 'expired' && (await em.count(Invitation, { org: invitation.org, email: caseless(invitation.email), id: { $ne: invitation.id }, ...pending() }));
    if (other) throw conflict(`${invitation.email} has another pending invitation: resend that one`);
    const { secret, digest, expiresAt } = freshSecret();
    Object.assign(invitation, { digest, expiresAt });
    return { result: { invitation, ...stageMail(ctx, em, invitation, secret) }, target: invitationTarget(invitation), orgId: invitation.org.id };
  }, () => mailAllowed(ctx));
  return { invitation: await send(ctx, staged.invitation.id, staged.mailId), inviteUrl: staged.url };
}

const RevokeInput = z.object({ id: fields.id, reason: z.string().trim().max(500).nullish() });

export async function revokeInvitation(ctx: Ctx, input: z.input<typeof RevokeInput>) {
  return mutate(ctx, { type: 'invitation_revoked' }, async (em) => {
    const invitation = await loadInvitation(ctx, em, input.id, 'invitation.write');
    const data = parseInput(RevokeInput, input);
    const status = invitationStatus(invitation);
    if (status === 'accepted' || status === 'revoked') throw conflict(`The invitation is ${status}`);
    Object.assign(invitation, { revokedAt: new Date(), revokedReason: data.reason || null });
    return { result: invitation, target: invitationTarget(invitation), orgId: invitation.org.id, details: { reason: data.reason ?? null } };
  });
}

const AcceptInput = z.object({
  secret: z.string().min(1).max(200),
  username: fields.username.nullish(),
  password: fields.password.nullish(),
  displayName: fields.displayName.nullish(),
});

const closed = (status: string) => new AppError(ErrorCode.CONFLICT, `The invitation is ${status}${status === 'expired' ? ': ask for a new one' : ''}`, { status });

/**
 * Redeems an invitation with the secret of its link: the signed-in person it was sent to joins, or a new
 * account is made for the invited email (username and password given). Every acceptance that fails
 * counts as a failed authentication: neither secrets nor usernames can be tried in bulk.
 */
export async function acceptInvitation(ctx: Ctx, input: z.input<typeof AcceptInput>) {
  return mutate(ctx, { type: 'invitation_accepted' }, async (em, attempt) => {
    const data = parseInput(AcceptInput, input);
    // Locked: a secret admits one person however many present it at once.
    const invitation = await em.findOne(Invitation, { digest: digestToken(data.secret) }, { populate: ['org'], ...writeLock });
    if (!invitation) throw notFound('Invitation');
    // Whoever holds its secret, a failed acceptance concerns the organization that sent it.
    ctx.concernedOrgId ??= invitation.org.id;
    const status = invitationStatus(invitation);
    if (status !== 'pending') throw closed(status);
    await assertInviterMayStillInvite(em, invitation);
    const user = ctx.principal ? await joiningUser(ctx, em, invitation) : await newUser(em, invitation, data);
    if (await em.count(Membership, { org: invitation.org, user })) throw conflict(`${user.username} is already a member`);
    const member = em.create(Membership, { org: invitation.org, user, role: invitation.role });
    Object.assign(invitation, { acceptedAt: new Date(), acceptedBy: user });
    attempt.succeeded();
    return { result: { member, organization: invitation.org, user }, target: invitationTarget(invitation), orgId: invitation.org.id, details: { role: invitation.role, userId: user.id } };
  }, () => ctx.services.attempts.beginAuthentication(ctx.remoteAddress));
}

/** An invitation is worth what its sender may still grant: none once they are no admin there. */
async function assertInviterMayStillInvite(em: EntityManager, invitation: Invitation) {
  const inviter = invitation.invitedBy && (await em.findOne(User, { id: invitation.invitedBy.id }));
  if (!inviter || inviter.systemRole === 'admin') return;
  if (!(await em.count(Membership, { org: invitation.org, user: inviter, role: 'admin' }))) throw closed('withdrawn: its sender is no longer an admin here');
}

async function joiningUser(ctx: Ctx, em: EntityManager, invitation: Invitation) {
  if (ctx.principal!.kind !== 'user') throw new AppError(ErrorCode.FORBIDDEN, 'Only a person can accept an invitation');
  const user = await em.findOneOrFail(User, { id: ctx.principal!.id });
  // The link admits the person it was mailed to: a forwarded or leaked one does not admit whoever holds it.
  if (user.email?.toLowerCase() !== invitation.email.toLowerCase()) throw new AppError(ErrorCode.FORBIDDEN, 'This invitation was sent to another email address');
  return user;
}

async function newUser(em: EntityManager, invitation: Invitation, data: z.infer<typeof AcceptInput>) {
  if (!data.username || !data.password) throw new AppError(ErrorCode.BAD_USER_INPUT, 'username and password are required to accept without signing in', { fields: ['username', 'password'] });
  // One answer whichever is taken: accepting must not tell who has an account.
  await assertUnique(em, { username: data.username, email: invitation.email }).catch(() => {
    throw conflict('This username or the invited email cannot be used: choose another username, or sign in and accept');
  });
  return em.create(User, {
    username: data.username, email: invitation.email, displayName: data.displayName ?? null, systemRole: 'user', passwordHash: await hashPassword(data.password),
  });
}
