import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/auth/principal.ts';
import type { Catalog, CatalogServer } from '../src/mcp/catalog.ts';
import { namingOf } from '../src/mcp/tool-names.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { everythingStdio, fixtureStdio, mcpClient, readyServer, registerServer, textOf, validateServer } from './support/mcp.ts';
import { listeningClient, type Listening } from './support/mcp-listen.ts';
import { orgMember } from './support/tenancy.ts';

// Two instances of one fixture (every tool name shared), and the "everything" server, which shares only `echo`.
const A = unique('pfa');
const B = unique('pfb');
const E = unique('pfe');
let t: TestApp;
let admin: GraphQLClient;
let orgId: string;
const ids: Record<string, string> = {};
const clients: Client[] = [];
const listening: Listening[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = t.admin;
  for (const [name, input] of [[A, fixtureStdio(A)], [B, fixtureStdio(B)], [E, everythingStdio(E)]] as const) ids[name] = (await readyServer(admin, input)).id;
  orgId = (await admin.data(`mutation($n: String!) { createToolset(input: { name: $n }) { toolset { organization { id } } } }`, { n: unique('probe') })).createToolset.toolset.organization.id;
}, 90_000);

afterAll(async () => {
  await Promise.all([...clients, ...listening.map((l) => l.client)].map((c) => c.close().catch(() => {})));
  await t?.stop();
});

const AGENT = `token agent { id toolPrefix allowList toolset { id } }`;
const createAgent = (i: Record<string, unknown>) =>
  admin.request(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { ${AGENT} } }`, { i: { name: unique('agt'), allowList: [], ...i } });
async function agent(i: Record<string, unknown>) {
  const made = await createAgent(i);
  if (made.errors) throw new Error(JSON.stringify(made.errors));
  return made.data!.createAgent as { token: string; agent: { id: string; toolPrefix: string | null } };
}
const updateAgent = (i: Record<string, unknown>) => admin.request(`mutation($i: UpdateAgentInput!) { updateAgent(input: $i) { agent { toolPrefix allowList toolset { id } } } }`, { i });

async function toolset(toolPrefix: string | null, servers: [string, string[] | null][] = []) {
  const data = await admin.data(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id toolPrefix } } }`, { i: { name: unique('tls'), toolPrefix } });
  const id = data.createToolset.toolset.id as string;
  expect(data.createToolset.toolset.toolPrefix).toBe(toolPrefix);
  for (const [server, tools] of servers) {
    const added = await addServer(id, server, tools);
    if (added.errors) throw new Error(JSON.stringify(added.errors));
  }
  return id;
}
const addServer = (toolsetId: string, server: string, tools: string[] | null) =>
  admin.request(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId, serverId: ids[server] ?? server, tools } });
const updateEntry = (toolsetId: string, server: string, tools: string[] | null) =>
  admin.request(`mutation($i: ToolsetServerInput!) { updateToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId, serverId: ids[server], tools } });
const updateToolset = (i: Record<string, unknown>) => admin.request(`mutation($i: UpdateToolsetInput!) { updateToolset(input: $i) { toolset { toolPrefix } } }`, { i });
const toolsetPrefix = async (id: string) => (await admin.data(`query($id: ID!) { toolset(id: $id) { toolPrefix } }`, { id })).toolset.toolPrefix;

async function connect(token: string, endpoint = '/mcp') {
  const client = await mcpClient(t.url, token, endpoint);
  clients.push(client);
  return client;
}
const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);
const call = (client: Client, name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args });
const unknown = (client: Client, name: string) => expect(call(client, name, {})).rejects.toThrow(`Unknown tool: ${name}`);
/** What a NEVER configuration is refused with, servers in name order. */
const collision = (tool: string, a: string, b: string) => `tool "${tool}" is offered by both "${a}" and "${b}": with toolPrefix NEVER, tool names must be unique`;
const refused = (result: { errors?: { message: string; extensions?: { code?: string } }[] }, message: string) => {
  expect(codeOf(result as never)).toBe('BAD_USER_INPUT');
  expect(result.errors![0]!.message).toBe(message);
};
const FIXTURE_TOOLS = ['add', 'big', 'crash', 'echo', 'env', 'fail', 'headers', 'pid', 'shout', 'slow'];
const sorted = (list: string[]) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('ALWAYS', () => {
  it('is the default and can be set: every tool is <server>__<tool>, and a bare name is unknown', async () => {
    const byDefault = await agent({ allowList: [A, E] });
    const set = await agent({ allowList: [A, E], toolPrefix: 'ALWAYS' });
    expect([byDefault.agent.toolPrefix, set.agent.toolPrefix]).toEqual([null, 'ALWAYS']);
    for (const { token } of [byDefault, set]) {
      const client = await connect(token);
      const listed = await names(client);
      expect(listed).toEqual(expect.arrayContaining([`${A}__echo`, `${A}__add`, `${E}__echo`, `${E}__get-sum`]));
      expect(listed.every((name) => name.startsWith(`${A}__`) || name.startsWith(`${E}__`))).toBe(true);
      expect(textOf(await call(client, `${A}__add`, { a: 1, b: 2 }))).toBe('3');
      await unknown(client, 'add');
      await unknown(client, 'get-sum');
    }
  });
});

describe('ON_COLLISION', () => {
  it('names bare every tool but those several servers offer, which are <server>__<tool>', async () => {
    const { token } = await agent({ allowList: [A, E], toolPrefix: 'ON_COLLISION' });
    const client = await connect(token);
    const listed = await names(client);
    expect(listed).toEqual(expect.arrayContaining([`${A}__echo`, `${E}__echo`, 'add', 'pid', 'get-sum']));
    expect(listed).not.toContain('echo');
    expect(listed.filter((name) => name.includes('__')).sort()).toEqual([`${A}__echo`, `${E}__echo`]);
    expect(textOf(await call(client, 'add', { a: 2, b: 3 }))).toBe('5');
    expect(textOf(await call(client, `${A}__echo`, { text: 'from a' }))).toBe('from a');
    expect(textOf(await call(client, `${E}__echo`, { message: 'from e' }))).toContain('from e');
    // Only the names tools/list shows are callable.
    await unknown(client, 'echo');
    await unknown(client, `${A}__add`);
    // /mcp/<server> keeps bare names whatever the mode.
    expect(await names(await connect(token, `/mcp/${A}`))).toContain('echo');
  });
});

describe('NEVER', () => {
  it('names every tool bare; the prefixed form is unknown', async () => {
    const made = await agent({ allowList: [A], toolPrefix: 'NEVER' });
    expect(made.agent.toolPrefix).toBe('NEVER');
    const client = await connect(made.token);
    expect(await names(client)).toEqual(FIXTURE_TOOLS);
    expect(textOf(await call(client, 'echo', { text: 'bare' }))).toBe('bare');
    await unknown(client, `${A}__echo`);
  });

  it('is refused on an agent whose tools collide, and an allow list that would make them collide is refused', async () => {
    refused(await createAgent({ allowList: [A, E], toolPrefix: 'NEVER' }), collision('echo', A, E));
    refused(await createAgent({ allowList: [A, B], toolPrefix: 'NEVER' }), collision('add', A, B));

    const always = await agent({ allowList: [A, E] });
    refused(await updateAgent({ id: always.agent.id, toolPrefix: 'NEVER' }), collision('echo', A, E));
    const never = await agent({ allowList: [A], toolPrefix: 'NEVER' });
    refused(await updateAgent({ id: never.agent.id, allowList: [A, E] }), collision('echo', A, E));
    // Nothing changed: the first keeps its mode, the second its allow list, and its tools their names.
    expect((await admin.data(`query($id: ID!) { agent(id: $id) { toolPrefix } }`, { id: always.agent.id })).agent.toolPrefix).toBeNull();
    expect((await admin.data(`query($id: ID!) { agent(id: $id) { allowList } }`, { id: never.agent.id })).agent.allowList).toEqual([A]);
    expect(await names(await connect(never.token))).toEqual(FIXTURE_TOOLS);
  });

  it('on a toolset: refused while its servers collide, and so are servers and tools that would make them collide', async () => {
    const colliding = await toolset(null, [[A, ['echo']], [B, ['echo']]]);
    refused(await updateToolset({ id: colliding, toolPrefix: 'NEVER' }), collision('echo', A, B));
    expect(await toolsetPrefix(colliding)).toBeNull();

    const id = await toolset('NEVER', [[A, ['echo', 'add']], [B, ['pid']]]);
    refused(await updateEntry(id, B, ['pid', 'echo']), collision('echo', A, B));
    refused(await updateEntry(id, B, null), collision('add', A, B));
    refused(await addServer(id, E, null), collision('echo', A, E));
    expect(codeOf(await addServer(id, E, ['get-sum']))).toBe('OK');
    const { token } = await agent({ toolsetId: id });
    expect(await names(await connect(token))).toEqual(['add', 'echo', 'get-sum', 'pid']);

    // A toolset that is not NEVER itself is checked for an agent of its own that is.
    const plain = await toolset(null, [[A, ['echo']]]);
    await agent({ toolsetId: plain, toolPrefix: 'NEVER' });
    refused(await addServer(plain, B, ['echo']), collision('echo', A, B));
  });

  it('withholds a name that collides later, and a call to it is a tool error that names the collision', async () => {
    const C = unique('pfc');
    const id = await toolset('NEVER', [[A, null]]);
    const { token } = await agent({ toolsetId: id });
    const client = await connect(token);
    expect(await names(client)).toEqual(FIXTURE_TOOLS);
    // A server never validated has no tools to collide with yet: it may join. Once validated, its echo collides.
    ids[C] = await registerServer(admin, fixtureStdio(C));
    expect(codeOf(await addServer(id, C, ['echo']))).toBe('OK');
    await validateServer(admin, ids[C]);
    await admin.data(`mutation($id: ID!) { publishMcpServer(input: { id: $id }) { server { status } } }`, { id: ids[C] });

    expect(await names(client)).toEqual(FIXTURE_TOOLS.filter((name) => name !== 'echo'));
    const result = await call(client, 'echo', { text: 'which one?' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(collision('echo', A, C));
    await unknown(client, `${A}__echo`);
    await unknown(client, `${C}__echo`);
    expect(textOf(await call(client, 'add', { a: 1, b: 1 }))).toBe('2');
    const warnings = t.logs.filter((line) => line.includes('"level":"warn"') && line.includes(collision('echo', A, C).replaceAll('"', '\\"')));
    expect(warnings.length).toBeGreaterThan(0);
    // Setting NEVER again now meets the collision.
    refused(await updateToolset({ id, toolPrefix: 'NEVER' }), collision('echo', A, C));
  });
});

describe('which mode applies', () => {
  it('an agent’s own mode, else its toolset’s, else ALWAYS', async () => {
    const id = await toolset('ON_COLLISION', [[A, ['echo', 'add']], [B, ['echo', 'pid']]]);
    const inherits = await connect((await agent({ toolsetId: id })).token);
    const own = await connect((await agent({ toolsetId: id, toolPrefix: 'ALWAYS' })).token);
    const allowList = await connect((await agent({ allowList: [A] })).token);
    expect(await names(inherits)).toEqual(sorted([`${A}__echo`, `${B}__echo`, 'add', 'pid']));
    expect(await names(own)).toEqual(sorted([`${A}__echo`, `${B}__echo`, `${A}__add`, `${B}__pid`]));
    expect(await names(allowList)).toEqual(FIXTURE_TOOLS.map((name) => `${A}__${name}`));
    expect(textOf(await call(inherits, 'pid'))).toMatch(/^\d+$/);
    await unknown(inherits, `${B}__pid`);
    // An agent of its own NEVER on this toolset meets its collision.
    refused(await createAgent({ toolsetId: id, toolPrefix: 'NEVER' }), collision('echo', A, B));

    expect(codeOf(await updateToolset({ id, toolPrefix: null }))).toBe('OK');
    expect(await names(inherits)).toEqual(sorted([`${A}__echo`, `${B}__echo`, `${A}__add`, `${B}__pid`]));
  });

  it('a project key takes its project’s toolset’s mode', async () => {
    const id = await toolset('ON_COLLISION', [[A, ['echo', 'add']], [B, ['echo']]]);
    const member = await orgMember(admin, orgId, 'VIEWER');
    const project = (await admin.data(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`, { i: { organizationId: orgId, name: unique('prj'), toolsetId: id } })).createProject.project.id;
    await admin.data(`mutation($i: AddProjectMembersInput!) { addProjectMembers(input: $i) { project { id } } }`, { i: { projectId: project, userIds: [member.id] } });
    const key = (await t.client(member.token).data(`mutation($i: CreateProjectApiKeyInput!) { createProjectApiKey(input: $i) { token } }`, { i: { projectId: project } })).createProjectApiKey.token;
    const client = await connect(key);
    expect(await names(client)).toEqual(sorted([`${A}__echo`, `${B}__echo`, 'add']));
    expect(textOf(await call(client, 'add', { a: 4, b: 4 }))).toBe('8');

    refused(await updateToolset({ id, toolPrefix: 'NEVER' }), collision('echo', A, B));
    expect(codeOf(await updateEntry(id, B, ['pid']))).toBe('OK');
    expect(codeOf(await updateToolset({ id, toolPrefix: 'NEVER' }))).toBe('OK');
    expect(await names(client)).toEqual(['add', 'echo', 'pid']);
    expect(textOf(await call(client, 'echo', { text: 'bare' }))).toBe('bare');
    await unknown(client, `${A}__echo`);
  });
});

describe('tools/list', () => {
  it('is in name order, the same on every call, in every mode', async () => {
    for (const toolPrefix of [null, 'ALWAYS', 'ON_COLLISION', 'NEVER']) {
      const client = await connect((await agent({ allowList: toolPrefix === 'NEVER' ? [A] : [A, B, E], toolPrefix })).token);
      const first = await names(client);
      expect(first.length).toBeGreaterThan(5);
      expect(first, String(toolPrefix)).toEqual(sorted(first));
      expect(await names(client)).toEqual(first);
    }
  });

  it('changes, with a tools/list_changed, when the caller’s mode changes (the agent’s or its toolset’s)', async () => {
    const made = await agent({ allowList: [A] });
    const own = await listeningClient(t.url, made.token);
    listening.push(own);
    const heard = own.next();
    expect(codeOf(await updateAgent({ id: made.agent.id, toolPrefix: 'NEVER' }))).toBe('OK');
    await heard;
    expect(await names(own.client)).toEqual(FIXTURE_TOOLS);

    const id = await toolset(null, [[A, ['echo']]]);
    const inherits = await listeningClient(t.url, (await agent({ toolsetId: id })).token);
    listening.push(inherits);
    expect(await names(inherits.client)).toEqual([`${A}__echo`]);
    const again = inherits.next();
    expect(codeOf(await updateToolset({ id, toolPrefix: 'NEVER' }))).toBe('OK');
    await again;
    expect(await names(inherits.client)).toEqual(['echo']);
  });
});

describe('ON_COLLISION naming', () => {
  const server = (name: string, tools: string[]): CatalogServer => ({
    id: `srv_${name}`, orgId: 'org_1', name, status: 'published', killReason: null, isolation: 'shared', envSchema: [],
    tools: new Map(tools.map((tool) => [tool, { id: `tool_${name}_${tool}`, name: tool, enabled: true, killReason: null, listing: { inputSchema: {} } }])),
  });
  const principal: Principal = {
    kind: 'agent', id: 'agt_1', name: 'bot', homeOrgId: 'org_1', systemAdmin: false, orgRoles: new Map([['org_1', 'viewer']]), credentialId: 'cred_1',
    credentialKind: 'agent_token', credentialName: 'bot', allowList: ['*'], toolPrefix: 'on_collision', toolsetId: null, projectId: null, credentialExpiresAt: null,
  };

  it('gives every tool a name of its own, even when a bare name is another server’s prefixed one', () => {
    // `c` of b and x collide and become b__c and x__c; a's bare `b__c` would then be taken twice.
    const servers = [server('a', ['b__c', 'd']), server('b', ['c']), server('x', ['c'])];
    const catalog = { servers: new Map(servers.map((s) => [s.id, s])), byName: new Map([['org_1', new Map(servers.map((s) => [s.name, s]))]]) } as Catalog;
    const naming = namingOf({ principal, catalog: { ...catalog, exposed: new Map(), groupServers: new Map(), subscriptions: new Map(), toolsets: new Map(), toolsetPrefixes: new Map() }, scope: null }, 'on_collision');
    expect(naming.sorted.map(([name, [s, tool]]) => `${name}=${s.name}/${tool.name}`)).toEqual(['a__b__c=a/b__c', 'b__c=b/c', 'd=a/d', 'x__c=x/c']);
  });
});
