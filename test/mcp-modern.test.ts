import { Client as ModernClient, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

const LIST_TTL_MS = 4_321;
const VERSION = '2026-07-28';
let t: TestApp;
let fixture: { id: string; tools: Record<string, string> };
let agentToken: string;
const SERVER = unique('modern').replaceAll('_', '-');
/** An upstream of the 2026 era only, beside the 2025-era fixture. */
const MODERN_UPSTREAM = unique('v2-up').replaceAll('_', '-');
const envelope = { 'io.modelcontextprotocol/protocolVersion': VERSION, 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' } };

beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_LIST_TTL_MS: String(LIST_TTL_MS) });
  fixture = await readyServer(t.admin, fixtureStdio(SERVER));
  await readyServer(t.admin, { name: MODERN_UPSTREAM, transport: 'STDIO', command: process.execPath, args: [path.join(ROOT, 'test/fixtures/modern-server.ts')] });
  agentToken = (await createAgent(t.admin, unique('raw'), [SERVER, MODERN_UPSTREAM])).token;
}, 60_000);
afterAll(() => t?.stop());

/** A 2026-era POST as a client sends it: headers mirroring the body unless told otherwise. */
async function post(body: Record<string, unknown>, headers: Record<string, string | undefined> = {}, token = agentToken) {
  const params = (body.params ?? {}) as Record<string, unknown>;
  const name = body.method === 'resources/read' ? params.uri : params.name;
  const all: Record<string, string | undefined> = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': VERSION,
    'mcp-method': String(body.method),
    ...(typeof name === 'string' && { 'mcp-name': name }),
    ...headers,
  };
  const response = await fetch(`${t.url}/mcp`, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>,
    body: JSON.stringify({ jsonrpc: '2.0', ...body }),
  });
  return { status: response.status, body: (await response.json()) as { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string; data?: Record<string, unknown> } } };
}

/** A v2 SDK client in auto mode, recording every HTTP exchange it makes. */
async function modernClient(token: string) {
  const exchanges: { method: string | null; status: number }[] = [];
  const client = new ModernClient({ name: 'test', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  const transport = new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      exchanges.push({ method: new Headers(init?.headers).get('mcp-method'), status: response.status });
      return response;
    },
  });
  await client.connect(transport);
  return { client, exchanges };
}

describe('the 2026-07-28 era on /mcp', () => {
  it('is what a v2 SDK client negotiates, with no failed probe, and it lists and calls tools of upstreams of both eras', async () => {
    const { client, exchanges } = await modernClient(agentToken);
    expect(client.getProtocolEra()).toBe('modern');
    expect(client.getNegotiatedProtocolVersion()).toBe(VERSION);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining([`${SERVER}__echo`, `${MODERN_UPSTREAM}__echo`]));
    expect(textOf(await client.callTool({ name: `${SERVER}__echo`, arguments: { text: 'to 2025' } }))).toBe('to 2025');
    expect(textOf(await client.callTool({ name: `${MODERN_UPSTREAM}__echo`, arguments: { text: 'to 2026' } }))).toBe('to 2026');
    expect(exchanges[0]).toEqual({ method: 'server/discover', status: 200 });
    expect(exchanges.every((e) => e.status === 200)).toBe(true);
    await client.close();
  });

  it('leaves a 2025 client on 2025-11-25, with results framed as before, from upstreams of both eras', async () => {
    const client = await mcpClient(t.url, agentToken);
    const listed = await client.listTools();
    expect(listed.tools.length).toBeGreaterThan(0);
    expect(listed).not.toHaveProperty('resultType');
    expect(listed).not.toHaveProperty('ttlMs');
    const called = await client.callTool({ name: `${MODERN_UPSTREAM}__echo`, arguments: { text: 'old to new' } });
    expect(textOf(called)).toBe('old to new');
    expect(called).not.toHaveProperty('resultType');
    await client.close();
    const raw = await fetch(`${t.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'old', version: '1' } } }),
    });
    expect(((await raw.json()) as { result: { protocolVersion: string } }).result.protocolVersion).toBe('2025-11-25');
  });

  it('answers server/discover with the versions and capabilities, framed and cacheable per caller', async () => {
    const { status, body } = await post({ id: 'd1', method: 'server/discover', params: { _meta: envelope } });
    expect(status).toBe(200);
    expect(body.id).toBe('d1');
    expect(body.result).toMatchObject({
      resultType: 'complete',
      supportedVersions: expect.arrayContaining([VERSION, '2025-11-25', '2025-06-18', '2025-03-26']),
      capabilities: { tools: { listChanged: true } },
      cacheScope: 'private',
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'switchboard' } },
    });
    expect(body.result!.capabilities).not.toHaveProperty('logging');
  });

  it('frames lists with resultType, ttlMs and a private cacheScope, and calls with resultType only', async () => {
    const listed = await post({ id: 2, method: 'tools/list', params: { _meta: envelope } });
    expect(listed.body.result).toMatchObject({ resultType: 'complete', ttlMs: LIST_TTL_MS, cacheScope: 'private' });
    const called = await post({ id: 3, method: 'tools/call', params: { name: `${SERVER}__echo`, arguments: { text: 'x' }, _meta: envelope } });
    expect(called.body.result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'x' }] });
    expect(called.body.result).not.toHaveProperty('ttlMs');
  });

  it('checks the Mcp-Param-* headers a tool declares, as a v2 client sends them, before calling it', async () => {
    const { client } = await modernClient(agentToken);
    const result = await client.callTool({ name: `${MODERN_UPSTREAM}__locate`, arguments: { region: 'Zürich', depth: 2 } });
    expect(textOf(result)).toBe('looking in Zürich to depth 2');
    const b64 = `=?base64?${Buffer.from('Zürich').toString('base64')}?=`;
    const raw = await post({ id: 5, method: 'tools/call', params: { name: `${MODERN_UPSTREAM}__locate`, arguments: { region: 'Zürich', depth: 2 }, _meta: envelope } }, { 'mcp-param-region': b64, 'mcp-param-depth': '2.0' });
    expect(raw.status).toBe(200);
    expect(textOf(raw.body.result)).toBe('looking in Zürich to depth 2');
    const wrong = await post({ id: 6, method: 'tools/call', params: { name: `${MODERN_UPSTREAM}__locate`, arguments: { region: 'Zürich' }, _meta: envelope } }, { 'mcp-param-region': 'Zurich' });
    expect(wrong.body.error).toMatchObject({ code: -32020, data: { mismatch: { header: 'Mcp-Param-Region' } } });
  });

  it('takes a Mcp-Name in its base64 form', async () => {
    const encoded = `=?base64?${Buffer.from(`${SERVER}__echo`).toString('base64')}?=`;
    const called = await post({ id: 4, method: 'tools/call', params: { name: `${SERVER}__echo`, arguments: { text: 'b64' }, _meta: envelope } }, { 'mcp-name': encoded });
    expect(called.status).toBe(200);
    expect(textOf(called.body.result)).toBe('b64');
  });
});

describe('a 2026-era request the gateway refuses, with the request id, and nothing done', () => {
  const call = (id: number, extra: Record<string, unknown> = {}) =>
    ({ id, method: 'tools/call', params: { name: `${SERVER}__echo`, arguments: { text: 'never' }, _meta: envelope, ...extra } });
  const locate = (id: number, region: string) =>
    ({ id, method: 'tools/call', params: { name: `${MODERN_UPSTREAM}__locate`, arguments: { region }, _meta: envelope } });
  const cases: [string, Record<string, unknown>, Record<string, string | undefined>, number, number][] = [
    ['a modern header and no _meta', { id: 10, method: 'tools/list', params: {} }, {}, 400, -32602],
    ['_meta without clientCapabilities', { id: 11, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': VERSION } } }, {}, 400, -32602],
    ['a version it does not speak', { id: 12, method: 'tools/list', params: { _meta: { ...envelope, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } }, { 'mcp-protocol-version': '2099-01-01' }, 400, -32022],
    ['header and _meta naming different versions', { id: 13, method: 'tools/list', params: { _meta: envelope } }, { 'mcp-protocol-version': '2025-11-25' }, 400, -32020],
    ['no MCP-Protocol-Version header', { id: 14, method: 'tools/list', params: { _meta: envelope } }, { 'mcp-protocol-version': undefined }, 400, -32020],
    ['no Mcp-Method header', { id: 15, method: 'tools/list', params: { _meta: envelope } }, { 'mcp-method': undefined }, 400, -32020],
    ['a Mcp-Method that is not the body’s', { id: 16, method: 'tools/list', params: { _meta: envelope } }, { 'mcp-method': 'prompts/list' }, 400, -32020],
    ['a tools/call without Mcp-Name', call(17), { 'mcp-name': undefined }, 400, -32020],
    ['a Mcp-Name naming another tool', call(18), { 'mcp-name': `${SERVER}__add` }, 400, -32020],
    // The policy is decided from Mcp-Method and Mcp-Name before the body is parsed: a body that disagrees calls nothing.
    ['a Mcp-Name that is not canonical base64', call(27), { 'mcp-name': '=?base64?ZXU?=' }, 400, -32020],
    ['a tools/call Mcp-Method and Mcp-Name on a tools/list body', { id: 28, method: 'tools/list', params: { _meta: envelope } }, { 'mcp-method': 'tools/call', 'mcp-name': `${SERVER}__echo` }, 400, -32020],
    ['a tools/call without the Mcp-Param-* header its tool declares', locate(24, 'eu'), {}, 400, -32020],
    ['a Mcp-Param-* header that is not the argument’s', locate(25, 'eu'), { 'mcp-param-region': 'us' }, 400, -32020],
    ['a Mcp-Param-* header that is not canonical base64', locate(26, 'eu'), { 'mcp-param-region': '=?base64?ZXU?=' }, 400, -32020],
    ['initialize, gone from this era', { id: 19, method: 'initialize', params: { _meta: envelope } }, {}, 404, -32601],
    ['ping, gone from this era', { id: 20, method: 'ping', params: { _meta: envelope } }, {}, 404, -32601],
    ['logging/setLevel, gone from this era', { id: 21, method: 'logging/setLevel', params: { level: 'info', _meta: envelope } }, {}, 404, -32601],
    ['resources/subscribe, gone from this era', { id: 22, method: 'resources/subscribe', params: { uri: 'x://y', _meta: envelope } }, {}, 404, -32601],
    ['a method no era has', { id: 23, method: 'tools/explode', params: { _meta: envelope } }, {}, 404, -32601],
  ];
  for (const [what, body, headers, status, code] of cases) {
    it(`${what}: ${status}, ${code}`, async () => {
      const before = await auditedCalls();
      const answer = await post(body, headers);
      expect(answer.status).toBe(status);
      expect(answer.body.error?.code).toBe(code);
      expect(answer.body.id).toBe(body.id);
      expect(await auditedCalls()).toBe(before);
    });
  }

  it('names the versions it speaks when it refuses one', async () => {
    const answer = await post(cases[2]![1], cases[2]![2]);
    expect(answer.body.error?.data).toEqual({ supported: expect.arrayContaining([VERSION, '2025-11-25']), requested: '2099-01-01' });
  });

  it('answers a notification with 202 and a GET of this era with 405', async () => {
    const note = await fetch(`${t.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'mcp-protocol-version': VERSION, 'mcp-method': 'notifications/cancelled' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, _meta: envelope } }),
    });
    expect(note.status).toBe(202);
    const get = await fetch(`${t.url}/mcp`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: 'text/event-stream', 'mcp-protocol-version': VERSION } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

async function auditedCalls(): Promise<number> {
  const data = await t.admin.data<{ auditLog: { total: number } }>(`query($s: String) { auditLog(filter: { type: "tool_invocation", server: $s }, limit: 1) { total } }`, { s: SERVER });
  return data.auditLog.total;
}

describe('subscriptions/listen', () => {
  it('acknowledges what it honours, then says when the caller’s tools change', async () => {
    const agent = await createAgent(t.admin, unique('listen'), [SERVER]);
    const { client } = await modernClient(agent.token);
    let heard = 0;
    const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => (heard++, resolve())));
    const subscription = await client.listen({ toolsListChanged: true, promptsListChanged: true });
    expect(subscription.honoredFilter).toEqual({ toolsListChanged: true });
    await t.admin.data(`mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: true }) { tool { id } } }`, { id: fixture.tools.add });
    await changed;
    expect(heard).toBe(1);
    const { tools } = await client.listTools({}, { cacheMode: 'bypass' } as never);
    expect(tools.map((tool) => tool.name)).not.toContain(`${SERVER}__add`);
    await t.admin.data(`mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: false }) { tool { id } } }`, { id: fixture.tools.add });
    await subscription.close();
    await client.close();
  });
});
