import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { toRow } from '../src/events/audit-row.ts';
import { insertAuditRows } from '../src/events/audit-table.ts';
import { AuditRetention } from '../src/events/audit-retention.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { sqlPool } from './support/audit.ts';
import { eventually, unique } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, registerServer } from './support/mcp.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** Usage per server, agent and organization, rolled up from real calls' audit events. */
let t: TestApp;
let orgId: string;
const HOUR = 3_600_000;
const FIGURES = 'calls errors errorRate avgMs p50Ms p95Ms';
const SERVER_USAGE = `query($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) { mcpServer(id: $id) { usage(from: $from, to: $to, granularity: $g) {
  from to granularity resolution totals { ${FIGURES} } series { start ${FIGURES} } } } }`;
const AGENT_USAGE = `query($id: ID!) { agent(id: $id) { usage { totals { ${FIGURES} } } } }`;

beforeAll(async () => {
  // Rolled up only when read (or pruned): the tests count what each rollup does.
  t = await startTestApp({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '1', SWITCHBOARD_USAGE_ROLLUP_SECONDS: '0' });
  orgId = (await t.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id;
}, 60_000);
afterAll(() => t?.stop());

/** Nearest-rank percentile of exact durations, as the histogram approximates it. */
const exact = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1]!;
/** A bucketed duration: never below the true one, at most 25% above it (and exact below 8 ms). */
const near = (truth: number) => expect.toSatisfy((ms: number) => ms >= truth && ms <= Math.max(truth, Math.floor(truth * 1.25)));

/** Tool-call events as the proxy records them, at a given time (for periods in the past). */
async function seed(events: { serverName: string; at: Date; status?: 'success' | 'failure' | 'cancelled'; durationMs: number; agentId?: string }[]) {
  await insertAuditRows(await sqlPool(t.app), events.map((e) => toRow({
    type: 'tool_invocation', status: e.status ?? 'success', correlationId: unique('corr'), orgId, serverName: e.serverName, toolName: 'echo', durationMs: e.durationMs,
    actor: e.agentId ? { kind: 'agent', id: e.agentId, name: 'seeded' } : { kind: 'user', id: 'usr_seeded', name: 'seeded' },
  }, e.at)));
}

describe('usage of real calls through /mcp', () => {
  it('counts each agent’s calls and errors on the server, with p50 and p95 within the bucket resolution', async () => {
    const name = unique('used');
    const server = await readyServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    const one = await createAgent(t.admin, unique('bot'), [name]);
    const two = await createAgent(t.admin, unique('bot'), [name]);
    const first = await mcpClient(t.url, one.token);
    const second = await mcpClient(t.url, two.token);
    for (const ms of [5, 30, 60, 90, 120]) await first.callTool({ name: `${name}__slow`, arguments: { ms } });
    await first.callTool({ name: `${name}__fail`, arguments: {} });
    for (let i = 0; i < 3; i++) await second.callTool({ name: `${name}__echo`, arguments: { text: 'hi' } });
    await first.close();
    await second.close();

    const { usage } = (await t.admin.data(SERVER_USAGE, { id: server.id })).mcpServer;
    expect(usage).toMatchObject({ granularity: 'HOUR', resolution: 1.25, totals: { calls: 9, errors: 1, errorRate: 1 / 9 } });
    expect(usage.series).toHaveLength(24);
    expect(usage.series.at(-1)).toMatchObject({ calls: 9, errors: 1 });
    expect(usage.series.slice(0, -1).every((p: { calls: number }) => p.calls === 0)).toBe(true);

    const logged = (await t.admin.data(`query($f: AuditEventFilter) { auditEvents(first: 50, filter: $f) { edges { node { durationMs } } } }`,
      { f: { type: 'tool_invocation', server: name } })).auditEvents.edges.map((e: { node: { durationMs: number } }) => e.node.durationMs);
    expect(logged).toHaveLength(9);
    expect(usage.totals).toMatchObject({ p50Ms: near(exact(logged, 0.5)), p95Ms: near(exact(logged, 0.95)) });
    expect(usage.totals.p95Ms).toBeGreaterThanOrEqual(120);

    expect((await t.admin.data(AGENT_USAGE, { id: one.id })).agent.usage.totals).toMatchObject({ calls: 6, errors: 1 });
    expect((await t.admin.data(AGENT_USAGE, { id: two.id })).agent.usage.totals).toMatchObject({ calls: 3, errors: 0, errorRate: 0 });
    const { organization } = await t.admin.data(`query($o: ID!) { organization(id: $o) { usageByServer { id name totals { calls errors } } usageByAgent { id name totals { calls } } } }`, { o: orgId });
    expect(organization.usageByServer).toContainEqual({ id: server.id, name, totals: { calls: 9, errors: 1 } });
    expect(organization.usageByAgent).toEqual(expect.arrayContaining([expect.objectContaining({ id: one.id, totals: { calls: 6 } }), expect.objectContaining({ id: two.id, totals: { calls: 3 } })]));
  }, 60_000);
});

describe('periods', () => {
  it('gives figures per UTC hour, and days as the sum of their hours', async () => {
    const name = unique('hours');
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 2 * 86_400_000;
    await seed([
      { serverName: name, at: new Date(day + 10 * HOUR + 60_000), durationMs: 10 },
      { serverName: name, at: new Date(day + 10 * HOUR + 3_540_000), durationMs: 20, status: 'failure' },
      { serverName: name, at: new Date(day + 13 * HOUR), durationMs: 400 },
      { serverName: name, at: new Date(day + 86_400_000 + 5 * HOUR), durationMs: 7 },
    ]);
    const hours = (await t.admin.data(SERVER_USAGE, { id, from: new Date(day + 9 * HOUR).toISOString(), to: new Date(day + 14 * HOUR).toISOString() })).mcpServer.usage;
    expect(hours.series.map((p: { start: string; calls: number; errors: number }) => [p.start, p.calls, p.errors])).toEqual([
      [new Date(day + 9 * HOUR).toISOString(), 0, 0], [new Date(day + 10 * HOUR).toISOString(), 2, 1], [new Date(day + 11 * HOUR).toISOString(), 0, 0],
      [new Date(day + 12 * HOUR).toISOString(), 0, 0], [new Date(day + 13 * HOUR).toISOString(), 1, 0],
    ]);
    expect(hours.totals).toMatchObject({ calls: 3, errors: 1, avgMs: Math.round(430 / 3) });
    expect(hours.series[1]).toMatchObject({ avgMs: 15, p50Ms: near(10), p95Ms: near(20) });

    const days = (await t.admin.data(SERVER_USAGE, { id, g: 'DAY', from: new Date(day + 3 * HOUR).toISOString(), to: new Date(day + 86_400_000 + 1).toISOString() })).mcpServer.usage;
    expect(days).toMatchObject({ from: new Date(day).toISOString(), to: new Date(day + 2 * 86_400_000).toISOString(), granularity: 'DAY' });
    expect(days.series.map((p: { calls: number; errors: number }) => [p.calls, p.errors])).toEqual([[3, 1], [1, 0]]);
    expect(days.totals).toMatchObject({ calls: 4, errors: 1, p50Ms: near(10), p95Ms: near(400) });
  });
});

describe('the rollup', () => {
  it('keeps usage once events are pruned, and counts events retention is about to delete first', async () => {
    const name = unique('pruned');
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    const old = new Date(Date.now() - 3 * 86_400_000);
    await seed([{ serverName: name, at: old, durationMs: 4 }, { serverName: name, at: old, durationMs: 4 }]);
    const window = { id, g: 'DAY', from: new Date(old.getTime() - 86_400_000).toISOString() };
    expect((await t.admin.data(SERVER_USAGE, window)).mcpServer.usage.totals.calls).toBe(2);
    // Retention's own run first rolls up what is not counted yet.
    await seed([{ serverName: name, at: old, durationMs: 4 }]);
    expect(await t.app.retention.prune()).toBeGreaterThanOrEqual(3);
    const left = await sql<{ n: string }>`select count(*) as n from audit_event where server_name = ${name}`.execute(t.app.services.orm.em.fork().getKysely());
    expect(Number(left.rows[0]!.n)).toBe(0);
    expect((await t.admin.data(SERVER_USAGE, window)).mcpServer.usage.totals.calls).toBe(3);
  });

  it('keeps a server’s calls when it is renamed before they were rolled up', async () => {
    const name = unique('before');
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    await seed([{ serverName: name, at: new Date(), durationMs: 2 }]);
    await t.admin.data(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { name } } }`, { i: { id, name: unique('after') } });
    expect((await t.admin.data(SERVER_USAGE, { id })).mcpServer.usage.totals.calls).toBe(1);
  });

  it('counts a call for its server when the server is renamed while the call runs', async () => {
    const name = unique('moving');
    const server = await readyServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    const agent = await createAgent(t.admin, unique('bot'), ['*']);
    const client = await mcpClient(t.url, agent.token);
    try {
      const running = client.callTool({ name: `${name}__slow`, arguments: { ms: 1_501 } });
      expect(await t.logged('slow 1501 started')).toBe(true);
      await t.admin.data(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { name } } }`, { i: { id: server.id, name: unique('moved') } });
      await running.catch(() => {});
    } finally {
      await client.close();
    }
    expect((await t.admin.data(SERVER_USAGE, { id: server.id })).mcpServer.usage.totals.calls).toBe(1);
  });

  it('gives a new server of a deleted one’s name none of its calls', async () => {
    const name = unique('reused');
    const gone = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    await seed([{ serverName: name, at: new Date(), durationMs: 2 }]);
    await t.admin.data(`mutation($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`, { id: gone });
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    expect((await t.admin.data(SERVER_USAGE, { id })).mcpServer.usage.totals.calls).toBe(0);
  });

  it('is not run for a caller refused the rename or the delete: a refused request changes nothing', async () => {
    const name = unique('kept');
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    await t.app.services.usage.catchUp();
    await seed([{ serverName: name, at: new Date(), durationMs: 2 }]);
    const viewer = t.client((await orgMember(t.admin, orgId, 'VIEWER')).token);
    expect(codeOf(await viewer.request(`mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { name } } }`, { i: { id, name: unique('renamed') } }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(`mutation($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`, { id }))).toBe('FORBIDDEN');
    expect(await t.app.services.usage.catchUp()).toBeGreaterThanOrEqual(1);
  });

  it('counts a call its caller cancelled as a call, not as an error of the server', async () => {
    const name = unique('cancelled');
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    await seed([
      { serverName: name, at: new Date(), durationMs: 2, status: 'cancelled' },
      { serverName: name, at: new Date(), durationMs: 2, status: 'failure' },
      { serverName: name, at: new Date(), durationMs: 2 },
    ]);
    expect((await t.admin.data(SERVER_USAGE, { id })).mcpServer.usage.totals).toMatchObject({ calls: 3, errors: 1 });
  });

  it('reads only the events past its watermark: another rollup counts nothing twice', async () => {
    const name = unique('once');
    await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    await t.app.services.usage.catchUp();
    await seed(Array.from({ length: 30 }, () => ({ serverName: name, at: new Date(), durationMs: 1 })));
    expect(await t.app.services.usage.catchUp()).toBe(30);
    expect(await t.app.services.usage.catchUp()).toBe(0);
    // A pruning that never rolled up (retention of another process, say) takes nothing already counted.
    await new AuditRetention(t.app.services.orm, 1, t.app.log).prune(new Date(Date.now() + 2 * 86_400_000));
    expect(await t.app.services.usage.catchUp()).toBe(0);
  });
});

describe('an instance on its own', () => {
  it('rolls up every SWITCHBOARD_USAGE_ROLLUP_SECONDS, before anyone reads', async () => {
    const own = await startTestApp({ SWITCHBOARD_USAGE_ROLLUP_SECONDS: '1' });
    try {
      const em = own.app.services.orm.em.fork();
      const org = (await own.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id;
      await insertAuditRows(await sqlPool(own.app), [toRow({ type: 'tool_invocation', status: 'success', correlationId: unique('corr'), orgId: org, serverName: 'x', toolName: 'y', durationMs: 3 })]);
      const rolled = () => sql<{ n: string | null }>`select sum(calls) as n from usage_bucket`.execute(em.getKysely()).then((r) => Number(r.rows[0]?.n ?? 0));
      expect(await eventually(rolled, (n) => n === 1, 5_000)).toBe(1);
    } finally {
      await own.stop();
    }
  }, 60_000);
});

describe('who may read usage', () => {
  it('operators of the organization; a viewer is refused, another organization sees no server', async () => {
    const name = unique('guarded');
    const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
    const developer = t.client((await orgMember(t.admin, orgId, 'DEVELOPER')).token);
    const viewer = t.client((await orgMember(t.admin, orgId, 'VIEWER')).token);
    expect(codeOf(await developer.request(SERVER_USAGE, { id }))).toBe('OK');
    const refused = await viewer.request(SERVER_USAGE, { id });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.data?.mcpServer).toMatchObject({ usage: null });
    expect(codeOf(await viewer.request(`query($o: ID!) { organization(id: $o) { usage { totals { calls } } } }`, { o: orgId }))).toBe('FORBIDDEN');

    const stranger = await orgMember(t.admin, (await createOrganization(t.admin)).id, 'ADMIN');
    expect(codeOf(await t.client(stranger.token).request(SERVER_USAGE, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.client(stranger.token).request(`query($o: ID!) { organization(id: $o) { usage { totals { calls } } } }`, { o: orgId }))).toBe('NOT_FOUND');
  });
});

describe('bad windows', () => {
  it('are refused with BAD_USER_INPUT', async () => {
    const id = await registerServer(t.admin, fixtureStdio(unique('windows'), { organizationId: orgId }));
    const now = Date.now();
    const cases: Record<string, unknown>[] = [
      { from: new Date(now).toISOString(), to: new Date(now - HOUR).toISOString() },
      { from: new Date(now).toISOString(), to: new Date(now).toISOString() },
      { from: new Date(now - 32 * 86_400_000).toISOString() },
      { g: 'DAY', from: new Date(now - 400 * 86_400_000).toISOString() },
      { from: new Date(now + 5 * HOUR).toISOString() },
      { from: 12345 },
      { to: 'yesterday' },
      { g: 'WEEK' },
    ];
    for (const window of cases) expect([window, codeOf(await t.admin.request(SERVER_USAGE, { id, ...window }))]).toEqual([window, 'BAD_USER_INPUT']);
  });
});

// The embedded database belongs to one process: two instances share a PostgreSQL server only.
describe('two instances on one database', () => {
  it.runIf(process.env.DATABASE_URL)('roll up concurrently and count each event once', async () => {
    const other = await startTestApp({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '0', SWITCHBOARD_USAGE_ROLLUP_SECONDS: '0' }, t.db);
    try {
      const name = unique('shared');
      const id = await registerServer(t.admin, fixtureStdio(name, { organizationId: orgId }));
      await t.app.services.usage.catchUp();
      for (let batch = 0; batch < 4; batch++) await seed(Array.from({ length: 500 }, (_, i) => ({ serverName: name, at: new Date(), durationMs: i % 50 })));
      const counted = await Promise.all([...Array.from({ length: 4 }, () => t.app.services.usage.catchUp()), ...Array.from({ length: 4 }, () => other.app.services.usage.catchUp())]);
      expect(counted.reduce((a, b) => a + b, 0)).toBe(2000);
      expect((await other.admin.data(SERVER_USAGE, { id })).mcpServer.usage.totals.calls).toBe(2000);
      expect((await t.admin.data(SERVER_USAGE, { id })).mcpServer.usage.totals.calls).toBe(2000);
    } finally {
      await other.app.stop();
    }
  }, 60_000);
});
