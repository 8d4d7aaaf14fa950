import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { eventually, unique } from './support/fixtures.ts';
import { createAgent, fixtureStdio, readyServer } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

const MODERN = '2026-07-28';
let t: TestApp;
const LEGACY_UP = unique('slowpoke').replaceAll('_', '-');
const MODERN_UP = unique('counter').replaceAll('_', '-');
let agent: string;
let other: string;

beforeAll(async () => {
  t = await startTestApp();
  await readyServer(t.admin, fixtureStdio(LEGACY_UP));
  await readyServer(t.admin, { name: MODERN_UP, transport: 'STDIO', command: process.execPath, args: [path.join(ROOT, 'test/fixtures/modern-server.ts')] });
  agent = (await createAgent(t.admin, unique('canceller'), [LEGACY_UP, MODERN_UP])).token;
  other = (await createAgent(t.admin, unique('bystander'), [LEGACY_UP])).token;
  // Both runtimes running: each call below is in flight upstream when its caller goes.
  for (const [name, modern] of [[`${LEGACY_UP}__pid`, false], [`${MODERN_UP}__pid`, true]] as const) {
    expect((await post(agent, unique('corr-warm-'), { id: 1, method: 'tools/call', params: { name } }, { modern })).status).toBe(200);
  }
}, 60_000);
afterAll(() => t?.stop());

const envelope = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' } };

/** A raw POST to /mcp, of the 2025 era unless `modern`; `signal` drops it. */
function post(token: string, correlationId: string, message: Record<string, unknown>, { modern = false, signal }: { modern?: boolean; signal?: AbortSignal } = {}) {
  const params = (message.params ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-correlation-id': correlationId,
    'mcp-protocol-version': modern ? MODERN : '2025-11-25',
    ...(modern && { 'mcp-method': String(message.method), 'mcp-name': String(params.name) }),
  };
  const body = { jsonrpc: '2.0', ...message, params: modern ? { ...params, _meta: envelope } : params };
  return fetch(`${t.url}/mcp`, { method: 'POST', headers, body: JSON.stringify(body), signal });
}

async function auditStatus(correlationId: string): Promise<string[]> {
  const data = await t.admin.data(`{ auditEvents(filter: { correlationId: "${correlationId}" }) { edges { node { status } } } }`);
  return data.auditEvents.edges.map((e: { node: { status: string } }) => e.node.status);
}

it('a 2025 caller that drops its connection cancels the call upstream, and it is audited as cancelled', async () => {
  const correlationId = unique('corr-drop-');
  const abort = new AbortController();
  const call = post(agent, correlationId, { id: 7, method: 'tools/call', params: { name: `${LEGACY_UP}__slow`, arguments: { ms: 20_001 } } }, { signal: abort.signal });
  expect(await t.logged('slow 20001 started')).toBe(true);
  abort.abort();
  await expect(call).rejects.toThrow();
  expect(await t.logged('slow 20001 cancelled')).toBe(true);
  expect(await eventually(() => auditStatus(correlationId), (s) => s.length > 0)).toEqual(['CANCELLED']);
});

it("a 2025 caller's notifications/cancelled cancels its call of that id: the upstream is told, the caller answered at once", async () => {
  const correlationId = unique('corr-notify-');
  const started = Date.now();
  const call = post(agent, correlationId, { id: 'call-41', method: 'tools/call', params: { name: `${LEGACY_UP}__slow`, arguments: { ms: 20_002 } } });
  expect(await t.logged('slow 20002 started')).toBe(true);
  const notified = await post(agent, unique('corr-notice-'), { method: 'notifications/cancelled', params: { requestId: 'call-41', reason: 'changed my mind' } });
  expect(notified.status).toBe(202);
  const reply = await (await call).json();
  expect(reply).toMatchObject({ id: 'call-41', error: { code: -32001, message: expect.stringContaining('The client cancelled the call') } });
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(await t.logged('slow 20002 cancelled')).toBe(true);
  expect(await eventually(() => auditStatus(correlationId), (s) => s.length > 0)).toEqual(['CANCELLED']);
});

it("another credential's notifications/cancelled of the same id cancels nothing", async () => {
  const correlationId = unique('corr-kept-');
  const call = post(agent, correlationId, { id: 99, method: 'tools/call', params: { name: `${LEGACY_UP}__slow`, arguments: { ms: 1_503 } } });
  expect(await t.logged('slow 1503 started')).toBe(true);
  await post(other, unique('corr-stranger-'), { method: 'notifications/cancelled', params: { requestId: 99 } });
  expect((await (await call).json()).result.content[0].text).toBe('waited 1503 ms');
  expect(await eventually(() => auditStatus(correlationId), (s) => s.length > 0)).toEqual(['SUCCESS']);
  expect(t.logs.some((l) => l.includes('slow 1503 cancelled'))).toBe(false);
});

it('a 2026 caller that closes its response cancels the call to a modern upstream, which hears notifications/cancelled', async () => {
  const correlationId = unique('corr-modern-');
  const abort = new AbortController();
  const call = post(agent, correlationId, { id: 3, method: 'tools/call', params: { name: `${MODERN_UP}__count`, arguments: { to: 203, ms: 100 } } }, { modern: true, signal: abort.signal });
  expect(await t.logged('count to 203 started')).toBe(true);
  abort.abort();
  await expect(call).rejects.toThrow();
  expect(await t.logged('count to 203 cancelled')).toBe(true);
  expect(await eventually(() => auditStatus(correlationId), (s) => s.length > 0)).toEqual(['CANCELLED']);
});
