import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createUser } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import {
  createAgent, everythingStdio, EVERYTHING, FIXTURE, fixtureStdio, freePort, mcpClient, readyServer, startHttpUpstream, textOf,
} from './support/mcp.ts';

let t: TestApp;
let fixture: { id: string; tools: Record<string, string> };
let everythingHttp: { id: string; tools: Record<string, string> };
let httpUpstream: { url: string; stop(): void };
let sseUpstream: { url: string; stop(): void };
const clients: Client[] = [];
const connect = async (token: string, endpoint = '/mcp', headers: Record<string, string> = {}) => {
  const client = await mcpClient(t.url, token, endpoint, headers);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_TIMEOUT_MS: '3000' });
  httpUpstream = await startHttpUpstream([EVERYTHING, 'streamableHttp'], /listening on port/i, await freePort());
  sseUpstream = await startHttpUpstream([EVERYTHING, 'sse'], /running on port/i, await freePort());
  fixture = await readyServer(t.admin, fixtureStdio('fixture', { env: [{ name: 'FIXTURE_SECRET', value: 'server-side-value' }] }));
  await readyServer(t.admin, everythingStdio('everything'));
  everythingHttp = await readyServer(t.admin, { name: 'everything-http', transport: 'STREAMABLE_HTTP', url: httpUpstream.url });
  await readyServer(t.admin, { name: 'everything-sse', transport: 'SSE', url: sseUpstream.url.replace(/\/mcp$/, '/sse') });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  httpUpstream?.stop();
  sseUpstream?.stop();
  await t?.stop();
});

describe('an agent through /mcp', () => {
  it('sees exactly the tools of the servers on its allow list, namespaced server__tool', async () => {
    const agent = await createAgent(t.admin, 'fixture-only', ['fixture']);
    const names = (await (await connect(agent.token)).listTools()).tools.map((tool) => tool.name);
    expect(names.sort()).toEqual(Object.keys(fixture.tools).map((n) => `fixture__${n}`).sort());
  });

  it('with ["*"] sees every server, and calls tools over stdio, Streamable HTTP and SSE upstreams', async () => {
    const agent = await createAgent(t.admin, 'everything-agent', ['*']);
    const client = await connect(agent.token);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['fixture__echo', 'everything__echo', 'everything-http__echo', 'everything-sse__echo']));
    expect(names.every((n) => n.length <= 64)).toBe(true);
    expect(textOf(await client.callTool({ name: 'everything__echo', arguments: { message: 'over stdio' } }))).toContain('over stdio');
    expect(textOf(await client.callTool({ name: 'everything-http__echo', arguments: { message: 'over http' } }))).toContain('over http');
    expect(textOf(await client.callTool({ name: 'everything-sse__echo', arguments: { message: 'over sse' } }))).toContain('over sse');
    const sum = await client.callTool({ name: 'fixture__add', arguments: { a: 2, b: 40 } });
    expect(sum.structuredContent).toEqual({ sum: 42 });
  });

  it('checks arguments against the tool’s input schema before calling the upstream', async () => {
    const agent = await createAgent(t.admin, 'sloppy', ['fixture']);
    const client = await connect(agent.token);
    const refused = await client.callTool({ name: 'fixture__add', arguments: { a: 'two', b: 3 } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe('Invalid arguments for fixture__add: /a must be number');
    const missing = await client.callTool({ name: 'fixture__echo', arguments: {} });
    expect(textOf(missing)).toMatch(/must have required property 'text'/);
  });

  it('is refused a server that is not on its allow list', async () => {
    const agent = await createAgent(t.admin, 'fixture-only-2', ['fixture']);
    const client = await connect(agent.token);
    await expect(client.callTool({ name: 'everything__echo', arguments: { message: 'x' } })).rejects.toThrow(/Unknown tool/);
  });

  it('replays the server’s configured secrets to the upstream, never the caller’s token', async () => {
    const agent = await createAgent(t.admin, 'env-reader', ['fixture']);
    const client = await connect(agent.token);
    expect(textOf(await client.callTool({ name: 'fixture__env', arguments: { name: 'FIXTURE_SECRET' } }))).toBe('server-side-value');
    expect(textOf(await client.callTool({ name: 'fixture__env', arguments: { name: 'SWITCHBOARD_ADMIN_TOKEN' } }))).toBe('<unset>');
  });

  it('sends an HTTP upstream its configured headers, never the caller’s token', async () => {
    const upstream = await startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort());
    try {
      await readyServer(t.admin, { name: 'fixture-http', transport: 'STREAMABLE_HTTP', url: upstream.url, headers: [{ name: 'X-Upstream-Key', value: 'configured-key' }] });
      const agent = await createAgent(t.admin, 'header-reader', ['fixture-http']);
      const client = await connect(agent.token);
      const seen = JSON.parse(textOf(await client.callTool({ name: 'fixture-http__headers' })));
      expect(seen['x-upstream-key']).toBe('configured-key');
      expect(seen.authorization).toBeUndefined();
      expect(JSON.stringify(seen)).not.toContain(agent.token);
    } finally {
      upstream.stop();
    }
  });

  it('is refused at once after it is deleted', async () => {
    const agent = await createAgent(t.admin, 'short-lived', ['*']);
    const client = await connect(agent.token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await t.admin.data(`mutation($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }`, { id: agent.id });
    await expect(client.listTools()).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/Invalid or expired token/) });
  });

  it('serves one server on /mcp/<server> under the tools’ own names', async () => {
    const agent = await createAgent(t.admin, 'scoped', ['*']);
    const client = await connect(agent.token, '/mcp/fixture');
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names.sort()).toEqual(Object.keys(fixture.tools).sort());
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'scoped' } }))).toBe('scoped');
    expect(client.getServerVersion()?.name).toBe('switchboard/fixture');
  });

  it('answers /mcp/<server> for a server the caller cannot reach with 404 and a JSON-RPC error, as for one that does not exist', async () => {
    const agent = await createAgent(t.admin, 'narrow', []);
    const ask = (path: string) => fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    for (const path of ['/mcp/no-such-server', '/mcp/fixture']) {
      const response = await ask(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32600, message: expect.stringContaining('No MCP server named') } });
    }
    expect((await ask('/mcp')).status).toBe(200);
  });

  it('passes prompts and resources through', async () => {
    const agent = await createAgent(t.admin, 'prompt-reader', ['fixture']);
    const client = await connect(agent.token);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['fixture__greet']);
    const prompt = await client.getPrompt({ name: 'fixture__greet', arguments: { name: 'Ada' } });
    expect(prompt.messages[0]?.content).toEqual({ type: 'text', text: 'Hello, Ada!' });
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['fixture://motto']);
    expect((await client.readResource({ uri: 'fixture://motto' })).contents[0]).toMatchObject({ text: 'Real parts, not mocks.' });
  });
});

describe('switches', () => {
  const call = (client: Client) => client.callTool({ name: 'fixture__echo', arguments: { text: 'hi' } });

  it('a killed tool is refused with its reason, hidden from the list, and back once revived', async () => {
    const agent = await createAgent(t.admin, 'kill-watcher', ['fixture']);
    const client = await connect(agent.token);
    expect(textOf(await call(client))).toBe('hi');
    await t.admin.data(`mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: true, reason: "investigating" }) { tool { id } } }`, { id: fixture.tools.echo });
    const refused = await call(client);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/switched off: investigating/);
    expect((await client.listTools()).tools.map((x) => x.name)).not.toContain('fixture__echo');
    await t.admin.data(`mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: false }) { tool { id } } }`, { id: fixture.tools.echo });
    expect(textOf(await call(client))).toBe('hi');
  });

  it('a killed server refuses every tool', async () => {
    const agent = await createAgent(t.admin, 'server-kill-watcher', ['fixture']);
    const client = await connect(agent.token);
    await t.admin.data(`mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: true, reason: "security incident" }) { server { killSwitch { active } } } }`, { id: fixture.id });
    try {
      const refused = await client.callTool({ name: 'fixture__add', arguments: { a: 1, b: 1 } });
      expect(textOf(refused)).toMatch(/switched off: security incident/);
      expect((await client.listTools()).tools).toEqual([]);
    } finally {
      await t.admin.data(`mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: false }) { server { id } } }`, { id: fixture.id });
    }
    expect(textOf(await call(client))).toBe('hi');
  });

  it('a disabled tool is hidden and refused', async () => {
    const agent = await createAgent(t.admin, 'disabled-watcher', ['fixture']);
    const client = await connect(agent.token);
    await t.admin.data(`mutation($id: ID!) { updateTool(input: { id: $id, enabled: false }) { tool { enabled } } }`, { id: fixture.tools.pid });
    try {
      expect((await client.listTools()).tools.map((x) => x.name)).not.toContain('fixture__pid');
      expect(textOf(await client.callTool({ name: 'fixture__pid' }))).toMatch(/disabled/);
    } finally {
      await t.admin.data(`mutation($id: ID!) { updateTool(input: { id: $id, enabled: true }) { tool { enabled } } }`, { id: fixture.tools.pid });
    }
  });
});

describe('upstream supervision', () => {
  it('a crash in the middle of a call is a tool error, and the next call succeeds on a restarted process', async () => {
    const agent = await createAgent(t.admin, 'crasher', ['fixture']);
    const client = await connect(agent.token);
    const before = textOf(await client.callTool({ name: 'fixture__pid' }));
    const crashed = await client.callTool({ name: 'fixture__crash' });
    expect(crashed.isError).toBe(true);
    expect(textOf(crashed)).toMatch(/could not complete the call/);
    const after = textOf(await client.callTool({ name: 'fixture__pid' }));
    expect(Number(after)).toBeGreaterThan(0);
    expect(after).not.toBe(before);
  });

  it('a call that outlives the timeout becomes a tool error', async () => {
    const agent = await createAgent(t.admin, 'patient', ['fixture']);
    const client = await connect(agent.token);
    const slow = await client.callTool({ name: 'fixture__slow', arguments: { ms: 5_000 } });
    expect(slow.isError).toBe(true);
    expect(textOf(slow)).toMatch(/timed out/i);
    expect(textOf(await client.callTool({ name: 'fixture__echo', arguments: { text: 'still alive' } }))).toBe('still alive');
  });
});

describe('HTTP-level protections', () => {
  const post = (headers: Record<string, string>, body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list' }) =>
    fetch(`${t.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(body) });

  it('refuses a request without a token, whatever session id it claims', async () => {
    const response = await post({ 'mcp-session-id': 'any-session' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a browser request from a foreign origin', async () => {
    const response = await post({ authorization: `Bearer ${ADMIN_TOKEN}`, origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('answers malformed JSON with a JSON-RPC parse error', async () => {
    const response = await fetch(`${t.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: '{"jsonrpc": "2.0", ' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it('answers an unknown method with -32601', async () => {
    const response = await post({ authorization: `Bearer ${ADMIN_TOKEN}` }, { jsonrpc: '2.0', id: 7, method: 'tools/frobnicate' });
    expect(await response.json()).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32601, message: 'Method not found: tools/frobnicate' } });
  });
});

describe('people through /mcp', () => {
  it('subscribe to published servers of their groups, and lose them when the server is archived', async () => {
    const viewer = await createUser(t.admin);
    const me = t.client(viewer.token);
    const client = await connect(viewer.token);
    const subscribe = (id: string) => me.request(`mutation($s: ID!) { subscribeToServer(input: { serverId: $s }) { server { subscribed } } }`, { s: id });
    expect((await client.listTools()).tools).toEqual([]);
    expect(codeOf(await subscribe(everythingHttp.id))).toBe('FORBIDDEN');
    const group = (await t.admin.data(`mutation { createGroup(input: { name: "engineers" }) { group { id } } }`)).createGroup.group.id;
    await t.admin.data(`mutation($g: ID!, $u: ID!, $s: ID!) {
      updateGroupMembers(input: { id: $g, add: [$u] }) { group { id } }
      updateGroupServers(input: { id: $g, add: [$s] }) { group { id } } }`, { g: group, u: viewer.id, s: everythingHttp.id });
    const offered = await me.data(`{ availableMcpServers { edges { node { name subscribed } } } }`);
    expect(offered.availableMcpServers.edges.map((e: { node: unknown }) => e.node)).toEqual([{ name: 'everything-http', subscribed: false }]);
    expect((await client.listTools()).tools).toEqual([]);
    expect((await subscribe(everythingHttp.id)).data?.subscribeToServer.server.subscribed).toBe(true);
    const names = (await client.listTools()).tools.map((x) => x.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('everything-http__'))).toBe(true);
    await t.admin.data(`mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { status } } }`, { id: everythingHttp.id });
    expect((await client.listTools()).tools).toEqual([]);
    await expect(client.callTool({ name: 'everything-http__echo', arguments: { message: 'x' } })).rejects.toThrow(/Unknown tool/);
  });
});

describe('audit', () => {
  it('every tool call leaves one event with principal, client label, server, tool, status, duration and correlation id', async () => {
    const agent = await createAgent(t.admin, 'audited', ['fixture']);
    const client = await connect(agent.token, '/mcp', { 'x-correlation-id': 'corr-audited-1' });
    await client.callTool({ name: 'fixture__echo', arguments: { text: 'a' } });
    await client.callTool({ name: 'fixture__fail' });
    await client.callTool({ name: 'fixture__nope' }).catch(() => {});
    const events = await t.admin.data(`{ auditEvents(filter: { correlationId: "corr-audited-1" }) { edges { node {
      type status serverName toolName durationMs clientLabel actor { kind name } correlationId } } } }`);
    expect(events.auditEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { type: 'tool_invocation', status: 'SUCCESS', serverName: 'fixture', toolName: 'echo', durationMs: expect.any(Number), clientLabel: 'audited', actor: { kind: 'agent', name: 'audited' }, correlationId: 'corr-audited-1' },
      { type: 'tool_invocation', status: 'FAILURE', serverName: 'fixture', toolName: 'fail', durationMs: expect.any(Number), clientLabel: 'audited', actor: { kind: 'agent', name: 'audited' }, correlationId: 'corr-audited-1' },
      { type: 'tool_invocation', status: 'DENIED', serverName: null, toolName: 'fixture__nope', durationMs: expect.any(Number), clientLabel: 'audited', actor: { kind: 'agent', name: 'audited' }, correlationId: 'corr-audited-1' },
    ]);
  });

  it('every request that reaches an upstream leaves an event: prompts and resources too, not only tools', async () => {
    const agent = await createAgent(t.admin, 'audited-reader', ['fixture']);
    const client = await connect(agent.token, '/mcp', { 'x-correlation-id': 'corr-audited-2' });
    await client.getPrompt({ name: 'fixture__greet', arguments: { name: 'Ada' } });
    await client.readResource({ uri: 'fixture://motto' });
    await client.readResource({ uri: 'fixture://nothing-here' }).catch(() => {});
    await client.listPrompts();
    const events = await t.admin.data(`{ auditEvents(filter: { correlationId: "corr-audited-2" }) { edges { node { type status serverName details } } } }`);
    expect(events.auditEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { type: 'mcp_request', status: 'SUCCESS', serverName: 'fixture', details: { method: 'prompts/get', subject: 'fixture__greet' } },
      { type: 'mcp_request', status: 'SUCCESS', serverName: 'fixture', details: { method: 'resources/read', subject: 'fixture://motto' } },
      { type: 'mcp_request', status: 'FAILURE', serverName: null, details: { method: 'resources/read', subject: 'fixture://nothing-here' } },
      { type: 'mcp_request', status: 'SUCCESS', serverName: 'fixture', details: { method: 'prompts/list' } },
    ]);
  });
});
