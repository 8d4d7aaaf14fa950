import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { createUser, unique, type CreatedUser } from './support/fixtures.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';
import { subscribe, wsClient } from './support/ws.ts';

/** What a red-team pass of the tenancy change found, each as the attack it was. */
let t: TestApp;
let founder: CreatedUser;
let owner: GraphQLClient;
let org: { id: string };

const INVITE = `mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { inviteUrl invitation { id status } } }`;
const ACCEPT = `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { member { role } } }`;
const invite = async (by: GraphQLClient, email = `${unique('to')}@example.test`, role = 'ADMIN') => {
  const { createInvitation } = await by.data(INVITE, { i: { organizationId: org.id, email, role } });
  return { id: createInvitation.invitation.id as string, secret: createInvitation.inviteUrl.split('#')[1] as string, email };
};
const status = async (id: string) => (await owner.data(`query($id: ID!) { node(id: $id) { ... on Invitation { status revokedReason } } }`, { id })).node;

beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MAILS_PER_HOUR: '10' });
  founder = await createUser(t.admin);
  owner = t.client(founder.token);
  org = await createOrganization(owner);
});
afterAll(() => t.stop());

describe('invitations are worth what their sender may still grant', () => {
  it('a removed admin’s pending invitations are withdrawn, and a demoted admin’s no longer admit anyone', async () => {
    const [mallory, demoted] = [await orgMember(t.admin, org.id, 'ADMIN'), await orgMember(t.admin, org.id, 'ADMIN')];
    const kept = await invite(t.client(mallory.token));
    const later = await invite(t.client(demoted.token));
    await owner.data(`mutation($o: ID!, $u: ID!) { removeMember(input: { organizationId: $o, userId: $u }) { removedUserId } }`, { o: org.id, u: mallory.id });
    expect(await status(kept.id)).toEqual({ status: 'REVOKED', revokedReason: 'Withdrawn: its sender left the organization' });
    const back = await t.client(null).request(ACCEPT, { i: { secret: kept.secret, username: unique('alt'), password: 'a-long-password' } });
    expect(codeOf(back)).toBe('CONFLICT');
    await owner.data(`mutation($o: ID!, $u: ID!) { updateMemberRole(input: { organizationId: $o, userId: $u, role: VIEWER }) { member { role } } }`, { o: org.id, u: demoted.id });
    expect((await status(later.id)).status).toBe('REVOKED');
  });

  it('a signed-in person accepts only an invitation sent to their own email', async () => {
    const stranger = await createUser(t.admin);
    const { secret, id } = await invite(owner);
    expect(codeOf(await t.client(stranger.token).request(ACCEPT, { i: { secret } }))).toBe('FORBIDDEN');
    expect((await status(id)).status).toBe('PENDING');
    const invited = await invite(owner, `${stranger.username}@example.test`, 'VIEWER');
    expect((await t.client(stranger.token).data(ACCEPT, { i: { secret: invited.secret } })).acceptInvitation.member.role).toBe('VIEWER');
  });

  it('does not tell which usernames or emails exist, and counts every failed acceptance', async () => {
    const strict = await startTestApp({ SWITCHBOARD_AUTH_FAILURES_PER_MINUTE: '4' });
    try {
      const their = await createOrganization(strict.client((await createUser(strict.admin)).token));
      const { createInvitation } = await strict.admin.data(INVITE, { i: { organizationId: their.id, email: 'new@example.test', role: 'VIEWER' } });
      const accept = () => strict.client(null).request(ACCEPT, { i: { secret: createInvitation.inviteUrl.split('#')[1], username: 'admin', password: 'a-long-password' } });
      const taken = await accept();
      expect(codeOf(taken)).toBe('CONFLICT');
      expect(taken.errors![0]!.message).not.toMatch(/username already|email already/i);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push(codeOf(await accept()));
      expect(codes).toContain('RATE_LIMITED');
    } finally {
      await strict.stop();
    }
  });
});

describe('mail cannot be sent at will', () => {
  it('a resend waits a minute after the last mail, and a sender sends a bounded number an hour', async () => {
    const sender = await orgMember(t.admin, org.id, 'ADMIN');
    const client = t.client(sender.token);
    const { id } = await invite(client);
    expect(codeOf(await client.request(`mutation($id: ID!) { resendInvitation(input: { id: $id }) { inviteUrl } }`, { id }))).toBe('RATE_LIMITED');
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push(codeOf(await client.request(INVITE, { i: { organizationId: org.id, email: `${unique('flood')}@example.test`, role: 'VIEWER' } })));
    expect(codes.filter((c) => c === 'OK').length).toBeLessThan(12);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('refuses names with line breaks (they reach mail subjects) and founding on a paid plan', async () => {
    const made = await owner.request(`mutation($n: String!) { createOrganization(input: { name: $n, slug: "crlf" }) { organization { id } } }`, { n: 'Locked\r\nBcc: x@y.z' });
    expect(codeOf(made)).toBe('BAD_USER_INPUT');
    expect(codeOf(await owner.request(`mutation { createOrganization(input: { name: "Rich", slug: "rich", planTier: "enterprise" }) { organization { id } } }`))).toBe('FORBIDDEN');
    expect((await t.admin.data(`mutation { createOrganization(input: { name: "Paid", slug: "paid", planTier: "enterprise" }) { organization { planTier } } }`)).createOrganization.organization.planTier).toBe('enterprise');
  });
});

describe('the edge', () => {
  it('refuses a form posted by another site, credential or not (login CSRF)', async () => {
    const login = `mutation { login(input: { username: "${founder.username}", password: "${founder.password}" }) { expiresAt } }`;
    const form = await fetch(`${t.url}/graphql`, {
      method: 'POST', headers: { origin: 'http://evil.test', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: login }),
    });
    expect(form.status).toBe(403);
    expect(form.headers.get('set-cookie')).toBeNull();
    const json = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { origin: 'http://evil.test', 'content-type': 'application/json' }, body: JSON.stringify({ query: login }) });
    expect(json.status).toBe(403);
    const sameSite = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { origin: t.url, 'content-type': 'application/json' }, body: JSON.stringify({ query: login }) });
    expect(sameSite.headers.get('set-cookie')).toMatch(/^sb_session=/);
  });

  it('answers a Host whose port is no number without a 500', async () => {
    const { port } = new URL(t.url);
    const answer = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/graphql?query=%7B__typename%7D', headers: { host: 'localhost:abc', accept: 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
    expect(answer).toBe(200);
  });

  it('refuses text with a NUL character as bad input, in arguments, variables and subscriptions', async () => {
    const login = await t.client(null).request(`mutation($u: String!) { login(input: { username: $u, password: "x" }) { token } }`, { u: 'a\u0000' });
    expect(codeOf(login)).toBe('BAD_USER_INPUT');
    expect(codeOf(await owner.request(`{ organization(slug: "a\\u0000") { id } }`))).toBe('BAD_USER_INPUT');
    const client = wsClient(t.url, founder.token);
    const sub = subscribe(client, `subscription($o: ID) { auditEvents(filter: { organizationId: $o }) { seq } }`, { o: 'org_\u0000' });
    await expect(sub.next(5_000)).rejects.toSatisfy((errors: { extensions?: { code?: string } }[]) => errors[0]?.extensions?.code === 'BAD_USER_INPUT');
    sub.close();
    await client.dispose();
  });
});

describe('ids', () => {
  it('node() serves node types only, and an unknown credential is NOT_FOUND as another organization’s is', async () => {
    const membership = (await owner.data(`query($o: ID!) { organization(id: $o) { members { edges { node { id } } } } }`, { o: org.id })).organization.members.edges[0].node.id;
    expect(codeOf(await owner.request(`query($id: ID!) { node(id: $id) { id } }`, { id: membership }))).toBe('NOT_FOUND');
    const admin = t.client((await orgMember(t.admin, org.id, 'ADMIN')).token);
    expect(codeOf(await admin.request(`mutation { revokeCredential(input: { id: "cred_AAAAAAAAAAAAAAAAAAAA" }) { credential { id } } }`))).toBe('NOT_FOUND');
  });

  it('an invitation raced by the deletion of its organization is never an internal error', async () => {
    for (let round = 0; round < 3; round++) {
      const doomed = await createOrganization(owner);
      const [invited, deleted] = await Promise.all([
        owner.request(INVITE, { i: { organizationId: doomed.id, email: `${unique('race')}@example.test`, role: 'VIEWER' } }),
        owner.request(`mutation($o: ID!) { deleteOrganization(input: { id: $o }) { deletedOrganizationId } }`, { o: doomed.id }),
      ]);
      expect(['OK', 'NOT_FOUND', 'RATE_LIMITED']).toContain(codeOf(invited));
      expect(codeOf(deleted)).toBe('OK');
    }
  });
});

describe('sessions', () => {
  it('act in their person’s only organization, where their logins are filed', async () => {
    const bob = await orgMember(t.admin, org.id, 'DEVELOPER');
    const login = await t.client(null).data(`mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }`, { u: bob.username, p: bob.password });
    expect((await t.client(login.login.token).data(`{ viewer { organization { id } organizationRole } }`)).viewer).toEqual({ organization: { id: org.id }, organizationRole: 'DEVELOPER' });
    const events = (await owner.data(`query($o: ID!) { auditLog(filter: { organizationId: $o, type: "login_success" }) { events { actor { name } } } }`, { o: org.id })).auditLog.events;
    expect(events.map((e: { actor: { name: string } }) => e.actor.name)).toContain(bob.username);
  });
});
