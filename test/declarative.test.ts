import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type Run } from '../src/client/api-client.ts';
import { applyConfiguration, ConfigError, type ApplyOptions } from '../src/declarative/index.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { cli } from './support/cli.ts';
import { createTestDatabase } from './support/database.ts';
import { FIXTURE, mcpClient, textOf } from './support/mcp.ts';
import { childEnv, ROOT, run as runProcess, SERVE } from './support/process.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-declarative-'));
});
afterAll(() => t?.stop());

let unique = 0;
const id = (prefix: string) => `${prefix}${Date.now().toString(36)}${unique++}`;
const lines = (...text: string[]) => `${text.join('\n')}\n`;
/** A Run that fails the test if the applier reaches the API at all. */
const offline: Run = () => Promise.reject(new Error('the API was called'));
const admin = () => apiClient(t.url, ADMIN_TOKEN).run;
const apply = (text: string, options: Partial<ApplyOptions> = {}, run: Run = admin()) =>
  applyConfiguration(run, text, { file: 'switchboard.yaml', env: {}, ...options });
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
};
const stdioServer = (name: string, ...extra: string[]) => [`  - name: ${name}`, '    transport: stdio', `    command: ${process.execPath}`, `    args: [${FIXTURE}]`, ...extra];
const server = async (name: string) => (await t.admin.request(`query($n: String!) { mcpServer(name: $n, organizationId: null) { id status description envNames toolCount } }`, { n: name }));

describe('a configuration file is refused whole, naming the line and the field', () => {
  it('names the line and field of a value out of range, and of every other problem', async () => {
    const text = lines('servers:', ...stdioServer('good'), '  - name: bad', '    transport: websocket', '    url: http://127.0.0.1:9/mcp', 'agents:', '  - name: a', '    allowList: [Not_A_Name]');
    const error = await refusal(apply(text, {}, offline));
    expect(error.problems).toEqual([
      'switchboard.yaml:7: servers[1].transport: expected one of stdio, http, sse',
      'switchboard.yaml:11: agents[0].allowList[0]: a server name, or "*" for every server',
    ]);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe('switchboard.yaml:7: servers[1].transport: expected one of stdio, http, sse (and 1 more problem)');
  });

  it('refuses an unknown field at its line, and a YAML syntax error at its line', async () => {
    const unknown = await refusal(apply(lines('servers:', '  - name: x', '    transport: stdio', '    comand: node'), {}, offline));
    expect(unknown.problems).toEqual(['switchboard.yaml:4: servers[0].comand: unknown field', 'switchboard.yaml:2: servers[0].command: required for stdio']);
    const syntax = await refusal(apply(lines('servers:', '  - name: x', '   transport: [stdio'), {}, offline));
    expect(syntax.problems[0]).toMatch(/^switchboard\.yaml:3: /);
  });

  it('refuses an inline secret without repeating it, and names a missing environment variable', async () => {
    const inline = await refusal(apply(lines('servers:', ...stdioServer('x', '    env:', '      API_KEY: sk-live-0123456789')), {}, offline));
    expect(inline.problems).toEqual(['switchboard.yaml:7: servers[0].env.API_KEY: an inline secret is refused: write { fromEnv: NAME } and set NAME in the environment']);
    expect(inline.message).not.toContain('sk-live');
    const missing = await refusal(apply(lines('servers:', ...stdioServer('x', '    env:', '      API_KEY: { fromEnv: DECLARATIVE_UNSET_KEY }')), {}, offline));
    expect(missing.problems).toEqual(['switchboard.yaml:7: servers[0].env.API_KEY: the environment variable DECLARATIVE_UNSET_KEY is not set']);
    const url = await refusal(apply(lines('servers:', '  - name: x', '    transport: http', '    url: https://user:pw@example.com/mcp'), {}, offline));
    expect(url.problems[0]).toMatch(/^switchboard\.yaml:4: servers\[0\]\.url: credentials in a URL are an inline secret/);
  });

  it('checks references against the gateway before the first mutation: nothing of a refused file is applied', async () => {
    const kept = id('kept');
    const text = lines('servers:', ...stdioServer(kept), 'toolsets:', `  - name: ${id('ts')}`, '    servers: [nowhere]', 'groups:', `  - name: ${id('g')}`, '    members: [nobody-at-all]');
    const error = await refusal(apply(text));
    expect(error.problems).toEqual([
      'switchboard.yaml:8: toolsets[0].servers[0]: no server nowhere in default',
      'switchboard.yaml:11: groups[0].members[0]: nobody-at-all is not a member of default',
    ]);
    expect((await server(kept)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('applying a file', () => {
  const name = id('decl');
  const env = { DECL_API_KEY: 'value-from-the-environment', DECL_AGENT_TOKEN: 'Declared-agent-token-0123456789-abcdefgh' };
  const file = (description: string) => lines(
    'servers:', ...stdioServer(name, `    description: ${description}`, '    status: published', '    env:', '      API_KEY: { fromEnv: DECL_API_KEY }'),
    'toolsets:', `  - name: ${name}-tools`, '    servers:', `      - server: ${name}`, '        tools: [echo, env]',
    'groups:', `  - name: ${name}-people`, '    members: [admin]', `    servers: [${name}]`,
    'agents:', `  - name: ${name}-bot`, `    allowList: [${name}]`, '    token: { fromEnv: DECL_AGENT_TOKEN }',
    `  - name: ${name}-scoped`, `    toolset: ${name}-tools`,
  );

  it('plans without changing anything: a dry run creates nothing', async () => {
    const { plan, applied } = await apply(file('first'), { env, dryRun: true });
    expect(applied).toBeNull();
    expect(plan.steps.map((s) => [s.kind, s.name, s.action])).toEqual([
      ['server', name, 'create'], ['toolset', `${name}-tools`, 'create'], ['group', `${name}-people`, 'create'], ['agent', `${name}-bot`, 'create'], ['agent', `${name}-scoped`, 'create'],
    ]);
    const created = plan.steps[0]!;
    expect(created.changes).toContainEqual({ field: 'env', from: null, to: ['API_KEY'] });
    expect(created.notes).toContain('env API_KEY: from $DECL_API_KEY, sealed');
    expect(JSON.stringify(plan.steps.map(({ changes, notes }) => ({ changes, notes })))).not.toContain(env.DECL_API_KEY);
    expect((await server(name)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('creates what the file declares, and the agent reaches the server with the sealed value', async () => {
    const { applied } = await apply(file('first'), { env });
    expect(applied).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
    expect(applied!.tokens.map((x) => x.agent)).toEqual([`${name}-scoped`]);
    expect((await server(name)).data!.mcpServer).toMatchObject({ status: 'PUBLISHED', description: 'first', envNames: ['API_KEY'] });
    const toolset = await t.admin.data(`query($n: String!) { toolset(name: $n) { servers { server { name } tools } agents { name } } }`, { n: `${name}-tools` });
    expect(toolset.toolset).toEqual({ servers: [{ server: { name }, tools: ['echo', 'env'] }], agents: [{ name: `${name}-scoped` }] });
    const group = await t.admin.data(`query($n: String!) { group(name: $n) { members { username } servers { name } } }`, { n: `${name}-people` });
    expect(group.group).toEqual({ members: [{ username: 'admin' }], servers: [{ name }] });
    const mcp = await mcpClient(t.url, env.DECL_AGENT_TOKEN);
    expect(textOf(await mcp.callTool({ name: `${name}__env`, arguments: { name: 'API_KEY' } }))).toBe(env.DECL_API_KEY);
    await mcp.close();
  });

  it('a second apply changes nothing and says so', async () => {
    const { plan, applied } = await apply(file('first'), { env });
    expect(applied).toBeNull();
    expect(plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
  });

  it('one changed field is one update of that field; a dry run of it changes nothing', async () => {
    const dry = await apply(file('second'), { env, dryRun: true });
    expect(dry.plan.steps.filter((s) => s.action !== 'unchanged').map((s) => [s.name, s.changes])).toEqual([[name, [{ field: 'description', from: 'first', to: 'second' }]]]);
    expect((await server(name)).data!.mcpServer.description).toBe('first');
    const { applied } = await apply(file('second'), { env });
    expect(applied).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect((await server(name)).data!.mcpServer.description).toBe('second');
  });
});

describe('tool names from a file', () => {
  it('sets toolPrefix on toolsets and agents, changes only what differs, and the agent calls bare names', async () => {
    const name = id('pfx');
    const env = { PFX_TOKEN: 'Declared-prefix-token-0123456789-abcdefgh' };
    const file = (agentPrefix: string) => lines(
      'servers:', ...stdioServer(name, '    status: published'),
      'toolsets:', `  - name: ${name}-tools`, '    toolPrefix: on_collision', `    servers: [${name}]`,
      'agents:', `  - name: ${name}-bot`, `    allowList: [${name}]`, `    toolPrefix: ${agentPrefix}`, '    token: { fromEnv: PFX_TOKEN }',
    );
    await apply(file('never'), { env });
    const modes = async () => (await t.admin.data(`query($t: String!, $a: String!) { toolset(name: $t) { toolPrefix } agent(name: $a) { toolPrefix } }`, { t: `${name}-tools`, a: `${name}-bot` }));
    expect(await modes()).toEqual({ toolset: { toolPrefix: 'ON_COLLISION' }, agent: { toolPrefix: 'NEVER' } });
    const mcp = await mcpClient(t.url, env.PFX_TOKEN);
    expect(textOf(await mcp.callTool({ name: 'echo', arguments: { text: 'bare' } }))).toBe('bare');
    await mcp.close();
    const { plan } = await apply(file('always'), { env, dryRun: true });
    expect(plan.steps.filter((s) => s.action !== 'unchanged').map((s) => [s.name, s.changes])).toEqual([[`${name}-bot`, [{ field: 'toolPrefix', from: 'NEVER', to: 'ALWAYS' }]]]);
    await apply(file('always'), { env });
    expect((await modes()).agent).toEqual({ toolPrefix: 'ALWAYS' });
    expect((await refusal(apply(file('sometimes'), { env, dryRun: true }))).message).toMatch(/toolPrefix/);
  });
});

describe('a Claude Desktop configuration', () => {
  it('is detected and applied as servers of one organization, its literal values sealed and said so', async () => {
    const label = `Fixture ${id('Desk')}`;
    const name = label.toLowerCase().replace(' ', '-');
    const text = JSON.stringify({ globalShortcut: 'Ctrl+Space', mcpServers: { [label]: { command: process.execPath, args: [FIXTURE], env: { API_KEY: 'desktop-literal-value' } } } }, null, 2);
    const { plan, applied } = await apply(text, { file: 'claude_desktop_config.json' });
    expect(applied).toMatchObject({ created: 1 });
    expect(plan.warnings).toEqual([
      'claude_desktop_config.json is a Claude Desktop configuration: its 1 server go to organization default',
      `the values written in it are taken as secrets and sealed at the gateway, never shown again: ${name}.API_KEY`,
      `"${label}" is named ${name}`,
      'its other settings are Claude Desktop\'s, not the gateway\'s: ignored (globalShortcut)',
    ]);
    expect(plan.steps[0]!.notes).toContain('env API_KEY: the value written in the file, sealed');
    expect((await server(name)).data!.mcpServer.envNames).toEqual(['API_KEY']);
    expect((await apply(text, { file: 'claude_desktop_config.json' })).applied).toBeNull();
    const bad = await refusal(apply('{\n  "mcpServers": {\n    "x": { "command": "node", "transport": "stdio" }\n  }\n}\n', { file: 'c.json' }, offline));
    expect(bad.problems).toEqual(['c.json:3: mcpServers.x.transport: unknown field']);
  });
});

describe('switchboard apply -f (the binary, against a running gateway)', () => {
  it('shows the plan, applies it, says "no changes" the second time, and refuses a bad file with CODE: line', async () => {
    const name = id('cli');
    const file = path.join(dir, `${name}.yaml`);
    const write = (description: string) => writeFileSync(file, lines('servers:', ...stdioServer(name, `    description: ${description}`), 'agents:', `  - name: ${name}-bot`, `    allowList: [${name}]`));
    const apply = cli(mkdtempSync(path.join(dir, 'home-')), { SWITCHBOARD_URL: t.url, SWITCHBOARD_TOKEN: ADMIN_TOKEN });
    write('one');
    const dry = await apply(['apply', '-f', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`+ create server default/${name}`);
    expect(dry.stdout).toContain('dry run: nothing was changed');
    const first = await apply(['apply', '-f', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`agent default/${name}-bot: its token, shown only this once: sba_\\S+`));
    expect(first.stdout).toContain('applied: 2 created, 0 updated, 0 unchanged');
    const second = await apply(['apply', '-f', file]);
    expect(second.stdout).toContain('no changes');
    write('two');
    const json = JSON.parse((await apply(['--json', 'apply', '-f', file])).stdout);
    expect(json.steps.find((s: { kind: string }) => s.kind === 'server')).toMatchObject({ action: 'update', changes: [{ field: 'description', from: 'one', to: 'two' }] });
    expect(json.applied).toMatchObject({ updated: 1, unchanged: 1 });
    writeFileSync(file, lines('servers:', `  - name: ${name}`, '    transport: websocket'));
    const bad = await apply(['apply', '-f', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`switchboard: INVALID_CONFIG: ${file}:3: servers[0].transport: expected one of stdio, http, sse\n`);
  });
});

describe('SWITCHBOARD_CONFIG', () => {
  it('is applied at start as the bootstrap administrator, and the audit log says so', async () => {
    const name = id('boot');
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(file, lines('servers:', ...stdioServer(name, '    env:', '      API_KEY: { fromEnv: DECL_BOOT_KEY }')));
    process.env.DECL_BOOT_KEY = 'boot-value';
    const app = await startTestApp({ SWITCHBOARD_CONFIG: file });
    try {
      const { mcpServer } = await app.admin.data(`query($n: String!) { mcpServer(name: $n) { envNames } }`, { n: name });
      expect(mcpServer.envNames).toEqual(['API_KEY']);
      const { auditLog } = await app.admin.data(`{ auditLog(filter: { type: "server_created" }) { events { clientLabel actor { name } target { name } } } }`);
      expect(auditLog.events).toContainEqual({ clientLabel: 'SWITCHBOARD_CONFIG', actor: { name: 'admin' }, target: { name } });
      expect(app.logs.some((l) => l.includes('SWITCHBOARD_CONFIG: applied: 1 created'))).toBe(true);
    } finally {
      delete process.env.DECL_BOOT_KEY;
      await app.stop();
    }
  });

  it('a bad file stops the start with one line naming it', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, lines('servers:', '  - name: x', '    transport: websocket'));
    const db = await createTestDatabase();
    try {
      const env = childEnv({ SWITCHBOARD_CONFIG: file, SWITCHBOARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, SWITCHBOARD_ADMIN_TOKEN: ADMIN_TOKEN });
      const { code, output } = await runProcess(process.execPath, SERVE, { env });
      expect(code).toBe(1);
      expect(output).toContain(`switchboard: SWITCHBOARD_CONFIG: ${file}:3: servers[0].transport: expected one of stdio, http, sse\n`);
      expect(output).not.toContain('"msg":"listening"');
    } finally {
      await db.drop();
    }
  });
});

describe('the declarative applier', () => {
  // It is a client of the API like the command line: only the startup door reaches into the server. The one
  // rule it shares is a pure function, the strength a chosen token needs, so a weak one is refused before anything is applied.
  it('imports nothing of the server but through its in-process door', () => {
    const root = path.join(ROOT, 'src/declarative');
    const outside = readdirSync(root).filter((f) => f !== 'in-process.ts').flatMap((f) =>
      [...readFileSync(path.join(root, f), 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => path.relative(ROOT, path.resolve(root, m[1]!))))
      .filter((target) => !target.startsWith('src/declarative/'));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((target) => !target.startsWith('src/client/') && target !== 'src/auth/token-strength.ts')).toEqual([]);
  });
});
