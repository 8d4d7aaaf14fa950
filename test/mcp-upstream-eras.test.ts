import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { FIXTURE, createAgent, fixtureStdio, freePort, mcpClient, readyServer, startHttpUpstream, textOf } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

/** Upstreams of the 2026-07-28 era (stateless, no initialize) next to older ones, behind one /mcp. */
const MODERN = path.join(ROOT, 'test/fixtures/modern-server.ts');

interface Seen {
  method: string;
  headers: Record<string, string | undefined>;
  meta?: Record<string, unknown>;
  params?: { name?: string; arguments?: Record<string, unknown> };
}

let t: TestApp;
let modern: { url: string; stop(): void };
let legacy: { url: string; stop(): void };
let modernServer: { id: string; tools: Record<string, string> };
let legacyServer: { id: string; tools: Record<string, string> };
const clients: Client[] = [];
const connect = async (allowList: string[]) => {
  const agent = await createAgent(t.admin, `eras-${clients.length}`, allowList);
  const client = await mcpClient(t.url, agent.token);
  clients.push(client);
  return { client, token: agent.token };
};
const seen = async (): Promise<Seen[]> => (await fetch(modern.url.replace(/\/mcp$/, '/seen'))).json();
const discovers = async () => (await seen()).filter((s) => s.method === 'server/discover').length;
/** What the gateway logged of a runtime's start. */
const started = (serverId: string) => t.logs.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
  .filter((l) => l.msg === 'upstream started' && l.serverId === serverId);

beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_TIMEOUT_MS: '2000' });
  [modern, legacy] = await Promise.all([
    startHttpUpstream([MODERN, 'http'], /modern fixture listening/, await freePort()),
    startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort()),
  ]);
  modernServer = await readyServer(t.admin, {
    name: 'modern', transport: 'STREAMABLE_HTTP', url: modern.url,
    // A configured header in the protocol's namespace never stands in for what the call's arguments say.
    headers: [{ name: 'X-Upstream-Key', value: 'configured-key' }, { name: 'Mcp-Param-Region', value: 'forged' }],
  });
  legacyServer = await readyServer(t.admin, { name: 'legacy', transport: 'STREAMABLE_HTTP', url: legacy.url });
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  modern?.stop();
  legacy?.stop();
  await t?.stop();
});

describe('a modern-only upstream over Streamable HTTP', () => {
  it('validates: its tools are found through server/discover and tools/list, never initialize', async () => {
    expect(Object.keys(modernServer.tools).sort()).toEqual(['busy', 'count', 'echo', 'greet', 'locate', 'pid']);
    const methods = (await seen()).map((s) => s.method);
    expect(methods).toContain('server/discover');
    expect(methods).toContain('tools/list');
    expect(methods).not.toContain('initialize');
  });

  it('is listed and called by a 2025 client on /mcp next to a legacy upstream', async () => {
    const { client } = await connect(['modern', 'legacy']);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['modern__echo', 'modern__count', 'legacy__echo', 'legacy__add']));
    expect(textOf(await client.callTool({ name: 'modern__echo', arguments: { text: 'to the new' } }))).toBe('to the new');
    expect(textOf(await client.callTool({ name: 'legacy__echo', arguments: { text: 'to the old' } }))).toBe('to the old');
    expect(started(modernServer.id)).toMatchObject([{ era: 'modern', protocolVersion: '2026-07-28' }]);
    expect(started(legacyServer.id)).toMatchObject([{ era: 'legacy', protocolVersion: '2025-11-25' }]);
  });

  it('is sent the 2026-07-28 headers and envelope, the tool’s own name, its configured headers, never the caller’s token', async () => {
    const { client, token } = await connect(['modern']);
    await client.callTool({ name: 'modern__echo', arguments: { text: 'look at my headers' } });
    const all = await seen();
    const call = all.findLast((s) => s.method === 'tools/call' && s.params?.arguments?.text === 'look at my headers')!;
    expect(call.params?.name).toBe('echo');
    expect(call.headers).toMatchObject({
      'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo', 'x-upstream-key': 'configured-key',
    });
    expect(call.meta).toMatchObject({
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': { name: 'switchboard', version: VERSION },
    });
    for (const request of all) {
      expect(request.headers['mcp-method']).toBe(request.method);
      expect(request.headers['mcp-session-id']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
    expect(JSON.stringify(all)).not.toContain(token);
  });

  it('is sent the arguments its tool declares with x-mcp-header as Mcp-Param-* headers, which the SDK checks', async () => {
    const { client } = await connect(['modern']);
    expect(textOf(await client.callTool({ name: 'modern__locate', arguments: { region: 'Zürich', depth: 3 } }))).toBe('looking in Zürich to depth 3');
    expect(textOf(await client.callTool({ name: 'modern__locate', arguments: { region: 'eu-west' } }))).toBe('looking in eu-west');
    const calls = (await seen()).filter((s) => s.method === 'tools/call' && s.params?.name === 'locate');
    expect(calls.map((c) => [c.headers['mcp-param-region'], c.headers['mcp-param-depth']])).toEqual([
      [`=?base64?${Buffer.from('Zürich').toString('base64')}?=`, '3'],
      ['eu-west', undefined],
    ]);
  });

  it('relays its progress to a caller that asked for it', async () => {
    const { client } = await connect(['modern']);
    const updates: unknown[] = [];
    const result = await client.callTool({ name: 'modern__count', arguments: { to: 3 } }, undefined, { onprogress: (p) => updates.push(p) });
    expect(textOf(result)).toBe('counted to 3');
    expect(updates).toEqual([1, 2, 3].map((n) => ({ progress: n, total: 3, message: `at ${n}` })));
  });

  it('keeps a long call going while it reports progress, and times out one that is silent', async () => {
    const { client } = await connect(['modern']);
    // 3 steps of 900 ms: longer than the 2 s timeout in all, shorter between updates.
    const kept = await client.callTool({ name: 'modern__count', arguments: { to: 3, ms: 900 } }, undefined, { onprogress: () => {}, timeout: 10_000 });
    expect(textOf(kept)).toBe('counted to 3');
    const silent = await client.callTool({ name: 'modern__count', arguments: { to: 3, ms: 900 } }, undefined, { timeout: 10_000 });
    expect(silent.isError).toBe(true);
    expect(textOf(silent)).toMatch(/"modern" server could not complete the call: .*timed out/);
  }, 20_000);

  it('turns an input_required result into a tool error for a 2025 caller, whose era cannot answer it (see mcp-mrtr)', async () => {
    const { client } = await connect(['modern']);
    const result = await client.callTool({ name: 'modern__busy' }) as Record<string, unknown>;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/only a 2026-07-28 client can give/);
    expect(result).not.toHaveProperty('requestState');
  });

  it('is probed for its era once per runtime, not per call', async () => {
    const again = await readyServer(t.admin, { name: 'modern-again', transport: 'STREAMABLE_HTTP', url: modern.url });
    const afterValidation = await discovers();
    const { client } = await connect(['modern-again']);
    for (let i = 0; i < 5; i++) expect(textOf(await client.callTool({ name: 'modern-again__echo', arguments: { text: `call ${i}` } }))).toBe(`call ${i}`);
    expect(await discovers()).toBe(afterValidation + 1);
    expect(started(again.id)).toHaveLength(1);
  });
});

describe('over stdio', () => {
  it('a modern-only process is validated and called on one process, era modern', async () => {
    const server = await readyServer(t.admin, { name: 'modern-stdio', transport: 'STDIO', command: process.execPath, args: [MODERN] });
    expect(Object.keys(server.tools).sort()).toEqual(['busy', 'count', 'echo', 'greet', 'locate', 'pid']);
    const { client } = await connect(['modern-stdio']);
    expect(textOf(await client.callTool({ name: 'modern-stdio__echo', arguments: { text: 'down the pipe' } }))).toBe('down the pipe');
    const updates: unknown[] = [];
    await client.callTool({ name: 'modern-stdio__count', arguments: { to: 2 } }, undefined, { onprogress: (p) => updates.push(p) });
    expect(updates).toHaveLength(2);
    const pid = textOf(await client.callTool({ name: 'modern-stdio__pid' }));
    expect(textOf(await client.callTool({ name: 'modern-stdio__pid' }))).toBe(pid);
    expect(started(server.id)).toMatchObject([{ era: 'modern', protocolVersion: '2026-07-28' }]);
  });

  it('a legacy process that exits on the probe is initialized on a fresh process', async () => {
    const server = await readyServer(t.admin, { ...fixtureStdio('strict'), args: [FIXTURE, 'strict'] });
    const { client } = await connect(['strict']);
    expect(textOf(await client.callTool({ name: 'strict__echo', arguments: { text: 'second try' } }))).toBe('second try');
    expect(started(server.id)).toMatchObject([{ era: 'legacy', protocolVersion: '2025-11-25' }]);
  });

  it('a legacy process that answers the probe with an error is initialized, era legacy', async () => {
    const server = await readyServer(t.admin, fixtureStdio('plain'));
    const { client } = await connect(['plain']);
    expect(textOf(await client.callTool({ name: 'plain__echo', arguments: { text: 'same process' } }))).toBe('same process');
    expect(started(server.id)).toMatchObject([{ era: 'legacy', protocolVersion: '2025-11-25' }]);
  });
});
