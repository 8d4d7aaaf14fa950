import type net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Invitation } from '../src/db/invitation.entity.ts';
import { MailMessage } from '../src/db/mail-message.entity.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createUser, unique, type CreatedUser } from './support/fixtures.ts';
import { createAgent } from './support/mcp.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

const FIELDS = `id status email role createdAt expiresAt lastSentAt lastSendError acceptedAt acceptedByUserId revokedAt revokedReason organization { id }`;
const CREATE = `mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { invitation { ${FIELDS} } inviteUrl } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(input: { id: $id }) { invitation { ${FIELDS} } inviteUrl } }`;
const REVOKE = `mutation($id: ID!, $reason: String) { revokeInvitation(input: { id: $id, reason: $reason }) { invitation { ${FIELDS} } } }`;
const ACCEPT = `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { organization { id } member { username role } user { id username email displayName } } }`;
const LIST = `query($id: ID!, $all: Boolean) { organization(id: $id) { invitations(first: 100, includeClosed: $all) { edges { node { id status } } } } }`;
const USERS = `{ users { totalCount } }`;
const PASSWORD = 'password-123';

/** A real SMTP server on 127.0.0.1 that keeps every mail it accepts and refuses the recipients in `refused`. */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const refused = new Set<string>();
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onConnect: (_session, callback) => (connections++, callback()),
    onRcptTo: (address, _session, callback) => callback(refused.has(address.address) ? Object.assign(new Error('No such mailbox here'), { responseCode: 550 }) : null),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => (received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() }), callback()));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as net.AddressInfo).port, received, refused, connections: () => connections, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/** The text of a mail as its reader sees it (quoted-printable undone). */
const bodyOf = (raw: string) => raw.split('\r\n\r\n').slice(1).join('\r\n\r\n').replaceAll('=\r\n', '').replaceAll('\r\n', '\n').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const secretOf = (inviteUrl: string) => inviteUrl.split('#')[1]!;
const email = () => `${unique('invitee')}@example.org`;

async function invite(t: TestApp, token: string, orgId: string, to = email(), role = 'DEVELOPER') {
  const { invitation, inviteUrl } = (await t.client(token).data(CREATE, { i: { organizationId: orgId, email: to, role } })).createInvitation;
  return { ...invitation, inviteUrl, secret: secretOf(inviteUrl) };
}
const stored = (t: TestApp, id: string) => t.app.services.orm.em.fork().findOneOrFail(Invitation, { id });
const mailOf = (t: TestApp, id: string) => t.app.services.orm.em.fork().findOneOrFail(MailMessage, { subjectId: id }, { populate: ['sealedText'], orderBy: { createdAt: 'desc' } });
/** As if its last mail went out long ago: a resend waits a minute after the last one. */
const ageMail = (t: TestApp, id: string) => t.app.services.orm.em.fork().nativeUpdate(MailMessage, { subjectId: id }, { createdAt: new Date(Date.now() - 3_600_000) });
const expire = (t: TestApp, id: string) => t.app.services.orm.em.fork().nativeUpdate(Invitation, { id }, { expiresAt: new Date(Date.now() - 1_000) });
const expectAbout7Days = (iso: string) => expect(Math.abs(Date.parse(iso) - Date.now() - 7 * 24 * 3_600_000)).toBeLessThan(60_000);

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let founder: CreatedUser, developer: CreatedUser, viewer: CreatedUser;
let org: { id: string };
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ SWITCHBOARD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  founder = await createUser(t.admin);
  org = await createOrganization(t.client(founder.token));
  developer = await orgMember(t.admin, org.id, 'DEVELOPER');
  viewer = await orgMember(t.admin, org.id, 'VIEWER');
});
afterAll(() => Promise.all([t.stop(), smtp.close()]));

/** Accepts as `token`'s holder, or (without one) as a new account. */
const accept = (token: string | null, secret: string, account: { username?: string; password?: string; displayName?: string } = {}) =>
  t.client(token).request(ACCEPT, { i: { secret, ...(!token && { username: unique('joiner'), password: PASSWORD }), ...account } });
/** The text of every mail received for `to`. */
const mailsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to)).map((m) => bodyOf(m.raw));
/** The founder's view of the organization's invitations. */
const listed = async (all = false) => (await t.client(founder.token).data(LIST, { id: org.id, all })).organization.invitations.edges.map((e: any) => e.node);

describe('inviting', () => {
  it('mails the link with its secret to the invited address and records that it was sent', async () => {
    const to = email();
    const sent = await invite(t, founder.token, org.id, to);
    expect(sent).toMatchObject({ status: 'PENDING', email: to, role: 'DEVELOPER', lastSendError: null, acceptedAt: null, acceptedByUserId: null, revokedAt: null, organization: { id: org.id } });
    expectAbout7Days(sent.expiresAt);
    expect(Date.parse(sent.lastSentAt)).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
    expect(sent.inviteUrl).toBe(`${t.url}/invitations/${sent.id}#${sent.secret}`);
    expect(sent.secret).toMatch(/^sbi_[A-Za-z0-9]{32}$/);
    expect(mailsTo(to)).toEqual([expect.stringContaining(`: ${sent.inviteUrl}\n`)]);
    const mail = await mailOf(t, sent.id);
    expect(mail.status).toBe('sent');
    expect(mail.sealedText).not.toContain(sent.secret);
    expect(t.logs.join('\n')).not.toContain(sent.secret);
  });

  it('keeps the invitation, with the refusal as its send error, when the SMTP server refuses the recipient', async () => {
    const to = email();
    smtp.refused.add(to);
    const sent = await invite(t, founder.token, org.id, to);
    expect(sent.lastSendError).toMatch(/550 No such mailbox here/);
    expect(sent.lastSentAt).toBeNull();
    expect((await stored(t, sent.id)).lastSendError).toBe(sent.lastSendError);
    const mail = await mailOf(t, sent.id);
    expect(mail).toMatchObject({ status: 'failed', attempts: 1, lastError: sent.lastSendError });
    expect(mail.sealedText).not.toContain(sent.secret);
    expect(mailsTo(to)).toEqual([]);
    expect(await listed()).toContainEqual({ id: sent.id, status: 'PENDING' });
  });

  it("refuses a member's email, a second pending invitation, a bad email and a header injection, sending nothing", async () => {
    const pending = await invite(t, founder.token, org.id);
    const before = { connections: smtp.connections(), all: await listed(true) };
    const attempt = (to: string) => t.client(founder.token).request(CREATE, { i: { organizationId: org.id, email: to, role: 'VIEWER' } });
    expect(codeOf(await attempt(`${developer.username}@EXAMPLE.test`))).toBe('CONFLICT');
    expect(codeOf(await attempt(pending.email.toUpperCase()))).toBe('CONFLICT');
    expect(codeOf(await attempt('not-an-email'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await attempt('a@b.c\r\nBcc: x@y.z'))).toBe('BAD_USER_INPUT');
    expect(smtp.connections()).toBe(before.connections);
    expect(await listed(true)).toEqual(before.all);
  });

  it('of several invitations for one email sent at once, one is made', async () => {
    const to = email();
    const codes = (await Promise.all([1, 2, 3].map(() => t.client(founder.token).request(CREATE, { i: { organizationId: org.id, email: to, role: 'VIEWER' } })))).map(codeOf);
    expect(codes.sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(mailsTo(to)).toHaveLength(1);
  });

  it("is for the organization's admins: others are FORBIDDEN, another organization's admin is told NOT_FOUND", async () => {
    const sent = await invite(t, founder.token, org.id);
    for (const member of [developer, viewer]) {
      expect(codeOf(await t.client(member.token).request(CREATE, { i: { organizationId: org.id, email: email(), role: 'VIEWER' } }))).toBe('FORBIDDEN');
      expect(codeOf(await t.client(member.token).request(LIST, { id: org.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.client(member.token).request(REVOKE, { id: sent.id }))).toBe('FORBIDDEN');
    }
    const stranger = await createUser(t.admin);
    await createOrganization(t.client(stranger.token));
    const other = t.client(stranger.token);
    expect(codeOf(await other.request(CREATE, { i: { organizationId: org.id, email: email(), role: 'ADMIN' } }))).toBe('NOT_FOUND');
    expect(codeOf(await other.request(LIST, { id: org.id }))).toBe('NOT_FOUND');
    expect(codeOf(await other.request(RESEND, { id: sent.id }))).toBe('NOT_FOUND');
    expect(codeOf(await other.request(REVOKE, { id: sent.id }))).toBe('NOT_FOUND');
    expect((await other.data(`query($id: ID!) { node(id: $id) { id } }`, { id: sent.id })).node).toBeNull();
    expect((await stored(t, sent.id)).revokedAt).toBeNull();
  });
});

describe('resending and revoking', () => {
  it('a resend issues a new secret and seven more days and mails it; the old link stops working', async () => {
    const first = await invite(t, founder.token, org.id);
    expect(codeOf(await t.client(founder.token).request(RESEND, { id: first.id }))).toBe('RATE_LIMITED');
    await expire(t, first.id);
    await ageMail(t, first.id);
    const again = (await t.client(founder.token).data(RESEND, { id: first.id })).resendInvitation;
    expect(again.invitation).toMatchObject({ id: first.id, status: 'PENDING', lastSendError: null });
    expectAbout7Days(again.invitation.expiresAt);
    const secret = secretOf(again.inviteUrl);
    expect(secret).not.toBe(first.secret);
    expect(mailsTo(first.email)).toEqual([expect.stringContaining(`: ${first.inviteUrl}\n`), expect.stringContaining(`: ${again.inviteUrl}\n`)]);
    expect(codeOf(await accept(null, first.secret))).toBe('NOT_FOUND');
    expect(codeOf(await accept(null, secret))).toBe('OK');
    expect(codeOf(await t.client(founder.token).request(RESEND, { id: first.id }))).toBe('CONFLICT');
    expect(mailsTo(first.email)).toHaveLength(2);
  });

  it('does not revive an expired invitation while a newer one for the same email is pending', async () => {
    const old = await invite(t, founder.token, org.id);
    await expire(t, old.id);
    await ageMail(t, old.id);
    await invite(t, founder.token, org.id, old.email);
    expect(codeOf(await t.client(founder.token).request(RESEND, { id: old.id }))).toBe('CONFLICT');
    expect((await stored(t, old.id)).expiresAt.getTime()).toBeLessThan(Date.now());
    expect(mailsTo(old.email)).toHaveLength(2);
  });

  it('a revoked invitation is closed: listed only with includeClosed, not accepted, not resent', async () => {
    const sent = await invite(t, founder.token, org.id);
    const revoked = (await t.client(founder.token).data(REVOKE, { id: sent.id, reason: 'wrong person' })).revokeInvitation.invitation;
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String), revokedReason: 'wrong person', acceptedAt: null });
    expect((await listed()).map((i: any) => i.id)).not.toContain(sent.id);
    expect(await listed(true)).toContainEqual({ id: sent.id, status: 'REVOKED' });
    const users = await t.admin.data(USERS);
    expect(codeOf(await accept(null, sent.secret))).toBe('CONFLICT');
    expect(await t.admin.data(USERS)).toEqual(users);
    expect(codeOf(await t.client(founder.token).request(RESEND, { id: sent.id }))).toBe('CONFLICT');
    expect(codeOf(await t.client(founder.token).request(REVOKE, { id: sent.id }))).toBe('CONFLICT');
    expect(mailsTo(sent.email)).toHaveLength(1);
    expect(await stored(t, sent.id)).toMatchObject({ acceptedAt: null, revokedReason: 'wrong person' });
  });
});

describe('accepting', () => {
  it('without signing in, makes the account for the invited email: it logs in as a member with the invited role', async () => {
    const sent = await invite(t, founder.token, org.id, email(), 'VIEWER');
    const username = unique('joiner');
    expect(codeOf(await accept(null, sent.secret, { username, password: undefined }))).toBe('BAD_USER_INPUT');
    const users = (await t.admin.data(USERS)).users.totalCount;
    const joined = await accept(null, sent.secret, { username, displayName: 'Joiner' });
    expect(joined.data?.acceptInvitation).toMatchObject({ organization: { id: org.id }, member: { username, role: 'VIEWER' }, user: { username, email: sent.email, displayName: 'Joiner' } });
    const userId = joined.data!.acceptInvitation.user.id;
    const login = await t.client(null).data(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { username, password: PASSWORD } });
    const members = await t.client(login.login.token).data(`query($id: ID!) { organization(id: $id) { members(first: 100) { edges { node { username role } } } } }`, { id: org.id });
    expect(members.organization.members.edges.map((e: any) => e.node)).toContainEqual({ username, role: 'VIEWER' });
    const node = await t.client(founder.token).data(`query($id: ID!) { node(id: $id) { ... on Invitation { status acceptedAt acceptedByUserId } } }`, { id: sent.id });
    expect(node.node).toMatchObject({ status: 'ACCEPTED', acceptedAt: expect.any(String), acceptedByUserId: userId });
    expect(codeOf(await accept(null, sent.secret))).toBe('CONFLICT');
    expect((await t.admin.data(USERS)).users.totalCount).toBe(users + 1);
  });

  it('with a credential, the person it was sent to joins; a member gets no second one, and nobody accepts another’s', async () => {
    const person = await createUser(t.admin);
    const readOrg = () => t.client(person.token).request(`query($id: ID!) { organization(id: $id) { id } }`, { id: org.id });
    expect(codeOf(await readOrg())).toBe('NOT_FOUND');
    const first = await invite(t, founder.token, org.id, `${person.username}@example.test`);
    expect((await accept(person.token, first.secret)).data?.acceptInvitation).toMatchObject({ member: { username: person.username, role: 'DEVELOPER' }, user: { id: person.id } });
    expect(codeOf(await readOrg())).toBe('OK');
    // Already a member: no second invitation can even be made for them.
    const second = await t.client(founder.token).request(CREATE, { i: { organizationId: org.id, email: `${person.username.toUpperCase()}@example.test`, role: 'VIEWER' } });
    expect(codeOf(second)).toBe('CONFLICT');
    const other = await invite(t, founder.token, org.id);
    expect(codeOf(await accept(person.token, other.secret))).toBe('FORBIDDEN');
    expect((await stored(t, other.id)).acceptedAt).toBeNull();
  });

  it('refuses an expired or unknown secret, a taken username and an agent, and the invitation stays as it was', async () => {
    const expired = await invite(t, founder.token, org.id);
    await expire(t, expired.id);
    expect((await accept(null, expired.secret)).errors?.[0]).toMatchObject({ message: expect.stringMatching(/expired/), extensions: { code: 'CONFLICT' } });
    expect((await listed()).map((i: any) => i.id)).not.toContain(expired.id);
    expect(await listed(true)).toContainEqual({ id: expired.id, status: 'EXPIRED' });
    expect(codeOf(await accept(null, `sbi_${'x'.repeat(32)}`))).toBe('NOT_FOUND');
    const sent = await invite(t, founder.token, org.id);
    expect(codeOf(await accept(null, sent.secret, { username: founder.username }))).toBe('CONFLICT');
    const agent = await createAgent(t.admin, unique('agt'), ['*']);
    expect(codeOf(await accept(agent.token, sent.secret))).toBe('FORBIDDEN');
    expect((await stored(t, sent.id)).acceptedAt).toBeNull();
    expect(await listed()).toContainEqual({ id: sent.id, status: 'PENDING' });
  });

  it('a secret admits one person however many present it at once', async () => {
    const sent = await invite(t, founder.token, org.id);
    const codes = (await Promise.all([1, 2, 3, 4, 5].map(() => accept(null, sent.secret)))).map(codeOf);
    expect(codes.sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
  });
});

describe('mail a crash left behind', () => {
  it('is delivered when the server starts again, and recorded on its invitation', async () => {
    const sent = await invite(t, founder.token, org.id);
    // As if the process had ended between the commit and the sending: the mail is staged, never attempted.
    const em = t.app.services.orm.em.fork();
    const mail = t.app.services.outbox.stage(em, { to: sent.email, subject: 'Left behind', text: `Accept: ${sent.inviteUrl}\n`, subjectId: sent.id });
    mail.createdAt = new Date(Date.now() - 120_000);
    await em.flush();
    await em.nativeUpdate(Invitation, { id: sent.id }, { lastSentAt: null });
    const again = await startTestApp({ SWITCHBOARD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, t.db);
    try {
      await expect.poll(() => smtp.received.filter((m) => m.raw.includes('Left behind')).length, { timeout: 10_000 }).toBe(1);
      await expect.poll(async () => (await stored(t, sent.id)).lastSentAt, { timeout: 5_000 }).not.toBeNull();
      expect((await t.app.services.orm.em.fork().findOneOrFail(MailMessage, { id: mail.id })).status).toBe('sent');
    } finally {
      await again.stop();
    }
  });
});

describe('the audit log', () => {
  it("files an invitation's creation, acceptance and revocation under its organization", async () => {
    const [accepted, revoked] = [await invite(t, founder.token, org.id), await invite(t, founder.token, org.id)];
    await accept(null, accepted.secret);
    await t.client(founder.token).data(REVOKE, { id: revoked.id });
    const expectFiled = async (type: string, name: string) => {
      const data = await t.admin.data(`query($type: String) { auditEvents(first: 200, filter: { type: $type }) { edges { node { status organizationId target { name } } } } }`, { type });
      expect(data.auditEvents.edges.map((e: any) => e.node).filter((n: any) => n.target?.name === name)).toEqual([{ status: 'SUCCESS', organizationId: org.id, target: { name } }]);
    };
    await expectFiled('invitation_created', accepted.email);
    await expectFiled('invitation_accepted', accepted.email);
    await expectFiled('invitation_revoked', revoked.email);
  });
});

describe('without SMTP configured', () => {
  it('returns the link, says it was not sent, and logs it', async () => {
    const bare = await startTestApp();
    onTestFinished(() => bare.stop());
    const admin = await createUser(bare.admin);
    const sent = await invite(bare, admin.token, (await createOrganization(bare.client(admin.token))).id);
    expect(sent.lastSendError).toMatch(/^not sent: no SMTP server is configured/);
    expect(sent.lastSentAt).toBeNull();
    expect(bare.logs.some((line) => line.includes(sent.inviteUrl))).toBe(true);
    expect((await mailOf(bare, sent.id)).status).toBe('not_configured');
  });
});
