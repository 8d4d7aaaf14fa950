import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VIEWER } from './support/fixtures.ts';
import { graphqlClient } from './support/graphql.ts';
import { childEnv, run, startServer, SERVE } from './support/process.ts';
import { createTestDatabase } from './support/database.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-proc-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Each starts real processes on a fresh embedded database (its migrations included), some twice: slow on a busy machine.
describe('npm start on a fresh machine', { timeout: 90_000 }, () => {
  it('creates the admin, prints its token once, serves /health, and keeps data across restarts', async () => {
    const dataDir = tempDir();
    const env = childEnv({ SWITCHBOARD_DATA_DIR: dataDir });
    const first = await startServer('npm', ['start'], { env });
    const printed = /Created user "admin"\. Its API token, shown only this once:\s+(sbu_\S+)/.exec(first.output());
    expect(printed).not.toBeNull();
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), admin: true });
    const admin = graphqlClient(first.url, printed![1]!);
    expect((await admin.data(VIEWER)).viewer).toMatchObject({ username: 'admin', role: 'ADMIN' });
    await first.stop();

    const second = await startServer('npm', ['start'], { env });
    expect(second.output()).not.toMatch(/shown only this once/);
    expect((await graphqlClient(second.url, printed![1]!).data(VIEWER)).viewer.username).toBe('admin');
    await second.stop();
  });

  it('SWITCHBOARD_ADMIN_TOKEN becomes the admin token, and a changed value replaces the old one', async () => {
    const dataDir = tempDir();
    const first = await startServer(process.execPath, SERVE, { env: childEnv({ SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_ADMIN_TOKEN: 'first-admin-token-value-0123456789' }) });
    expect(first.output()).not.toMatch(/shown only this once/);
    expect((await graphqlClient(first.url, 'first-admin-token-value-0123456789').data(VIEWER)).viewer.username).toBe('admin');
    await first.stop();
    const second = await startServer(process.execPath, SERVE, { env: childEnv({ SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_ADMIN_TOKEN: 'second-admin-token-value-0123456789' }) });
    expect((await graphqlClient(second.url, 'second-admin-token-value-0123456789').data(VIEWER)).viewer.username).toBe('admin');
    expect((await graphqlClient(second.url, 'first-admin-token-value-0123456789').request(VIEWER)).status).toBe(401);
    // Taking over the admin account through the environment is said and recorded.
    expect(second.output()).toMatch(/SWITCHBOARD_ADMIN_TOKEN replaced the admin token/);
    const events = await graphqlClient(second.url, 'second-admin-token-value-0123456789').data(`{ auditLog(filter: { type: "admin_token_replaced" }) { events { actor { name } target { name } } } }`);
    expect(events.auditLog.events).toEqual([{ actor: { name: 'SWITCHBOARD_ADMIN_TOKEN' }, target: { name: 'admin' } }]);
    await second.stop();
  });

  it('a port in use or a bad setting stops the start with one clear line and exit 1, no stack trace', async () => {
    const holder = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    const { port } = holder.address() as net.AddressInfo;
    const taken = await run(process.execPath, SERVE, { env: childEnv({ SWITCHBOARD_DATA_DIR: tempDir(), PORT: String(port), HOST: '127.0.0.1' }) });
    holder.close();
    expect(taken.code).toBe(1);
    expect(taken.output).toContain(`switchboard: port ${port} is already in use: stop what holds it, or set PORT to another`);
    const bad = await run(process.execPath, SERVE, { env: childEnv({ SWITCHBOARD_DATA_DIR: tempDir(), PORT: 'four-thousand' }) });
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/^switchboard: Invalid configuration: PORT: /m);
    for (const output of [taken.output, bad.output]) expect(output).not.toMatch(/^\s+at /m);
  });

  it('refuses to open a data directory another process is using', async () => {
    const dataDir = tempDir();
    const env = childEnv({ SWITCHBOARD_DATA_DIR: dataDir });
    const holder = await startServer(process.execPath, SERVE, { env });
    const intruder = await run(process.execPath, SERVE, { env });
    expect(intruder.code).toBe(1);
    expect(intruder.output).toMatch(/^switchboard: .*is in use by process/m);
    expect(intruder.output).not.toMatch(/^\s+at /m);
    expect((await fetch(`${holder.url}/health`)).status).toBe(200);
    expect(await holder.stop()).toBe(0);
  });

  // Needs a PostgreSQL server: CI provides one through DATABASE_URL; the embedded path is covered above.
  it.runIf(process.env.DATABASE_URL)('DATABASE_URL switches to a PostgreSQL server, and `npm run migrate` prepares it', async () => {
    const database = await createTestDatabase();
    try {
      const target = database.databaseUrl!;
      const migrated = await run('npm', ['run', 'migrate'], { env: childEnv({ DATABASE_URL: target }) });
      expect(migrated.output).toContain('migrations applied');
      const server = await startServer(process.execPath, SERVE, { env: childEnv({ DATABASE_URL: target, SWITCHBOARD_ADMIN_TOKEN: 'postgres-admin-token-0123456789abc' }) });
      expect(server.output()).toContain('"database":"postgres"');
      expect((await graphqlClient(server.url, 'postgres-admin-token-0123456789abc').data(VIEWER)).viewer.username).toBe('admin');
      await server.stop();
    } finally {
      await database.drop();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request that is in flight when SIGTERM arrives, then exits 0', async () => {
    const server = await startServer(process.execPath, SERVE, { env: childEnv({ SWITCHBOARD_DATA_DIR: tempDir(), SWITCHBOARD_ADMIN_TOKEN: 'shutdown-admin-token-0123456789abc' }) });
    const { port } = new URL(server.url);
    const body = JSON.stringify({ query: '{ viewer { username } }' });
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (d) => (response += d));
    const ended = new Promise((r) => socket.once('end', r));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer shutdown-admin-token-0123456789abc\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 200));
    const exit = server.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(10));
    await ended;
    expect(response).toMatch(/^HTTP\/1.1 200/);
    expect(response).toContain('"username":"admin"');
    expect(await exit).toBe(0);
    expect(server.output()).toContain('"msg":"shutting down"');
  });
});
