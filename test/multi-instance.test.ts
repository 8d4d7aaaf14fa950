import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestToken } from '../src/auth/tokens.ts';
import { RESYNC, signalTopic, PRINCIPALS_SIGNAL } from '../src/events/signals.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { AUDIT_SUBSCRIPTION, headSeq, take, toolCall, type ReceivedEvent } from './support/audit.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { createToken, createUser, eventually, unique, VIEWER } from './support/fixtures.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { codeOf } from './support/graphql.ts';
import { subscribe, wsClient } from './support/ws.ts';

// Two instances on one database need a PostgreSQL server (CI sets DATABASE_URL): the embedded database
// belongs to one process, and its NOTIFY never reaches another connection.
const postgresOnly = it.runIf(process.env.DATABASE_URL);

let database: TestDatabase;
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  database = await createTestDatabase();
  a = await startTestApp({}, database);
  b = await startTestApp({}, database);
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await database?.drop();
});

const USER_EVENTS = `subscription($f: AuditEventFilter, $after: String) { auditEvents(filter: $f, after: $after) { seq type correlationId target { name } } }`;
const once = (app: TestApp, topic: string) => new Promise<void>((resolve) => {
  const off = app.app.services.pubsub.subscribe(topic, () => (off(), resolve()));
});

describe('several instances on one PostgreSQL database', () => {
  postgresOnly('a deploymentStatus subscriber on B sees the upstream that A starts, and B knows where it runs', async () => {
    const name = unique('dep').replaceAll('_', '-');
    const server = await readyServer(a.admin, fixtureStdio(name));
    const client = wsClient(b.url, ADMIN_TOKEN);
    const sub = subscribe<{ deploymentStatus: { status: string; instanceId: string } }>(client, `subscription($id: ID!) { deploymentStatus(serverId: $id) { status instanceId } }`, { id: server.id });
    await sub.drain(200);
    const agent = await createAgent(a.admin, unique('dep-agent'), [name]);
    const mcp = await mcpClient(a.url, agent.token);
    await mcp.callTool({ name: `${name}__pid` });
    const instanceId = a.app.services.signals.instanceId;
    expect((await sub.next()).deploymentStatus).toEqual({ status: 'STARTING', instanceId });
    expect((await sub.next()).deploymentStatus).toEqual({ status: 'RUNNING', instanceId });
    expect((await b.admin.data(`query($id: ID!) { mcpServer(id: $id) { deployment { status instanceId } } }`, { id: server.id })).mcpServer.deployment).toEqual({ status: 'RUNNING', instanceId });
    await mcp.close();
    await client.dispose();
  });

  postgresOnly('stopping a server, or changing its deployment’s config, stops its runtimes on every instance', async () => {
    const name = unique('stop-all').replaceAll('_', '-');
    const server = await readyServer(a.admin, fixtureStdio(name));
    const SMOKE = `mutation($id: ID!) { smokeCallMcpTool(input: { id: $id, tool: "pid" }) { ok } }`;
    const instancesSeenBy = async (app: TestApp) =>
      (await app.admin.data(`query($id: ID!) { mcpServer(id: $id) { instances { status instanceId } } }`, { id: server.id })).mcpServer.instances as { status: string; instanceId: string }[];
    const allStopped = (runtimes: { status: string }[]) => runtimes.length === 2 && runtimes.every((r) => r.status === 'STOPPED');
    for (const stop of [
      () => a.admin.data(`mutation($id: ID!) { stopMcpServer(input: { id: $id }) { ok } }`, { id: server.id }),
      () => a.admin.data(`mutation($id: ID!) { updateDeploymentConfig(input: { id: $id, callTimeoutMs: 5000 }) { config { callTimeoutMs } } }`, { id: server.id }),
    ]) {
      for (const app of [a, b]) expect((await app.admin.data(SMOKE, { id: server.id })).smokeCallMcpTool.ok).toBe(true);
      expect(await eventually(() => instancesSeenBy(a), (r) => r.filter((x) => x.status === 'RUNNING').length === 2)).toHaveLength(2);
      await stop();
      const seen = await eventually(() => instancesSeenBy(a), allStopped);
      expect(seen.map((r) => r.status)).toEqual(['STOPPED', 'STOPPED']);
      expect(new Set(seen.map((r) => r.instanceId))).toEqual(new Set([a.app.services.signals.instanceId, b.app.services.signals.instanceId]));
    }
  });

  postgresOnly('an instance that starts later learns what the others run, and the others forget one that shuts down', async () => {
    const name = unique('census').replaceAll('_', '-');
    const server = await readyServer(a.admin, fixtureStdio(name));
    const agent = await createAgent(a.admin, unique('census-agent'), [name]);
    const runtimesSeenBy = async (app: TestApp) =>
      (await app.admin.data(`query($id: ID!) { mcpServer(id: $id) { deployments { status instanceId } } }`, { id: server.id })).mcpServer.deployments;
    const onA = await mcpClient(a.url, agent.token);
    await onA.callTool({ name: `${name}__pid` });
    const aId = a.app.services.signals.instanceId;

    const c = await startTestApp({}, database);
    const cId = c.app.services.signals.instanceId;
    expect(await eventually(() => runtimesSeenBy(c), (r) => r.length > 0)).toEqual([{ status: 'RUNNING', instanceId: aId }]);
    const onC = await mcpClient(c.url, agent.token);
    await onC.callTool({ name: `${name}__pid` });
    await onC.close();
    expect(await eventually(() => runtimesSeenBy(a), (r) => r.length > 1)).toEqual([{ status: 'RUNNING', instanceId: cId }, { status: 'RUNNING', instanceId: aId }]);

    await c.stop();
    expect(await eventually(() => runtimesSeenBy(a), (r) => r.length === 1)).toEqual([{ status: 'RUNNING', instanceId: aId }]);
    expect(await runtimesSeenBy(b)).toEqual([{ status: 'RUNNING', instanceId: aId }]);
    await onA.close();
  });

  postgresOnly('a graphql-ws subscriber on B sees a mutation made on A', async () => {
    const client = wsClient(b.url, ADMIN_TOKEN);
    const sub = subscribe<{ auditEvents: ReceivedEvent & { target: { name: string } } }>(client, USER_EVENTS, { f: { type: 'user_created' }, after: await headSeq(b.admin) });
    const username = unique('from_a');
    await a.admin.data(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: username });
    expect((await sub.next()).auditEvents).toMatchObject({ type: 'user_created', target: { name: username } });
    await client.dispose();
  });

  postgresOnly('a subscriber hopping between instances with after gets the events written on both exactly once', async () => {
    const server = unique('srv');
    const after = await headSeq(a.admin);
    const produced: string[] = [];
    let done = false;
    const producing = Promise.all([a, b].map(async (app) => {
      for (let round = 0; round < 30; round++) {
        const batch = Array.from({ length: 8 }, () => unique('corr_'));
        produced.push(...batch);
        await Promise.all(batch.map((correlationId) => app.app.services.audit.record(toolCall({ serverName: server, correlationId }))));
      }
    })).then(() => (done = true));
    const received: ReceivedEvent[] = [];
    let cursor = after;
    for (let hop = 0; !done || received.length < produced.length; hop++) {
      const client = wsClient([a, b][hop % 2]!.url, ADMIN_TOKEN);
      const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { f: { server }, after: cursor });
      const got = await take(sub, Math.min(45, Math.max(1, produced.length - received.length)));
      received.push(...got);
      cursor = got.at(-1)!.seq;
      await client.dispose();
    }
    await producing;
    const seqs = received.map((e) => Number(e.seq));
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
    expect(received.map((e) => e.correlationId).sort()).toEqual([...produced].sort());
  });

  postgresOnly('revoking a token on A ends its subscription on B and B refuses it on the next request', async () => {
    const user = await createUser(a.admin);
    const { id, token } = await createToken(a.admin, { userId: user.id });
    expect(codeOf(await b.client(token).request(VIEWER))).toBe('OK');
    expect(b.app.services.principals.get(digestToken(token))).toBeDefined();
    const client = wsClient(b.url, token);
    const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { after: await headSeq(b.admin) });
    await a.app.services.audit.record(toolCall({ correlationId: 'corr_mine', actor: { kind: 'user', id: user.id, name: user.username } }));
    expect((await take(sub, 1))[0]!.correlationId).toBe('corr_mine');

    const heard = once(b, signalTopic(PRINCIPALS_SIGNAL));
    await a.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`, { id });
    await a.app.services.audit.record(toolCall({ correlationId: 'corr_after', actor: { kind: 'user', id: user.id, name: user.username } }));
    await expect(sub.next()).rejects.toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await heard;
    expect(b.app.services.principals.get(digestToken(token))).toBeUndefined();
    expect(codeOf(await b.client(token).request(VIEWER))).toBe('UNAUTHENTICATED');
    await client.dispose();
  });

  postgresOnly("a server's new configuration, saved on A, restarts the upstream B runs with it", async () => {
    const name = unique('cfg');
    const { id } = await readyServer(a.admin, fixtureStdio(name, { env: [{ name: 'FIXTURE_SECRET', value: 'first' }] }));
    const { token } = await createAgent(a.admin, unique('agt'), [name]);
    const secretOn = async (app: TestApp) => {
      const client = await mcpClient(app.url, token);
      try {
        return textOf(await client.callTool({ name: `${name}__env`, arguments: { name: 'FIXTURE_SECRET' } }));
      } finally {
        await client.close();
      }
    };
    expect(await secretOn(b)).toBe('first');
    await a.admin.data(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { id } } }`, { i: { id, env: [{ name: 'FIXTURE_SECRET', value: 'second' }] } });
    expect(await eventually(() => secretOn(b), (value) => value === 'second')).toBe('second');
  });

  postgresOnly("a 2025 caller's notifications/cancelled that lands on A cancels its call in flight on B", async () => {
    const name = unique('slowb');
    const { id } = await readyServer(a.admin, fixtureStdio(name));
    const { token } = await createAgent(a.admin, unique('agt'), [name]);
    const post = (app: TestApp, message: Record<string, unknown>) => fetch(`${app.url}/mcp`, {
      method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', ...message }),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
    });
    const started = Date.now();
    const call = post(b, { id: 'far-1', method: 'tools/call', params: { name: `${name}__slow`, arguments: { ms: 20_003 } } });
    expect(await eventually(async () => b.logs.some((line) => line.includes('upstream started') && line.includes(id)), Boolean)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect((await post(a, { method: 'notifications/cancelled', params: { requestId: 'far-1' } })).status).toBe(202);
    expect(await (await call).json()).toMatchObject({ id: 'far-1', error: { code: -32001 } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  postgresOnly('the listener reconnects by itself and catches up with what was written meanwhile', async () => {
    const server = unique('srv');
    const client = wsClient(b.url, ADMIN_TOKEN);
    const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { f: { server }, after: await headSeq(b.admin) });
    const resynced = once(b, RESYNC);
    const sql = postgres(database.databaseUrl!, { max: 1, onnotice: () => {} });
    const terminated = await sql`select pg_terminate_backend(pid) as ok from pg_stat_activity
      where application_name = 'switchboard-listen' and datname = current_database()`;
    await sql.end();
    expect(terminated.length).toBe(2);
    await a.app.services.audit.record(toolCall({ serverName: server, correlationId: 'corr_during_outage' }));
    await resynced;
    await a.app.services.audit.record(toolCall({ serverName: server, correlationId: 'corr_after_outage' }));
    expect((await take(sub, 2)).map((e) => e.correlationId)).toEqual(['corr_during_outage', 'corr_after_outage']);
    expect(b.logs.some((line) => line.includes('signal listener reconnected'))).toBe(true);
    await client.dispose();
  });
});
