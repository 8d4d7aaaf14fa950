import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuntimeLogs } from '../src/mcp/runtime-logs.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { registerServer } from './support/mcp.ts';
import { ROOT } from './support/process.ts';
import { bearer, restCall } from './support/rest.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** What upstream processes write to stderr, kept per server with their secrets redacted, for operators. */
const NOISY = path.join(ROOT, 'test/fixtures/noisy-server.ts');
const API_KEY = 'sk-live-0123456789abcdef';
let t: TestApp;
let org: { id: string };
let serverId: string;
const LOGS = `query($id: ID!, $last: Int) { mcpServer(id: $id) { runtimeLogs(last: $last) { edges { node { line instanceId userId at } } } } }`;
const lines = async (client = t.admin) => (await client.data(LOGS, { id: serverId, last: 50 })).mcpServer.runtimeLogs?.edges.map((e: { node: { line: string } }) => e.node.line);
/** Lines are written in batches: wait until one containing `text` is stored. */
async function stored(text: string) {
  for (let tries = 0; tries < 50; tries++) {
    const found = await lines();
    if (found?.some((line: string) => line.includes(text))) return found as string[];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no stored line with ${text}`);
}

beforeAll(async () => {
  t = await startTestApp();
  org = await createOrganization(t.admin);
  serverId = await registerServer(t.admin, {
    name: unique('noisy'), organizationId: org.id, transport: 'STDIO', command: process.execPath, args: [NOISY], env: [{ name: 'API_KEY', value: API_KEY }],
  });
}, 60_000);
afterAll(() => t?.stop());

describe('runtime logs', () => {
  it('keep what a validation’s and a runtime’s process wrote, with the values it was given and bearer credentials redacted', async () => {
    await t.admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok } }`, { id: serverId });
    await t.admin.data(`mutation($id: ID!) { smokeCallMcpTool(input: { id: $id, tool: "say", arguments: { text: "hello from the runtime" } }) { ok } }`, { id: serverId });
    const found = await stored('hello from the runtime');
    expect(found.filter((line) => line.startsWith('starting with key'))).toEqual([
      'starting with key [redacted], sending Authorization: Bearer [redacted]', 'starting with key [redacted], sending Authorization: Bearer [redacted]',
    ]);
    expect(JSON.stringify(found)).not.toContain(API_KEY);
    const { mcpServer } = await t.admin.data(LOGS, { id: serverId, last: 1 });
    expect(mcpServer.runtimeLogs.edges[0].node).toMatchObject({ line: 'hello from the runtime', instanceId: expect.any(String), userId: null });
  });

  it('are read by the server’s operators only, also over seed 002’s deployment/logs', async () => {
    const developer = (await orgMember(t.admin, org.id, 'DEVELOPER')).token;
    const viewer = (await orgMember(t.admin, org.id, 'VIEWER')).token;
    expect(await lines(t.client(developer))).toContain('hello from the runtime');
    expect((await t.client(viewer).data(LOGS, { id: serverId, last: 5 })).mcpServer.runtimeLogs).toBeNull();
    const path = `/api/v1/organizations/${org.id}/mcp-servers/${serverId}/deployment/logs?limit=2`;
    const read = await restCall(t.url, 'GET', path, { headers: bearer(developer) });
    expect(read).toMatchObject({ status: 200, body: { logs: [expect.objectContaining({ line: expect.stringMatching(/^starting with key \[redacted\]/) }), expect.objectContaining({ line: 'hello from the runtime' })] } });
    expect((await restCall(t.url, 'GET', path, { headers: bearer(viewer) })).status).toBe(403);
    expect((await restCall(t.url, 'GET', path.replace('limit=2', 'limit=100000'), { headers: bearer(developer) })).status).toBe(400);
  });

  it('keep each server’s newest lines only', async () => {
    const logs = new RuntimeLogs({ orm: t.app.services.orm, log: t.app.log, instanceId: 'test', keep: 5 });
    for (let i = 0; i < 12; i++) logs.push(serverId, null, `line ${i}`);
    await logs.close();
    expect(await lines()).toEqual(['line 7', 'line 8', 'line 9', 'line 10', 'line 11']);
  });
});
