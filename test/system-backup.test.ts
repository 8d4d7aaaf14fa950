import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../src/auth/secret-box.ts';
import { BACKED_UP, LEFT_OUT } from '../src/resolvers/system-backup/coverage.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createUser, eventually, unique, VIEWER } from './support/fixtures.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';

/** backupSystem, restoreSystem, resetSystem: the whole control plane out, back in, and away. */
let t: TestApp;
const BACKUP = `mutation { backupSystem { document } }`;
const RESTORE = `mutation($d: JSON!) { restoreSystem(input: { document: $d }) { counts { table rows } } }`;
const RESET = `mutation($c: Boolean!) { resetSystem(input: { confirm: $c }) { counts { table rows } } }`;
const USERNAMES = `{ users(first: 100) { edges { node { username } } } }`;

type Document = { format: string; createdAt: string; tables: Record<string, Record<string, unknown>[]> };
const backup = async (): Promise<Document> => (await t.admin.data(BACKUP)).backupSystem.document;
const usernames = async () => (await t.admin.data(USERNAMES)).users.edges.map((e: { node: { username: string } }) => e.node.username).sort();
/** The tables, without what runs write as they go: the call counter, and a deployment's latest status. */
const tablesOf = (document: Document) => ({
  ...document.tables,
  mcp_server: document.tables.mcp_server!.map(({ total_invocations: _, ...row }) => row),
  deployment: document.tables.deployment!.map(({ status: _, updated_at: __, ...row }) => row),
});

async function callEnv(token: string, server: string, url = t.url) {
  const client = await mcpClient(url, token);
  try {
    return textOf(await client.callTool({ name: `${server}__env`, arguments: { name: 'FIXTURE_SECRET' } }));
  } finally {
    await client.close();
  }
}

let server: string;
let agentToken: string;

beforeAll(async () => {
  t = await startTestApp();
  server = unique('bk');
  await readyServer(t.admin, fixtureStdio(server, { env: [{ name: 'FIXTURE_SECRET', value: 'sealed-in-the-backup' }] }));
  agentToken = (await createAgent(t.admin, unique('agt'), [server])).token;
}, 60_000);
afterAll(async () => t?.stop());

describe('what a backup holds', () => {
  it('decides, for every entity of the ORM, whether it is backed up or left out, and why', () => {
    const entities = [...t.app.services.orm.getMetadata().getAll().values()].filter((m) => !m.pivotTable && !m.embeddable && !m.virtual).map((m) => m.className).sort();
    expect([...BACKED_UP, ...Object.keys(LEFT_OUT)].sort()).toEqual(entities);
  });

  it('holds secrets only as stored: digests, hashes and ciphertext, never a token or value given', async () => {
    const text = JSON.stringify(await backup());
    expect(text).not.toContain('sealed-in-the-backup');
    expect(text).not.toContain(agentToken);
    expect(text).not.toContain(t.admin.token);
    const document = await backup();
    expect(document.format).toBe('switchboard.backup/1');
    expect(document.tables.mcp_server!.some((s) => s.name === server)).toBe(true);
    expect(document.tables.credential!.every((c) => c.kind !== 'session')).toBe(true);
  });
});

describe('restoreSystem', () => {
  it('puts back the control plane as it was: users, sealed env values (the running upstream restarts with them) and agent tokens', async () => {
    const before = await backup();
    const extra = await createUser(t.admin);
    const { mcpServer } = await t.admin.data(`query($n: String!) { mcpServer(name: $n) { id } }`, { n: server });
    await t.admin.data(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { id } } }`, { i: { id: mcpServer.id, env: [{ name: 'FIXTURE_SECRET', value: 'changed-after' }] } });
    expect(await callEnv(agentToken, server)).toBe('changed-after');
    expect(await usernames()).toContain(extra.username);

    const restored = await t.admin.data(RESTORE, { d: before });
    expect(restored.restoreSystem.counts).toContainEqual({ table: 'mcp_server', rows: before.tables.mcp_server!.length });
    expect(await usernames()).not.toContain(extra.username);
    expect(codeOf(await t.client(extra.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    expect(tablesOf(await backup())).toEqual(tablesOf(before));
    expect(await callEnv(agentToken, server)).toBe('sealed-in-the-backup');
  });

  it('keeps the audit log, which records the restore', async () => {
    const log = await t.admin.data(`{ auditLog(filter: { type: "system_restored" }) { total events { status details } } }`);
    expect(log.auditLog.total).toBeGreaterThanOrEqual(1);
    expect(log.auditLog.events[0]).toMatchObject({ status: 'SUCCESS', details: { counts: expect.arrayContaining([{ table: 'user', rows: expect.any(Number) }]) } });
  });

  it('refuses a document that does not hold, naming where, and changes nothing', async () => {
    const before = await backup();
    const variant = (change: (d: Document) => void) => {
      const copy = structuredClone(before);
      change(copy);
      return copy;
    };
    const firstUser = before.tables.user![0]!;
    const cases: [string, unknown, RegExp][] = [
      ['no document', 'not a document', /^format/],
      ['another format', { ...before, format: 'switchboard.backup/0' }, /^format/],
      ['an unknown table', variant((d) => { d.tables.passwords = []; }), /passwords/],
      ['an unknown column', variant((d) => { d.tables.user![0]!.is_root = true; }), /is_root/],
      ['a wrong type', variant((d) => { d.tables.user![0]!.active = 'yes'; }), /tables\.user\.0\.active/],
      ['a prototype-named key', variant((d) => { Object.defineProperty(d.tables.user![0], '__proto__', { value: { system_role: 'admin' }, enumerable: true }); }), /__proto__/],
      ['a row twice', variant((d) => { d.tables.user!.push({ ...firstUser }); }), /a second row/],
      ['a dangling reference', variant((d) => { d.tables.membership![0]!.user_id = 'usr_nobody'; }), /usr_nobody is not in tables\.user/],
      ['a value sealed with another key', variant((d) => { const s = d.tables.mcp_server!.find((r) => r.name === server)!; s.sealed_secrets = new SecretBox(randomBytes(32)).seal({ env: { FIXTURE_SECRET: 'x' } }); }), /another secret key/],
      ['no active administrator', variant((d) => { for (const u of d.tables.user!) u.active = false; }), /no active system administrator/],
    ];
    for (const [why, document, message] of cases) {
      const result = await t.admin.request(RESTORE, { d: document });
      expect({ why, code: codeOf(result) }).toEqual({ why, code: 'BAD_USER_INPUT' });
      expect({ why, message: result.errors![0]!.message }).toEqual({ why, message: expect.stringMatching(message) });
    }
    expect(tablesOf(await backup())).toEqual(tablesOf(before));
  });
});

describe('on every instance', () => {
  it('a restore on one instance restarts the upstreams another instance runs, with the restored values', async () => {
    const other = await startTestApp({}, t.db);
    try {
      const before = await backup();
      const { mcpServer } = await t.admin.data(`query($n: String!) { mcpServer(name: $n) { id } }`, { n: server });
      await t.admin.data(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { id } } }`, { i: { id: mcpServer.id, env: [{ name: 'FIXTURE_SECRET', value: 'changed-on-one' }] } });
      const onOther = () => callEnv(agentToken, server, other.url);
      expect(await eventually(onOther, (value) => value === 'changed-on-one')).toBe('changed-on-one');
      await t.admin.data(RESTORE, { d: before });
      expect(await eventually(onOther, (value) => value === 'sealed-in-the-backup')).toBe('sealed-in-the-backup');
    } finally {
      await other.stop();
    }
  });
});

describe('who may', () => {
  it('backs up, restores and resets for system administrators only', async () => {
    const member = await createUser(t.admin);
    const document = await backup();
    for (const token of [member.token, agentToken]) {
      const client = t.client(token);
      expect(codeOf(await client.request(BACKUP))).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
      expect(codeOf(await client.request(RESTORE, { d: document }))).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
      expect(codeOf(await client.request(RESET, { c: true }))).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
    }
    expect(codeOf(await t.client(null).request(BACKUP))).toBe('UNAUTHENTICATED');
    expect(await usernames()).toContain(member.username);
  });
});

describe('resetSystem', () => {
  it('asks for confirm: true, and changes nothing without it', async () => {
    const before = await backup();
    const refused = await t.admin.request(RESET, { c: false });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(/must be true/);
    expect(tablesOf(await backup())).toEqual(tablesOf(before));
  });

  it('deletes everything but the caller, the credential they used and their organization; running upstreams stop', async () => {
    const other = await createUser(t.admin);
    const pid = Number(await (async () => {
      const client = await mcpClient(t.url, agentToken);
      try { return textOf(await client.callTool({ name: `${server}__pid`, arguments: {} })); } finally { await client.close(); }
    })());
    const reset = await t.admin.data(RESET, { c: true });
    expect(reset.resetSystem.counts).toContainEqual({ table: 'mcp_server', rows: expect.any(Number) });
    expect(reset.resetSystem.counts.find((c: { table: string }) => c.table === 'mcp_server').rows).toBeGreaterThanOrEqual(1);

    expect(await usernames()).toEqual(['admin']);
    expect((await backup()).tables.mcp_server).toEqual([]);
    expect(codeOf(await t.client(other.token).request(VIEWER))).toBe('UNAUTHENTICATED');
    const refused = await fetch(`${t.url}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(await eventually(async () => { try { process.kill(pid, 0); return true; } catch { return false; } }, (alive) => !alive, 1_000)).toBe(false);
    expect((await t.admin.data(VIEWER)).viewer).toMatchObject({ username: 'admin', role: 'ADMIN' });
  });
});
