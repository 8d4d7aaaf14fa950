import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createUser, unique, type CreatedUser } from './support/fixtures.ts';

let t: TestApp;
let person: CreatedUser;
beforeAll(async () => {
  t = await startTestApp();
  person = await createUser(t.admin);
});
afterAll(() => t.stop());

const CREATE = `mutation($l: String!) { createPresharedKey(input: { label: $l }) { key presharedKey { id label maskedKey used } } }`;
const REGISTER = `mutation($k: String!, $l: String!) { registerClient(input: { presharedKey: $k, label: $l }) { token credential { name user { id } } } }`;
const LIST = `{ presharedKeys { id label used usedAt lastUsedAt revokedAt } }`;

describe('preshared keys (seed 004)', () => {
  it('are shown once and masked, and a client exchanges one, once, for a token of its own named by its label', async () => {
    const mine = t.client(person.token);
    const { key, presharedKey } = (await mine.data(CREATE, { l: 'laptop' })).createPresharedKey;
    expect(key).toMatch(/^sbp_[A-Za-z0-9]{32}$/);
    expect(presharedKey).toMatchObject({ label: 'laptop', used: false, maskedKey: `sbp_*******${key.slice(-4)}` });
    const label = unique('Claude Desktop - Work Laptop ');
    const registered = (await t.client(null).data(REGISTER, { k: key, l: label })).registerClient;
    expect(registered.credential).toEqual({ name: label, user: { id: person.id } });
    expect((await t.client(registered.token).data(`{ viewer { username } }`)).viewer.username).toBe(person.username);
    expect(codeOf(await t.client(null).request(REGISTER, { k: key, l: 'again' }))).toBe('CONFLICT');
    const [listed] = (await mine.data(LIST)).presharedKeys;
    expect(listed).toMatchObject({ id: presharedKey.id, used: true, usedAt: expect.any(String), lastUsedAt: expect.any(String), revokedAt: null });
    const events = (await t.admin.data(`{ auditLog(filter: { type: "client_registered" }) { events { target { id } } } }`)).auditLog.events;
    expect(events).toContainEqual({ target: { id: presharedKey.id } });
  });

  it('a revoked, guessed or deactivated person’s key registers nothing', async () => {
    const mine = t.client(person.token);
    const revoked = (await mine.data(CREATE, { l: 'old' })).createPresharedKey;
    await mine.data(`mutation($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { revokedAt } } }`, { id: revoked.presharedKey.id });
    expect(codeOf(await t.client(null).request(REGISTER, { k: revoked.key, l: 'x' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.client(null).request(REGISTER, { k: `sbp_${'A'.repeat(32)}`, l: 'x' }))).toBe('UNAUTHENTICATED');
    const leaving = await createUser(t.admin);
    const theirs = (await t.client(leaving.token).data(CREATE, { l: 'theirs' })).createPresharedKey;
    await t.admin.data(`mutation($id: ID!) { updateUser(input: { id: $id, active: false }) { user { id } } }`, { id: leaving.id });
    expect(codeOf(await t.client(null).request(REGISTER, { k: theirs.key, l: 'x' }))).toBe('UNAUTHENTICATED');
  });

  it("are their person's: another person neither lists nor revokes them", async () => {
    const other = t.client((await createUser(t.admin)).token);
    const { presharedKey } = (await t.client(person.token).data(CREATE, { l: 'private' })).createPresharedKey;
    expect(codeOf(await other.request(`query($u: ID!) { presharedKeys(userId: $u) { id } }`, { u: person.id }))).toBe('FORBIDDEN');
    expect(codeOf(await other.request(`mutation($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }`, { id: presharedKey.id }))).toBe('FORBIDDEN');
    expect(codeOf(await other.request(`mutation { revokePresharedKey(input: { id: "psk_unknown" }) { presharedKey { id } } }`))).toBe('NOT_FOUND');
    expect((await t.admin.data(`query($u: ID!) { presharedKeys(userId: $u) { id } }`, { u: person.id })).presharedKeys.map((k: { id: string }) => k.id)).toContain(presharedKey.id);
  });
});
