import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { unique } from './support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { twoOrganizations } from './support/tenancy.ts';

let t: TestApp;
let admin: GraphQLClient;
let org: { id: string };
let other: { id: string };
let alpha: { id: string; tools: Record<string, string> };
let beta: { id: string; tools: Record<string, string> };
let foreign: { id: string; tools: Record<string, string> };

const TOOLSET = `id name description serverCount servers { server { id name } tools description inputGuardrails outputGuardrails } agents { name }`;

async function toolset(name = unique('tls'), organizationId = org.id) {
  const data = await admin.data(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { ${TOOLSET} } } }`, { i: { organizationId, name, description: `about ${name}` } });
  return data.createToolset.toolset;
}

const add = (toolsetId: string, serverId: string, settings: Record<string, unknown> = {}) =>
  admin.request(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools description inputGuardrails } } }`, { i: { toolsetId, serverId, ...settings } });

const read = async (id: string) => (await admin.data(`query($id: ID!) { toolset(id: $id) { ${TOOLSET} } }`, { id })).toolset;

async function agentFor(toolsetId: string) {
  const data = await admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token agent { name toolset { id } } } }`, { i: { name: unique('agt'), allowList: [], toolsetId, organizationId: org.id } });
  return data.createAgent;
}

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other, admin } = await twoOrganizations(t));
  alpha = await readyServer(t.admin, { ...fixtureStdio(unique('alpha')), organizationId: org.id });
  beta = await readyServer(t.admin, { ...fixtureStdio(unique('beta')), organizationId: org.id });
  foreign = await readyServer(t.admin, { ...fixtureStdio(unique('gamma')), organizationId: other.id });
}, 60_000);
afterAll(() => t.stop());

describe('toolsets', () => {
  it('are named uniquely per organization and found by id or name', async () => {
    const made = await toolset('Support Tools');
    expect(made).toMatchObject({ name: 'Support Tools', serverCount: 0, servers: [], agents: [] });
    expect((await admin.data(`query($o: ID!) { toolset(name: "Support Tools", organizationId: $o) { id } }`, { o: org.id })).toolset.id).toBe(made.id);
    const again = await admin.request(`mutation($o: ID!) { createToolset(input: { organizationId: $o, name: "Support Tools" }) { toolset { id } } }`, { o: org.id });
    expect(codeOf(again)).toBe('CONFLICT');
    // Not a member there: the other organization is as unknown as a missing one.
    expect(codeOf(await admin.request(`mutation($o: ID!) { createToolset(input: { organizationId: $o, name: "x" }) { toolset { id } } }`, { o: other.id }))).toBe('NOT_FOUND');
    for (const name of ['', ' leading', 'a'.repeat(101), 'semi;colon']) {
      expect(codeOf(await admin.request(`mutation($o: ID!, $n: String!) { createToolset(input: { organizationId: $o, name: $n }) { toolset { id } } }`, { o: org.id, n: name })), name).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await admin.request(`{ toolset(id: "tls_unknown") { id } }`))).toBe('NOT_FOUND');
  });

  it('hold servers of their organization with settings, added, changed and removed', async () => {
    const { id } = await toolset();
    expect((await add(id, alpha.id)).data!.addToolsetServer.entry).toEqual({ tools: null, description: null, inputGuardrails: [] });
    expect(codeOf(await add(id, alpha.id))).toBe('CONFLICT');
    expect(codeOf(await add(id, foreign.id))).toBe('NOT_FOUND');
    expect(codeOf(await add(id, beta.id, { tools: ['echo', 'nope'] }))).toBe('BAD_USER_INPUT');
    expect((await add(id, beta.id, { tools: ['add'], description: 'sums', inputGuardrails: ['pii'], outputGuardrails: ['toxicity'] })).errors).toBeUndefined();
    const update = await admin.data(`mutation($i: ToolsetServerInput!) { updateToolsetServer(input: $i) { entry { tools description } } }`, { i: { toolsetId: id, serverId: alpha.id, tools: ['echo', 'echo'] } });
    expect(update.updateToolsetServer.entry).toEqual({ tools: ['echo'], description: null });
    const shown = await read(id);
    expect(shown.serverCount).toBe(2);
    expect(shown.servers.map((s: { server: { id: string }; tools: string[] | null }) => [s.server.id, s.tools])).toEqual([[alpha.id, ['echo']], [beta.id, ['add']]]);
    expect(shown.servers[1]).toMatchObject({ description: 'sums', inputGuardrails: ['pii'], outputGuardrails: ['toxicity'] });
    const remove = (input: Record<string, unknown>) => admin.request(`mutation($i: RemoveToolsetServersInput!) { removeToolsetServers(input: $i) { toolset { serverCount } } }`, { i: { toolsetId: id, ...input } });
    expect(codeOf(await remove({}))).toBe('BAD_USER_INPUT');
    expect((await remove({ serverId: alpha.id })).data!.removeToolsetServers.toolset.serverCount).toBe(1);
    expect(codeOf(await remove({ serverId: alpha.id }))).toBe('NOT_FOUND');
    expect((await remove({ all: true })).data!.removeToolsetServers.toolset.serverCount).toBe(0);
  });

  it('are searched by name, description or a server in them, and copied with their settings', async () => {
    const name = unique('searchable');
    const { id } = await toolset(name);
    await add(id, beta.id, { tools: ['add'] });
    const search = async (s: string) => (await admin.data(`query($o: ID!, $s: String) { toolsets(organizationId: $o, search: $s) { edges { node { id } } } }`, { o: org.id, s })).toolsets.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await search(name.toUpperCase())).toEqual([id]);
    expect(await search(`about ${name}`)).toEqual([id]);
    expect(await search('beta')).toContain(id);
    expect(await search('%')).toEqual([]);
    const copy = await admin.data(`mutation($id: ID!, $n: String!) { copyToolset(input: { id: $id, name: $n }) { toolset { ${TOOLSET} } } }`, { id, n: `${name}-copy` });
    expect(copy.copyToolset.toolset).toMatchObject({ name: `${name}-copy`, description: `about ${name}`, servers: [{ server: { id: beta.id }, tools: ['add'] }] });
    expect(codeOf(await admin.request(`mutation($id: ID!, $n: String!) { copyToolset(input: { id: $id, name: $n }) { toolset { id } } }`, { id, n: name }))).toBe('CONFLICT');
  });

  it('cannot be deleted while an agent uses them, unless forced; the agent is then left with nothing', async () => {
    const { id } = await toolset();
    await add(id, alpha.id);
    const agent = await agentFor(id);
    const del = (force?: boolean) => admin.request(`mutation($i: DeleteToolsetInput!) { deleteToolset(input: $i) { deletedToolsetId } }`, { i: { id, force } });
    expect(codeOf(await del())).toBe('CONFLICT');
    expect((await read(id)).agents).toEqual([{ name: agent.agent.name }]);
    expect((await del(true)).data!.deleteToolset.deletedToolsetId).toBe(id);
    const client = await mcpClient(t.url, agent.token);
    expect((await client.listTools()).tools).toEqual([]);
    await client.close();
  });
});

describe('validating a toolset', () => {
  it('validates every server and reports each, ok only when all answered', async () => {
    const { id } = await toolset();
    await add(id, alpha.id);
    const dead = (await admin.data(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, {
      i: { organizationId: org.id, name: unique('dead'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:1/mcp' },
    })).createMcpServer.server.id;
    await add(id, dead);
    const check = await admin.data(`mutation($id: ID!) { validateToolset(input: { id: $id }) { ok results { ok error server { id status } } } }`, { id });
    expect(check.validateToolset.ok).toBe(false);
    expect(check.validateToolset.results.map((r: { ok: boolean; server: { id: string } }) => [r.server.id, r.ok])).toEqual([[alpha.id, true], [dead, false]]);
    expect(check.validateToolset.results[1].error).toBeTruthy();
    await admin.data(`mutation($i: RemoveToolsetServersInput!) { removeToolsetServers(input: $i) { toolset { id } } }`, { i: { toolsetId: id, serverId: dead } });
    expect((await admin.data(`mutation($id: ID!) { validateToolset(input: { id: $id }) { ok } }`, { id })).validateToolset.ok).toBe(true);
  });
});

describe('an agent scoped by a toolset', () => {
  it('lists and calls exactly the toolset’s enabled tools, and follows its changes', async () => {
    const { id } = await toolset();
    await add(id, alpha.id, { tools: ['echo'] });
    await add(id, beta.id);
    const agent = await agentFor(id);
    expect(agent.agent.toolset.id).toBe(id);
    const client = await mcpClient(t.url, agent.token);
    const names = async () => (await client.listTools()).tools.map((tool) => tool.name).sort();
    const [alphaName, betaName] = [await nameOf(alpha.id), await nameOf(beta.id)];
    expect(await names()).toEqual([`${alphaName}__echo`, ...Object.keys(beta.tools).map((tool) => `${betaName}__${tool}`)].sort());
    expect(textOf(await client.callTool({ name: `${alphaName}__echo`, arguments: { text: 'hi' } }))).toBe('hi');
    await expect(client.callTool({ name: `${alphaName}__add`, arguments: { a: 1, b: 2 } })).rejects.toThrow(/Unknown tool/);
    await admin.data(`mutation($i: ToolsetServerInput!) { updateToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: beta.id, tools: ['add'] } });
    await admin.data(`mutation($i: RemoveToolsetServersInput!) { removeToolsetServers(input: $i) { toolset { id } } }`, { i: { toolsetId: id, serverId: alpha.id } });
    expect(await names()).toEqual([`${betaName}__add`]);
    await client.close();
  });

  it('takes a toolset of its own organization only, and not with an allow list', async () => {
    const { id } = await toolset();
    const otherSet = (await t.admin.data(`mutation($o: ID!) { createToolset(input: { organizationId: $o, name: "elsewhere" }) { toolset { id } } }`, { o: other.id })).createToolset.toolset.id;
    const create = (i: Record<string, unknown>) => admin.request(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token } }`, { i: { name: unique('agt'), organizationId: org.id, allowList: [], ...i } });
    expect(codeOf(await create({ toolsetId: otherSet }))).toBe('NOT_FOUND');
    expect(codeOf(await create({ toolsetId: id, allowList: ['*'] }))).toBe('BAD_USER_INPUT');
    const made = await agentFor(id);
    const agentId = (await admin.data(`query($o: ID!, $n: String!) { agent(organizationId: $o, name: $n) { id } }`, { o: org.id, n: made.agent.name })).agent.id;
    const detach = await admin.data(`mutation($id: ID!) { updateAgent(input: { id: $id, toolsetId: null, allowList: ["*"] }) { agent { allowList toolset { id } } } }`, { id: agentId });
    expect(detach.updateAgent.agent).toEqual({ allowList: ['*'], toolset: null });
    const client = await mcpClient(t.url, made.token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(Object.keys(alpha.tools).length);
    await client.close();
  });
});

const names = new Map<string, string>();
async function nameOf(serverId: string): Promise<string> {
  if (!names.has(serverId)) names.set(serverId, (await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { name } }`, { id: serverId })).mcpServer.name);
  return names.get(serverId)!;
}
