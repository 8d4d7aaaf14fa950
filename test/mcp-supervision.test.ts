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

it('never stops a runtime as idle while one of its calls is in flight, however much longer than the idle time it takes', async () => {
  const server = await readyServer(t.admin, fixtureStdio('patient'));
  const agent = await createAgent(t.admin, 'patient-agent', ['patient']);
  const client = await mcpClient(t.url, agent.token);
  const before = textOf(await client.callTool({ name: 'patient__pid' }));
  const stopped = () => t.logs.filter((line) => line.includes('"msg":"upstream stopped"') && line.includes(server.id));
  expect(textOf(await client.callTool({ name: 'patient__slow', arguments: { ms: 3_000 } }))).toBe('waited 3000 ms');
  // The same process answered throughout, and nothing was stopped as idle meanwhile.
  expect(textOf(await client.callTool({ name: 'patient__pid' }))).toBe(before);
  expect(stopped()).toEqual([]);
  await client.close();
}, 15_000);
