import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { createUser } from '../support/fixtures.ts';
import { bearer, restCall } from '../support/rest.ts';

/** Seed 003's system operations: backup, restore and reset, with the document in the body instead of a file. */
let t: TestApp;
const call = (path: string, body?: unknown, token: string | null = ADMIN_TOKEN) => restCall(t.url, 'POST', `/api/v1/system/${path}`, { headers: bearer(token), body });
const refusal = (detail: RegExp) => ({ error: 'Bad Request', detail: expect.stringMatching(detail), timestamp: expect.any(String) });
const usernames = async () => (await t.admin.data(`{ users(first: 100) { edges { node { username } } } }`)).users.edges.map((e: { node: { username: string } }) => e.node.username).sort();

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t.stop());

describe('POST /api/v1/system/backup, /restore', () => {
  it('answers the document in data, and takes it back as backup', async () => {
    const backup = await call('backup', {});
    expect(backup).toMatchObject({ status: 200, body: { message: 'System backup created successfully', data: { format: 'switchboard.backup/1', tables: expect.any(Object) } } });
    const extra = await createUser(t.admin);
    const restored = await call('restore', { backup: backup.body.data });
    expect(restored).toMatchObject({ status: 200, body: { message: 'System restored successfully', data: { restored: expect.arrayContaining([{ table: 'user', rows: backup.body.data.tables.user.length }]) } } });
    expect(await usernames()).not.toContain(extra.username);
  });

  it("refuses the seed's file paths, a missing or foreign document, and changes nothing", async () => {
    const before = await usernames();
    expect(await call('backup', { output_file: '/tmp/backup.json' })).toMatchObject({ status: 400, body: refusal(/^output_file: .*never reads or writes a path/) });
    expect(await call('restore', { input_file: '/etc/passwd' })).toMatchObject({ status: 400, body: refusal(/^input_file: /) });
    expect(await call('restore', {})).toMatchObject({ status: 400, body: refusal(/^backup: /) });
    expect(await call('restore', { backup: { format: 'another/1', tables: {} } })).toMatchObject({ status: 400, body: refusal(/^format: /) });
    expect(await restCall(t.url, 'POST', '/api/v1/system/restore', { headers: bearer(ADMIN_TOKEN), raw: '{"backup": {"format": ' })).toMatchObject({ status: 400 });
    expect(await usernames()).toEqual(before);
  });
});

describe('a backup bigger than an ordinary body', () => {
  it('is restored through REST (up to 16 MB, past /graphql’s 1 MB); a bigger body, or 2 MB to any other route, is 413', async () => {
    const original = (await call('backup', {})).body.data;
    const document = structuredClone(original);
    const [template] = document.tables.user;
    const many = Array.from({ length: 6_000 }, (_, i) => ({ ...template, id: `usr_bulk${i}`, username: `bulk-user-${i}`, email: null, system_role: 'user' }));
    document.tables.user.push(...many);
    expect(JSON.stringify(document).length).toBeGreaterThan(1024 * 1024);
    const viaGraphQL = await t.admin.request(`mutation($d: JSON!) { restoreSystem(input: { document: $d }) { counts { rows } } }`, { d: document });
    expect(viaGraphQL.status).toBe(413);
    const restored = await call('restore', { backup: document });
    expect(restored).toMatchObject({ status: 200, body: { data: { restored: expect.arrayContaining([{ table: 'user', rows: document.tables.user.length }]) } } });
    expect((await t.admin.data(`{ user(username: "bulk-user-5999") { username } }`)).user.username).toBe('bulk-user-5999');
    const huge = await restCall(t.url, 'POST', '/api/v1/system/restore', { headers: bearer(ADMIN_TOKEN), raw: JSON.stringify({ backup: document, padding: 'x'.repeat(16 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    const ordinary = await restCall(t.url, 'POST', '/api/v1/configs', { headers: bearer(ADMIN_TOKEN), raw: JSON.stringify({ config_name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(ordinary).toMatchObject({ status: 413, body: { error: 'Payload Too Large' } });
    expect((await call('restore', { backup: original })).status).toBe(200);
  });
});

describe('POST /api/v1/system/reset', () => {
  it('needs confirm: true', async () => {
    const before = await usernames();
    expect(await call('reset', {})).toMatchObject({ status: 400, body: refusal(/^confirm: must be true/) });
    expect(await call('reset', { confirm: 'yes' })).toMatchObject({ status: 400, body: refusal(/confirm/) });
    expect(await usernames()).toEqual(before);
  });

  it('is for system administrators only: 401 without a credential, 403 for anyone else', async () => {
    const member = await createUser(t.admin);
    for (const path of ['backup', 'restore', 'reset']) {
      expect((await call(path, { confirm: true, backup: {} }, null)).status).toBe(401);
      expect(await call(path, { confirm: true, backup: {} }, member.token)).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    }
    expect(await usernames()).toContain(member.username);
  });

  it('deletes every user but the caller', async () => {
    await createUser(t.admin);
    const reset = await call('reset', { confirm: true });
    expect(reset).toMatchObject({ status: 200, body: { message: 'System reset successfully', data: { deleted: expect.arrayContaining([{ table: 'user', rows: expect.any(Number) }]) } } });
    expect(await usernames()).toEqual(['admin']);
  });
});
