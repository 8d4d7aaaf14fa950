import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createToken, createUser, unique, VIEWER } from './support/fixtures.ts';

let t: TestApp;
const secrets: string[] = [ADMIN_TOKEN];
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('users', () => {
  it('creates a user whose token is shown once and then works; lists never show it', async () => {
    const alice = await createUser(t.admin);
    secrets.push(alice.token, alice.password);
    expect(alice.token).toMatch(/^sbu_[A-Za-z0-9]{38}$/);
    const me = await t.client(alice.token).data(VIEWER);
    expect(me.viewer).toMatchObject({ username: alice.username, kind: 'USER', role: 'USER' });

    const listed = await t.admin.request(`{ users(first: 50) { totalCount edges { node { id username credentials(first: 5) { edges { node { maskedToken status } } } } } } }`);
    const body = JSON.stringify(listed);
    expect(body).toContain(alice.username);
    expect(body).not.toContain(alice.token);
    expect(body).toContain(`${alice.token.slice(0, 4)}*******${alice.token.slice(-4)}`);
  });

  it('refuses a duplicate username with CONFLICT and changes nothing', async () => {
    const bob = await createUser(t.admin);
    const before = await t.admin.data(`{ users { totalCount } }`);
    const again = await t.admin.request(`mutation { createUser(input: { username: "${bob.username}" }) { user { id } } }`);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await t.admin.data(`{ users { totalCount } }`)).toEqual(before);
  });

  it('deactivating a user revokes their tokens and sessions at once', async () => {
    const carol = await createUser(t.admin);
    const session = await t.client(null).data(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { username: carol.username, password: carol.password } });
    await t.admin.data(`mutation($id: ID!) { updateUser(input: { id: $id, active: false }) { user { active } } }`, { id: carol.id });
    expect(codeOf(await t.client(carol.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.client(session.login.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    await t.admin.data(`mutation($id: ID!) { updateUser(input: { id: $id, active: true }) { user { active } } }`, { id: carol.id });
    expect(codeOf(await t.client(carol.token).request(VIEWER))).toBe('UNAUTHENTICATED');
  });

  it('deleting a user invalidates their token on the next request', async () => {
    const dave = await createUser(t.admin);
    expect(codeOf(await t.client(dave.token).request(VIEWER))).toBe('OK');
    await t.admin.data(`mutation($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }`, { id: dave.id });
    const refused = await t.client(dave.token).request(VIEWER);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
  });

  it('keeps at least one active administrator', async () => {
    const admins = await t.admin.data(`{ users(filter: { search: "admin" }) { edges { node { id username role } } } }`);
    const root = admins.users.edges.find((e: { node: { username: string } }) => e.node.username === 'admin').node;
    const demote = await t.admin.request(`mutation($id: ID!) { updateUser(input: { id: $id, role: USER }) { user { role } } }`, { id: root.id });
    expect(codeOf(demote)).toBe('CONFLICT');
    const remove = await t.admin.request(`mutation($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }`, { id: root.id });
    expect(codeOf(remove)).toBe('CONFLICT');
  });
});

describe('API tokens', () => {
  it('masks the secret after creation and records when it was last used', async () => {
    const erin = await createUser(t.admin);
    const erinClient = t.client(erin.token);
    const issued = await createToken(erinClient);
    secrets.push(issued.token);
    expect(issued.masked).toBe(`sbu_*******${issued.token.slice(-4)}`);
    await t.client(issued.token).data(VIEWER);
    const listed = await erinClient.data(`{ credentials { edges { node { id maskedToken lastUsedAt status kind } } } }`);
    const row = listed.credentials.edges.find((e: { node: { id: string } }) => e.node.id === issued.id).node;
    expect(row).toMatchObject({ maskedToken: issued.masked, status: 'ACTIVE', kind: 'API_TOKEN' });
    expect(Date.parse(row.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(listed)).not.toContain(issued.token);
  });

  it('rotating replaces the secret: the old one is refused, the new one works', async () => {
    const frank = await createUser(t.admin);
    const issued = await createToken(t.client(frank.token));
    const rotated = await t.client(frank.token).data(
      `mutation($id: ID!) { rotateCredential(input: { id: $id }) { credential { id maskedToken } token } }`, { id: issued.id });
    secrets.push(issued.token, rotated.rotateCredential.token);
    expect(rotated.rotateCredential.credential.id).toBe(issued.id);
    expect(codeOf(await t.client(issued.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.client(rotated.rotateCredential.token).request(VIEWER))).toBe('OK');
  });

  it('a revoked token is refused on the very next request', async () => {
    const grace = await createUser(t.admin);
    const issued = await createToken(t.client(grace.token));
    const client = t.client(issued.token);
    expect(codeOf(await client.request(VIEWER))).toBe('OK');
    await t.client(grace.token).data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status revokedAt } } }`, { id: issued.id });
    expect(codeOf(await client.request(VIEWER))).toBe('UNAUTHENTICATED');
    const again = await t.client(grace.token).request(`mutation($id: ID!) { enableCredential(input: { id: $id }) { credential { status } } }`, { id: issued.id });
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('a disabled token is refused until enabled again', async () => {
    const heidi = await createUser(t.admin);
    const issued = await createToken(t.client(heidi.token));
    await t.admin.data(`mutation($id: ID!) { disableCredential(input: { id: $id }) { credential { status } } }`, { id: issued.id });
    expect(codeOf(await t.client(issued.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    const enabled = await t.admin.data(`mutation($id: ID!) { enableCredential(input: { id: $id }) { credential { status } } }`, { id: issued.id });
    expect(enabled.enableCredential.credential.status).toBe('ACTIVE');
    expect(codeOf(await t.client(issued.token).request(VIEWER))).toBe('OK');
  });

  it('an expired token is refused at once', async () => {
    const ivan = await createUser(t.admin);
    const expiresAt = Date.now() + 1_500;
    const issued = await createToken(t.client(ivan.token), { expiresAt: new Date(expiresAt).toISOString() });
    expect(codeOf(await t.client(issued.token).request(VIEWER))).toBe('OK');
    await new Promise((r) => setTimeout(r, expiresAt - Date.now() + 10));
    expect(codeOf(await t.client(issued.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    const listed = await t.client(ivan.token).data(`{ credentials { edges { node { id status } } } }`);
    expect(listed.credentials.edges.find((e: { node: { id: string } }) => e.node.id === issued.id).node.status).toBe('EXPIRED');
  });

  it('accepts a custom token value but not one that imitates a generated token', async () => {
    const judy = await createUser(t.admin);
    const custom = `custom-${unique('value')}-0123456789`;
    secrets.push(custom);
    const issued = await createToken(t.client(judy.token), { token: custom });
    expect(codeOf(await t.client(custom).request(VIEWER))).toBe('OK');
    expect(issued.masked).not.toBe(custom);
    const forged = await t.client(judy.token).request(
      `mutation { createApiToken(input: { name: "x", token: "sbu_00000000000000000000000000000000000000" }) { token } }`);
    expect(codeOf(forged)).toBe('BAD_USER_INPUT');
  });

  it('a token with a broken checksum is refused without being looked up', async () => {
    const kim = await createUser(t.admin);
    const tampered = kim.token.slice(0, -1) + (kim.token.endsWith('A') ? 'B' : 'A');
    expect(codeOf(await t.client(tampered).request(VIEWER))).toBe('UNAUTHENTICATED');
  });
});

describe('sessions', () => {
  const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { token expiresAt user { username lastLoginAt } } }`;

  it('logs in with a password, sets an HttpOnly session cookie, and logs out', async () => {
    const leo = await createUser(t.admin);
    const result = await t.client(null).request(LOGIN, { i: { username: leo.username, password: leo.password } });
    const { token, user } = result.data!.login;
    secrets.push(token);
    expect(token).toMatch(/^sbs_/);
    expect(user.lastLoginAt).not.toBeNull();
    const cookie = result.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sb_session=sbs_[^;]+; Path=\/; HttpOnly; SameSite=Lax/);

    const byCookie = await t.client(null).request(VIEWER, {}, { cookie: cookie.split(';')[0]! });
    expect(byCookie.data?.viewer.username).toBe(leo.username);

    const out = await t.client(token).request(`mutation { logout }`);
    expect(out.data?.logout).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(codeOf(await t.client(token).request(VIEWER))).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated request that a foreign site could forge', async () => {
    const mia = await createUser(t.admin);
    const login = await t.client(null).data(LOGIN, { i: { username: mia.username, password: mia.password } });
    const cookie = `sb_session=${login.login.token}`;
    const form = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('mutation { logout }')}`,
    });
    expect(form.status).toBe(403);
    const crossSite = await t.client(null).request(VIEWER, {}, { cookie, origin: 'https://evil.example' });
    expect(codeOf(crossSite)).toBe('FORBIDDEN');
    expect(codeOf(await t.client(login.login.token).request(VIEWER))).toBe('OK');
  });

  it('a wrong password is refused, and both outcomes are audited', async () => {
    const nina = await createUser(t.admin);
    const wrong = await t.client(null).request(LOGIN, { i: { username: nina.username, password: 'not-the-password' } });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    const unknown = await t.client(null).request(LOGIN, { i: { username: 'nobody-here', password: 'whatever-pass' } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    await t.client(null).data(LOGIN, { i: { username: nina.username, password: nina.password } });
    const events = await t.admin.data(`query($u: String) { auditEvents(filter: { user: $u }) { edges { node { type status } } } }`, { u: nina.username });
    expect(events.auditEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { type: 'login_failure', status: 'DENIED' },
      { type: 'login_success', status: 'SUCCESS' },
    ]);
  });

  it('changing a password ends the other sessions; an admin reset ends all of them', async () => {
    const omar = await createUser(t.admin);
    const first = (await t.client(null).data(LOGIN, { i: { username: omar.username, password: omar.password } })).login.token;
    const second = (await t.client(null).data(LOGIN, { i: { username: omar.username, password: omar.password } })).login.token;
    const newPassword = `new-${unique('pw')}`;
    secrets.push(newPassword);
    await t.client(first).data(`mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`, { i: { currentPassword: omar.password, newPassword } });
    expect(codeOf(await t.client(first).request(VIEWER))).toBe('OK');
    expect(codeOf(await t.client(second).request(VIEWER))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.client(null).request(LOGIN, { i: { username: omar.username, password: omar.password } }))).toBe('UNAUTHENTICATED');

    await t.admin.data(`mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { user { id } } }`, { i: { id: omar.id, password: 'reset-password-1' } });
    expect(codeOf(await t.client(first).request(VIEWER))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.client(omar.token).request(VIEWER))).toBe('OK');
  });
});

describe('secrets', () => {
  it('never appear in logs or audit events', async () => {
    const events = JSON.stringify(await t.admin.data(`{ auditEvents(first: 200) { edges { node { type details target { name } actor { name } } } } }`));
    const logs = t.logs.join('\n');
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    expect(logs).toContain('"path":"/graphql"');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(events).not.toContain(secret);
    }
  });
});
