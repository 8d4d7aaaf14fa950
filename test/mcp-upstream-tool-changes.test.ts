import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createAgent, freePort, mcpClient, readyServer, startHttpUpstream, textOf } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

/** An upstream whose tools change while it runs: `grow` adds one, `poke` says they changed when they did not. */
const CHANGING = path.join(ROOT, 'test/fixtures/changing-server.ts');

let t: TestApp;
let http: { url: string; stop(): void };
let legacyHttp: { url: string; stop(): void };
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [http, legacyHttp] = await Promise.all([
    startHttpUpstream([CHANGING, 'modern-http'], /changing fixture listening/, await freePort()),
    startHttpUpstream([CHANGING, 'legacy-http'], /changing fixture listening/, await freePort()),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  http?.stop();
  legacyHttp?.stop();
  await t?.stop();
});

async function toolEvents(serverId: string) {
  const data = await t.admin.data(`{ auditEvents(first: 50, filter: { type: "server_tools_changed" }) { edges { node { status actor { name } target { id } details } } } }`);
  return (data.auditEvents.edges as { node: { status: string; actor: { name: string }; target: { id: string }; details: Record<string, unknown> } }[])
    .map((e) => e.node).filter((n) => n.target.id === serverId);
}

/** A 2025 client on /mcp with its event stream open, counting the list changes it hears. */
async function listeningClient(name: string, server: string) {
  const agent = await createAgent(t.admin, name, [server]);
  const client = await mcpClient(t.url, agent.token);
  clients.push(client);
  let heard = 0;
  const waiters: (() => void)[] = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    heard++;
    waiters.splice(0).forEach((wake) => wake());
  });
  const hearChange = (timeoutMs = 10_000) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no tools/list_changed heard')), timeoutMs);
    waiters.push(() => (clearTimeout(timer), resolve()));
  });
  return { client, hearChange, heard: () => heard };
}

const upstreams = [
  { era: 'legacy over stdio', name: 'grows-legacy', spec: () => ({ transport: 'STDIO', command: process.execPath, args: [CHANGING, 'legacy'] }) },
  { era: 'legacy over HTTP, on its session stream', name: 'grows-legacy-http', spec: () => ({ transport: 'STREAMABLE_HTTP', url: legacyHttp.url }) },
  { era: 'modern over stdio', name: 'grows-modern', spec: () => ({ transport: 'STDIO', command: process.execPath, args: [CHANGING, 'modern'] }) },
  { era: 'modern over HTTP', name: 'grows-http', spec: () => ({ transport: 'STREAMABLE_HTTP', url: http.url }) },
];

describe.each(upstreams)('an upstream of the $era whose tools change while it runs', ({ name, spec }) => {
  let serverId: string;
  let listener: Awaited<ReturnType<typeof listeningClient>>;

  beforeAll(async () => {
    serverId = (await readyServer(t.admin, { name, ...spec() })).id;
    listener = await listeningClient(`${name}-agent`, name);
  }, 30_000);

  it('adds the new tool to the catalog, tells callers, and audits what changed', async () => {
    const { client, hearChange } = listener;
    // The first call starts the runtime, which from then on listens to its upstream.
    const heard = hearChange();
    expect(textOf(await client.callTool({ name: `${name}__grow`, arguments: { name: 'sprout' } }))).toBe('grew sprout');
    await heard;
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual([`${name}__grow`, `${name}__poke`, `${name}__sprout`]);
    expect(textOf(await client.callTool({ name: `${name}__sprout`, arguments: {} }))).toBe('I am sprout');
    expect(await toolEvents(serverId)).toEqual([expect.objectContaining({
      status: 'SUCCESS', actor: { name: `upstream ${name}` }, details: { added: ['sprout'], removed: [], changed: [], tools: 3 },
    })]);
  });

  it('changes nothing and records nothing when the list it announces is the same', async () => {
    const { client, heard } = listener;
    const before = heard();
    expect(textOf(await client.callTool({ name: `${name}__poke`, arguments: {} }))).toBe('poked');
    // Reading the list again takes a round trip; give it far longer.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await toolEvents(serverId)).toHaveLength(1);
    expect(heard()).toBe(before);
  });
});
