import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { eventually, unique } from './support/fixtures.ts';
import { createAgent, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

/** The modern fixture's `tagged` mirrors a list into a header and `twice` declares one header name twice: 2026-07-28 forbids both. */
let t: TestApp;
const SERVER = unique('declared').replaceAll('_', '-');
let server: { id: string; tools: Record<string, string> };

beforeAll(async () => {
  t = await startTestApp();
  server = await readyServer(t.admin, { name: SERVER, transport: 'STDIO', command: process.execPath, args: [path.join(ROOT, 'test/fixtures/modern-server.ts')] });
}, 60_000);
afterAll(() => t?.stop());

const LOGS = `query($id: ID!) { mcpServer(id: $id) { runtimeLogs(last: 100) { edges { node { line } } } } }`;
const runtimeLines = async () => (await t.admin.data(LOGS, { id: server.id })).mcpServer.runtimeLogs.edges.map((e: { node: { line: string } }) => e.node.line) as string[];

it('leaves out of the catalog the tools whose x-mcp-header declarations are invalid, and keeps the valid ones', () => {
  expect(Object.keys(server.tools).sort()).toEqual(['busy', 'count', 'echo', 'greet', 'locate', 'pid']);
});

it("says why in the server's runtime log and the gateway's log", async () => {
  const lines = await eventually(runtimeLines, (found) => found.filter((l) => l.startsWith('switchboard: ')).length >= 2);
  expect(lines.filter((l) => l.startsWith('switchboard: '))).toEqual(expect.arrayContaining([
    expect.stringMatching(/^switchboard: the tool "tagged" is not offered.*tags: x-mcp-header is allowed only on a string, integer or boolean/),
    expect.stringMatching(/^switchboard: the tool "twice" is not offered.*x-mcp-header "zone" is declared twice \(also as "Zone"\)/),
  ]));
  expect(t.logs.filter((l) => l.includes('invalid x-mcp-header declarations') && l.includes(server.id)).length).toBeGreaterThanOrEqual(2);
});

it('neither lists them to an agent nor relays a call of one', async () => {
  const agent = await createAgent(t.admin, unique('declarer'), [SERVER]);
  const client = await mcpClient(t.url, agent.token);
  const names = (await client.listTools()).tools.map((tool) => tool.name);
  expect(names).toContain(`${SERVER}__locate`);
  expect(names.filter((name) => /__(tagged|twice)$/.test(name))).toEqual([]);
  await expect(client.callTool({ name: `${SERVER}__tagged`, arguments: { tags: ['a'] } })).rejects.toThrow(/Unknown tool/);
  await expect(client.callTool({ name: `${SERVER}__twice`, arguments: { from: 'a', to: 'b' } })).rejects.toThrow(/Unknown tool/);
  expect(textOf(await client.callTool({ name: `${SERVER}__locate`, arguments: { region: 'eu' } }))).toBe('looking in eu');
  await client.close();
});

it('does not offer one stored before declarations were checked either', async () => {
  const schema = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, 'x-mcp-header': 'Tags' } } };
  await t.app.services.orm.em.fork().getConnection().execute('update tool set input_schema = ? where id = ?', [JSON.stringify(schema), server.tools.echo]);
  await t.admin.data(`mutation($id: ID!) { updateMcpServer(input: { id: $id, description: "touched" }) { server { id } } }`, { id: server.id });
  const agent = await createAgent(t.admin, unique('stale'), [SERVER]);
  const client = await mcpClient(t.url, agent.token);
  const names = (await client.listTools()).tools.map((tool) => tool.name);
  expect(names).toContain(`${SERVER}__locate`);
  expect(names).not.toContain(`${SERVER}__echo`);
  await expect(client.callTool({ name: `${SERVER}__echo`, arguments: { text: 'hi' } })).rejects.toThrow(/Unknown tool/);
  await client.close();
});
