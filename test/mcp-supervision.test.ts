import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { subscribe, wsClient } from './support/ws.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_IDLE_MS: '600' });
});
afterAll(() => t.stop());

it('stops an upstream left idle, and starts it again on the next call', async () => {
  const server = await readyServer(t.admin, fixtureStdio('sleepy'));
  const ws = wsClient(t.url, t.admin.token);
  const sub = subscribe(ws, `subscription($id: ID!) { deploymentStatus(serverId: $id) { status message } }`, { id: server.id });
  await sub.drain(200);
  const agent = await createAgent(t.admin, 'sleepy-agent', ['sleepy']);
  const client = await mcpClient(t.url, agent.token);
  const first = textOf(await client.callTool({ name: 'sleepy__pid' }));
  expect((await sub.next()).deploymentStatus.status).toBe('STARTING');
  expect((await sub.next()).deploymentStatus.status).toBe('RUNNING');
  expect((await sub.next(5_000)).deploymentStatus).toEqual({ status: 'STOPPED', message: 'idle' });
  const second = textOf(await client.callTool({ name: 'sleepy__pid' }));
  expect(second).not.toBe(first);
  expect((await sub.next()).deploymentStatus.status).toBe('STARTING');
  sub.close();
  await ws.dispose();
  await client.close();
});
