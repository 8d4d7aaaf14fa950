import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LOADING_PATTERNS, loadsCode } from '../src/auth/host-env.ts';
import { McpServer } from '../src/db/mcp-server.entity.ts';
import { UserServerSecret } from '../src/db/user-server-secret.entity.ts';
import { StdioTransport } from '../src/mcp/stdio-transport.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { setMembership } from './support/audit.ts';
import { createUser, unique } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import { FIXTURE, fixtureStdio, mcpClient, readyServer, registerServer, textOf } from './support/mcp.ts';

let t: TestApp;
let marker: string;
/** NODE_OPTIONS that makes any Node process write `marker`: what the red team used, without the data: URL. */
let payload: string;
beforeAll(async () => {
  t = await startTestApp();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-payload-'));
  marker = path.join(dir, 'ran');
  writeFileSync(path.join(dir, 'payload.cjs'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'code ran on the host');`);
  payload = `--require=${path.join(dir, 'payload.cjs')}`;
});
afterAll(() => t.stop());

const UPDATE = `mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { envNames envSchema { name } } } }`;
const VALIDATE = `mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }`;

/** Writes sealed env values straight into the row, as a value stored before these checks existed would be. */
async function plantEnv(serverId: string, env: Record<string, string>) {
  const em = t.app.services.orm.em.fork();
  const server = await em.findOneOrFail(McpServer, { id: serverId });
  server.sealedSecrets = t.app.services.secrets.seal({ env, headers: {} });
  server.envNames = Object.keys(env);
  await em.flush();
}

describe('command execution through a server’s environment', () => {
  it('a developer’s NODE_OPTIONS on an admin’s stdio server is refused, and so is an administrator’s', async () => {
    const developer = await createUser(t.admin);
    await setMembership(t.app, developer.id, (await t.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id, 'developer');
    const id = await registerServer(t.admin, fixtureStdio(unique('victim')));
    const env = [{ name: 'NODE_OPTIONS', value: payload }];
    expect(codeOf(await t.client(developer.token).request(UPDATE, { i: { id, env } }))).toBe('FORBIDDEN');
    const byAdmin = await t.admin.request(UPDATE, { i: { id, env } });
    expect(codeOf(byAdmin)).toBe('BAD_USER_INPUT');
    expect(byAdmin.errors![0]!.message).toMatch(/env: NODE_OPTIONS would change how the process finds or loads code: refused/);
    expect(codeOf(await t.admin.request(UPDATE, { i: { id, env: [{ name: 'node_options', value: payload }] } }))).toBe('BAD_USER_INPUT');
    expect((await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { envNames } }`, { id })).mcpServer.envNames).toEqual([]);
  });

  it('an env schema cannot declare NODE_OPTIONS for users to fill (the per-user path)', async () => {
    const id = await registerServer(t.admin, fixtureStdio(unique('peruser')));
    const result = await t.admin.request(UPDATE, { i: { id, isolation: 'PER_USER', envSchema: [{ name: 'NODE_OPTIONS', scope: 'USER' }] } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
  });

  it('a remote server that becomes stdio keeps no env schema or isolation set while it ran nothing', async () => {
    const developer = await createUser(t.admin);
    await setMembership(t.app, developer.id, (await t.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id, 'developer');
    const id = await registerServer(t.client(developer.token), {
      name: unique('planted'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp', isolation: 'PER_USER', envSchema: [{ name: 'API_REGION', scope: 'USER' }],
    });
    const converted = await t.admin.data(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { isolation envSchema { name } } } }`, { i: { id, transport: 'STDIO', command: process.execPath, args: [FIXTURE] } });
    expect(converted.updateMcpServer.server).toEqual({ isolation: 'SHARED', envSchema: [] });
  });

  it('NODE_OPTIONS already stored for a server never reaches the process it spawns', async () => {
    const id = await registerServer(t.admin, fixtureStdio(unique('planted')));
    await plantEnv(id, { NODE_OPTIONS: payload });
    const { validateMcpServer } = await t.admin.data(VALIDATE, { id });
    expect(validateMcpServer).toMatchObject({ ok: false });
    expect(validateMcpServer.error).toMatch(/Refused to start: NODE_OPTIONS would change how the process finds or loads code/);
    expect(existsSync(marker)).toBe(false);
  });

  it('a user’s own NODE_OPTIONS, stored under a name its schema once declared, is refused at spawn time too', async () => {
    const id = await registerServer(t.admin, fixtureStdio(unique('ownvalues'), { isolation: 'PER_USER' }));
    const em = t.app.services.orm.em.fork();
    const server = await em.findOneOrFail(McpServer, { id });
    server.envSchema = [{ name: 'NODE_OPTIONS', scope: 'user', required: false, secret: true }];
    const adminId = (await t.admin.data(`{ viewer { user { id } } }`)).viewer.user.id;
    em.create(UserServerSecret, { user: adminId, server: id, sealedValues: t.app.services.secrets.seal({ NODE_OPTIONS: payload }), names: ['NODE_OPTIONS'] });
    await em.flush();
    const refused = await t.admin.request(`mutation($id: ID!) { setMyServerSecrets(input: { serverId: $id, values: [{ name: "NODE_OPTIONS", value: "x" }] }) { names } }`, { id });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect((await t.admin.data(VALIDATE, { id })).validateMcpServer.error).toMatch(/Refused to start: NODE_OPTIONS/);
    expect(existsSync(marker)).toBe(false);
  });

  it('a user’s own values fill only the names the server’s env schema declares for users, as it is now', async () => {
    const name = unique('declared').replaceAll('_', '-');
    const { id } = await readyServer(t.admin, fixtureStdio(name, { isolation: 'PER_USER', envSchema: [{ name: 'PERSONAL_TOKEN', scope: 'USER' }, { name: 'OTHER', scope: 'USER' }] }), false);
    await t.admin.data(`mutation($id: ID!) { setMyServerSecrets(input: { serverId: $id, values: [{ name: "PERSONAL_TOKEN", value: "mine" }] }) { names } }`, { id });
    // A value for a name no schema declared, written past the API.
    const em = t.app.services.orm.em.fork();
    const own = await em.findOneOrFail(UserServerSecret, { server: id });
    own.sealedValues = t.app.services.secrets.seal({ PERSONAL_TOKEN: 'mine', UNDECLARED: 'planted' });
    await em.flush();
    await t.admin.data(`mutation($id: ID!) { subscribeToServer(input: { serverId: $id }) { server { id } } }`, { id });
    const client = await mcpClient(t.url, t.admin.token!);
    const read = async (variable: string) => textOf(await client.callTool({ name: `${name}__env`, arguments: { name: variable } }));
    try {
      expect(await read('PERSONAL_TOKEN')).toBe('mine');
      expect(await read('UNDECLARED')).toBe('<unset>');
      await t.admin.data(UPDATE, { i: { id, envSchema: [{ name: 'OTHER', scope: 'USER' }] } });
      expect(await read('PERSONAL_TOKEN')).toBe('<unset>');
    } finally {
      await client.close();
    }
  });
});

describe('names that change how a process loads code', () => {
  it('covers the lists it cites (sudo, glibc), whatever the case, and prefixes with any suffix', () => {
    for (const pattern of CODE_LOADING_PATTERNS) {
      const name = pattern.endsWith('*') ? `${pattern.slice(0, -1)}ANYTHING` : pattern;
      expect(loadsCode(name), name).toBe(true);
      expect(loadsCode(name.toLowerCase()), name.toLowerCase()).toBe(true);
    }
    for (const named of ['OPENSSL_CONF', 'HTTPS_PROXY', 'NODE_EXTRA_CA_CERTS', 'XDG_CONFIG_HOME', 'LUA_INIT', 'NODE_OPTIONS', 'LD_PRELOAD', 'DYLD_INSERT_LIBRARIES', 'PATH', 'PYTHONSTARTUP', 'PERL5OPT', 'RUBYOPT', 'BASH_ENV', 'ENV', 'npm_config_registry', 'PIP_INDEX_URL', 'GIT_SSH_COMMAND', 'JAVA_TOOL_OPTIONS', 'DOTNET_STARTUP_HOOKS']) {
      expect(loadsCode(named), named).toBe(true);
    }
    for (const harmless of ['GITHUB_TOKEN', 'API_KEY', 'NODE_ENV', 'PATHNAME', 'DATABASE_URL', 'LOG_LEVEL']) expect(loadsCode(harmless), harmless).toBe(false);
  });

  it('are refused by the stdio transport before anything is spawned', async () => {
    for (const name of ['NODE_OPTIONS', 'LD_PRELOAD', 'Path', 'npm_config_script_shell']) {
      const transport = new StdioTransport({ command: '/nonexistent/binary', args: [], env: { [name]: 'x' }, maxMessageBytes: 1_000, onStderr: () => {} });
      await expect(transport.start(), name).rejects.toThrow(`Refused to start: ${name} would change`);
    }
  });
});
