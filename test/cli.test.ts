import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { fixtureStdio } from './support/mcp.ts';
import { cli } from './support/cli.ts';
import { ROOT } from './support/process.ts';

let t: TestApp;
let home: string;
let run: ReturnType<typeof cli>;
const server = `cli${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await startTestApp();
  home = mkdtempSync(path.join(os.tmpdir(), 'switchboard-cli-'));
  run = cli(home);
});
afterAll(() => t.stop());

describe('switchboard CLI', () => {
  it('answers --version and --help without a server', async () => {
    const version = await run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const help = await run(['--help']);
    for (const command of ['serve', 'migrate', 'login', 'servers', 'tools', 'agents', 'invoke', 'audit', 'connect']) expect(help.stdout).toContain(command);
  });

  it('refuses commands before login, with the code', async () => {
    const result = await cli(mkdtempSync(path.join(os.tmpdir(), 'switchboard-cli-')))(['servers', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^switchboard: UNAUTHENTICATED: not logged in/);
  });

  it('logs in with a token, keeps it for its user only, and refuses a wrong one without storing it', async () => {
    const wrong = await run(['login', t.url, '--token', 'sb_not-a-real-token-0000000000']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('UNAUTHENTICATED');
    expect(() => statSync(path.join(home, 'switchboard', 'session.json'))).toThrow();

    const ok = await run(['login', t.url, '--token', ADMIN_TOKEN]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('as admin');
    const file = path.join(home, 'switchboard', 'session.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: t.url, token: ADMIN_TOKEN });
    const whoami = await run(['--json', 'whoami']);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ username: 'admin', role: 'ADMIN' });
  });

  it('logs in with a password read from stdin', async () => {
    const username = `cliuser${Date.now().toString(36)}`;
    await t.admin.data(`mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }`, { i: { username, password: 'correct horse battery staple' } });
    const other = mkdtempSync(path.join(os.tmpdir(), 'switchboard-cli-'));
    const bad = await cli(other)(['login', t.url, '--username', username, '--password-stdin'], 'wrong password\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('UNAUTHENTICATED');
    const good = await cli(other)(['--json', 'login', t.url, '--username', username, '--password-stdin'], 'correct horse battery staple\n');
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ username });
  });

  it('adds, validates, publishes and lists a server', async () => {
    const fixture = fixtureStdio(server);
    const added = await run(['servers', 'add', server, '--command', fixture.command, '--arg', fixture.args[0]!, '--env', 'GREETING=hello']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`created ${server} (draft)`);
    const validated = await run(['servers', 'validate', server]);
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(/validated: \d+ tools \(.*echo/);
    expect((await run(['servers', 'publish', server])).stdout).toContain(`${server} is published`);

    const listed = JSON.parse((await run(['--json', 'servers', 'list'])).stdout) as { name: string; status: string; tools: number }[];
    expect(listed.find((s) => s.name === server)).toMatchObject({ status: 'published', transport: 'stdio' });
    const table = (await run(['servers', 'list'])).stdout.split('\n');
    expect(table[0]).toMatch(/^NAME\s+ORGANIZATION\s+TRANSPORT\s+STATUS/);
    expect(table.some((line) => line.startsWith(server) && line.includes('published'))).toBe(true);

    const tools = JSON.parse((await run(['--json', 'tools', 'list', '--server', server])).stdout) as { tool: string }[];
    expect(tools.map((tool) => tool.tool)).toContain(`${server}__echo`);
    const everyTool = (await run(['tools', 'list'])).stdout;
    expect(everyTool).toMatch(new RegExp(`^${server}__echo\\s+yes`, 'm'));
  });

  it('refuses a duplicate server and a missing one with their codes', async () => {
    const duplicate = await run(['servers', 'add', server, '--url', 'http://127.0.0.1:9/mcp']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/CONFLICT: .*already exists/);
    const missing = await run(['--json', 'servers', 'publish', 'no-such-server']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const both = await run(['servers', 'add', 'x', '--url', 'http://a', '--command', 'node']);
    expect(both.stderr).toContain('BAD_USER_INPUT: give exactly one of --url and --command');
  });

  it('creates an agent, invokes a tool as it, and the kill switches stop and release it', async () => {
    const created = await run(['--json', 'agents', 'create', `${server}-bot`, '--allow', server]);
    expect(created.code, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const listed = (await run(['agents', 'list'])).stdout;
    expect(listed).toContain(`${server}-bot`);
    expect(listed).not.toContain(token);

    const asAgent = cli(home, { SWITCHBOARD_TOKEN: token });
    const echoed = await asAgent(['invoke', `${server}__echo`, '--args', '{"text":"through the gateway"}']);
    expect(echoed.code, echoed.stderr).toBe(0);
    expect(echoed.stdout.trim()).toBe('through the gateway');

    const failed = await asAgent(['invoke', `${server}__fail`]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('TOOL_ERROR: it failed, as asked');
    const badArgs = await asAgent(['invoke', `${server}__echo`, '--args', '{"text":']);
    expect(badArgs.stderr).toContain('BAD_USER_INPUT: --args is not JSON');

    expect((await run(['tools', 'kill', `${server}__echo`, '--reason', 'under review'])).stdout).toContain('is killed');
    const killed = await asAgent(['invoke', `${server}__echo`, '--args', '{"text":"x"}']);
    expect(killed.code).toBe(1);
    expect(killed.stderr).toContain('under review');
    await run(['tools', 'kill', `${server}__echo`, '--off']);
    expect((await asAgent(['invoke', `${server}__echo`, '--args', '{"text":"back"}'])).stdout.trim()).toBe('back');

    expect((await run(['servers', 'kill', server, '--reason', 'incident'])).stdout).toContain('is killed: incident');
    expect((await asAgent(['invoke', `${server}__echo`, '--args', '{"text":"x"}'])).stderr).toContain('incident');
    expect((await run(['servers', 'kill', server, '--off'])).stdout).toContain('is back on');

    const renewed = JSON.parse((await run(['--json', 'agents', 'token', `${server}-bot`])).stdout) as { token: string };
    expect(renewed.token).not.toBe(token);
    expect((await asAgent(['invoke', `${server}__echo`, '--args', '{"text":"x"}'])).stderr).toContain('UNAUTHENTICATED');

    const asRenewed = cli(home, { SWITCHBOARD_TOKEN: renewed.token });
    expect((await asRenewed(['invoke', `${server}__echo`, '--args', '{"text":"renewed"}'])).stdout.trim()).toBe('renewed');
    expect((await run(['servers', 'archive', server])).stdout).toContain(`${server} is archived`);
    const archived = await asRenewed(['invoke', `${server}__echo`, '--args', '{"text":"x"}']);
    expect(archived.code).toBe(1);
    expect(archived.stderr).toMatch(/^switchboard: MCP_ERROR: .+ \(JSON-RPC -\d+\)/);
  });
});
