import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createUser, unique } from './support/fixtures.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer } from './support/mcp.ts';

let t: TestApp;
let server: { id: string; tools: Record<string, string> };
beforeAll(async () => {
  t = await startTestApp();
  server = await readyServer(t.admin, fixtureStdio(unique('look')));
});
afterAll(() => t.stop());

/** Whether `token` gets in on /mcp. */
const mcpStatus = async (token: string) => (await fetch(`${t.url}/mcp`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
})).status;

describe('lookups by the keys the seeds use', () => {
  it('finds a group by name, a tool by its server and name, a user by email, a credential by id', async () => {
    const name = unique('grp');
    const group = (await t.admin.data(`mutation($n: String!) { createGroup(input: { name: $n }) { group { id } } }`, { n: name })).createGroup.group;
    expect((await t.admin.data(`query($n: String!) { group(name: $n) { id } }`, { n: name })).group.id).toBe(group.id);
    expect(codeOf(await t.admin.request(`{ group(name: "nobody-has-this") { id } }`))).toBe('NOT_FOUND');
    expect((await t.admin.data(`query($s: ID!) { tool(serverId: $s, name: "echo") { id name } }`, { s: server.id })).tool).toEqual({ id: server.tools.echo, name: 'echo' });
    expect(codeOf(await t.admin.request(`query($s: ID!) { tool(serverId: $s, name: "missing") { id } }`, { s: server.id }))).toBe('NOT_FOUND');
    const person = await createUser(t.admin);
    const email = `${person.username}@example.test`.toUpperCase();
    expect((await t.admin.data(`query($e: String!) { user(email: $e) { id } }`, { e: email })).user.id).toBe(person.id);
    expect(codeOf(await t.client(person.token).request(`query($e: String!) { user(email: $e) { id } }`, { e: 'admin@nowhere.test' }))).toBe('FORBIDDEN');
    const own = (await t.client(person.token).data(`{ credentials { edges { node { id } } } }`)).credentials.edges[0].node.id;
    expect((await t.client(person.token).data(`query($id: ID!) { credential(id: $id) { id kind } }`, { id: own })).credential).toEqual({ id: own, kind: 'API_TOKEN' });
  });
});

describe("an agent's tokens", () => {
  it('a revoked token is not the end of the agent: a new one is issued, once, and its history kept', async () => {
    const agent = await createAgent(t.admin, unique('agt'), ['*']);
    const first = (await t.admin.data(`query($id: ID!) { agent(id: $id) { credential { id } } }`, { id: agent.id })).agent.credential.id;
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }`, { id: first });
    expect(await mcpStatus(agent.token)).toBe(401);
    const issued = (await t.admin.data(`mutation($id: ID!) { issueAgentToken(input: { agentId: $id }) { token credential { agent { id } } } }`, { id: agent.id })).issueAgentToken;
    expect(issued.credential.agent.id).toBe(agent.id);
    expect(await mcpStatus(issued.token)).toBe(200);
    const history = (await t.admin.data(`query($id: ID!) { agent(id: $id) { credentials { id status revokedAt } } }`, { id: agent.id })).agent.credentials;
    expect(history.map((c: { status: string }) => c.status)).toEqual(['ACTIVE', 'REVOKED']);
    expect(history[1]).toMatchObject({ id: first, revokedAt: expect.any(String) });
  });

  it('a chosen value replaces the token on update (the old one stops at once); a value in use is refused', async () => {
    const agent = await createAgent(t.admin, unique('agt'), ['*']);
    const chosen = `Chosen-agent-token-${unique('v')}-Q9z7`;
    await t.admin.data(`mutation($id: ID!, $tok: String!) { updateAgent(input: { id: $id, token: $tok }) { agent { id } } }`, { id: agent.id, tok: chosen });
    expect(await mcpStatus(agent.token)).toBe(401);
    const client = await mcpClient(t.url, chosen);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    const other = await createAgent(t.admin, unique('agt'), ['*']);
    const reuse = await t.admin.request(`mutation($id: ID!, $tok: String!) { issueAgentToken(input: { agentId: $id, token: $tok }) { token } }`, { id: other.id, tok: chosen });
    expect(codeOf(reuse)).toBe('BAD_USER_INPUT');
    expect(await mcpStatus(other.token)).toBe(200);
  });
});

describe('updates that replace (seed 000 PUT)', () => {
  it('tell an omitted field (kept) from a cleared one (null or empty)', async () => {
    const made = await t.admin.data(`mutation($n: String!) { createAgent(input: { name: $n, description: "first", allowList: ["*"] }) { agent { id } } }`, { n: unique('agt') });
    const id = made.createAgent.agent.id;
    const AGENT = `agent { description allowList }`;
    const kept = await t.admin.data(`mutation($id: ID!) { updateAgent(input: { id: $id, allowList: [] }) { ${AGENT} } }`, { id });
    expect(kept.updateAgent.agent).toEqual({ description: 'first', allowList: [] });
    const replaced = await t.admin.data(`mutation($id: ID!) { updateAgent(input: { id: $id, description: null, allowList: ["*"] }) { ${AGENT} } }`, { id });
    expect(replaced.updateAgent.agent).toEqual({ description: null, allowList: ['*'] });
  });
});

describe('an allow list', () => {
  it('names servers of the organization: a name that matches none is refused, naming it, on create and on update', async () => {
    const create = await t.admin.request(`mutation($n: String!) { createAgent(input: { name: $n, allowList: ["no-such-server"] }) { agent { id } } }`, { n: unique('agt') });
    expect(codeOf(create)).toBe('BAD_USER_INPUT');
    expect(create.errors![0]!.message).toBe('allowList: no server named no-such-server in this organization');
    const id = (await t.admin.data(`mutation($n: String!) { createAgent(input: { name: $n, allowList: ["*"] }) { agent { id } } }`, { n: unique('agt') })).createAgent.agent.id;
    const update = await t.admin.request(`mutation($id: ID!) { updateAgent(input: { id: $id, allowList: ["*", "nope"] }) { agent { allowList } } }`, { id });
    expect(codeOf(update)).toBe('BAD_USER_INPUT');
    expect((await t.admin.data(`query($id: ID!) { agent(id: $id) { allowList } }`, { id })).agent.allowList).toEqual(['*']);
  });
});

describe("an agent token's environment (seed 001)", () => {
  it('is a label set on create, carried to the next token unless given, cleared with null', async () => {
    const create = (environment: string) => t.admin.request(`mutation($n: String!, $e: String) { createAgent(input: { name: $n, allowList: [], environment: $e }) { agent { id } credential { environment } } }`, { n: unique('agt'), e: environment });
    expect(codeOf(await create('no spaces allowed'))).toBe('BAD_USER_INPUT');
    const made = (await create('env_prod')).data!.createAgent;
    expect(made.credential.environment).toBe('env_prod');
    const issue = (environment?: string | null) => t.admin.data(`mutation($i: IssueAgentTokenInput!) { issueAgentToken(input: $i) { credential { environment } } }`, { i: { agentId: made.agent.id, ...(environment !== undefined && { environment }) } });
    expect((await issue()).issueAgentToken.credential.environment).toBe('env_prod');
    expect((await issue('env_staging')).issueAgentToken.credential.environment).toBe('env_staging');
    expect((await issue(null)).issueAgentToken.credential.environment).toBeNull();
  });
});

describe("the seeds' server names", () => {
  it('takes my_server and github_server, exposing their tools unambiguously; refuses __ and an _ at either end', async () => {
    const name = `my_server_${unique('x').toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
    await readyServer(t.admin, fixtureStdio(name));
    const agent = await createAgent(t.admin, unique('agt'), [name]);
    const client = await mcpClient(t.url, agent.token);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain(`${name}__echo`);
    expect(await client.callTool({ name: `${name}__echo`, arguments: { text: 'hi' } })).toMatchObject({ content: [{ text: 'hi' }] });
    await client.close();
    const scoped = await mcpClient(t.url, agent.token, `/mcp/${name}`);
    expect((await scoped.listTools()).tools.map((tool) => tool.name)).toContain('echo');
    await scoped.close();
    for (const bad of ['a__b', '_a', 'a_', 'A_b']) {
      expect(codeOf(await t.admin.request(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: fixtureStdio(bad) })), bad).toBe('BAD_USER_INPUT');
    }
  });
});

describe('people created by email only (seed 003)', () => {
  it('get a username derived from the email, made unique', async () => {
    const local = unique('ada').toLowerCase();
    const make = (email: string) => t.admin.request(`mutation($e: String!) { createUser(input: { email: $e }) { user { username email } } }`, { e: email });
    expect((await make(`${local}@example.com`)).data!.createUser.user).toEqual({ username: local, email: `${local}@example.com` });
    expect((await make(`${local.toUpperCase()}@other.example`)).data!.createUser.user.username).toBe(`${local}-2`);
    expect((await make(`+${local}+x@example.org`)).data!.createUser.user.username).toBe(`${local}-x`);
    expect(codeOf(await t.admin.request(`mutation { createUser(input: { displayName: "Nobody" }) { user { id } } }`))).toBe('BAD_USER_INPUT');
  });
});
