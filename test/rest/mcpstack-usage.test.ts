import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember, twoOrganizations } from '../support/tenancy.ts';

/** Seed 002's usage analytics: a server's `analytics`, an agent's `usage`, and `dashboard/analytics`, from real calls through /mcp. */
let t: TestApp;
let org: { id: string };
let other: { id: string };
let orgAdmin: string;
let server: { id: string; name: string };
let agentId: string;
const call = (path: string, token = ADMIN_TOKEN) => restCall(t.url, 'GET', path, { headers: bearer(token) });

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other } = await twoOrganizations(t));
  orgAdmin = (await orgMember(t.admin, org.id, 'ADMIN')).token!;
  const name = unique('counted');
  server = { id: (await readyServer(t.admin, fixtureStdio(name, { organizationId: org.id }))).id, name };
  const created = await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } token } }`, { i: { name: unique('bot'), allowList: [name], organizationId: org.id } });
  agentId = created.createAgent.agent.id;
  const mcp = await mcpClient(t.url, created.createAgent.token);
  await mcp.callTool({ name: `${name}__echo`, arguments: { text: 'one' } });
  await mcp.callTool({ name: `${name}__echo`, arguments: { text: 'two' } });
  await mcp.callTool({ name: `${name}__fail`, arguments: {} });
  await mcp.close();
}, 60_000);
afterAll(() => t?.stop());

const counted = { calls: 3, errors: 1, errorRate: 1 / 3, avgDurationMs: expect.any(Number), p50DurationMs: expect.any(Number), p95DurationMs: expect.any(Number) };

describe('analytics of a server', () => {
  it('gives the calls, errors and durations of the last 24 hours by the hour, or of 30 days by the day', async () => {
    const hourly = await call(`/api/v1/organizations/${org.id}/mcp-servers/${server.id}/analytics`, orgAdmin);
    expect(hourly).toMatchObject({ status: 200, body: { serverId: server.id, granularity: 'hour', durationResolution: 1.25, totals: counted } });
    expect(hourly.body.series).toHaveLength(24);
    expect(hourly.body.series.at(-1)).toMatchObject({ timestamp: expect.stringMatching(/T\d\d:00:00\.000Z$/), calls: 3, errors: 1 });
    const daily = await call(`/api/v1/organizations/${org.id}/mcp-servers/${server.id}/analytics?granularity=day`);
    expect(daily.body.series).toHaveLength(30);
    expect(daily.body).toMatchObject({ granularity: 'day', totals: counted });
    const hourAgo = new Date(Date.now() - 7_200_000).toISOString();
    const window = await call(`/api/v1/organizations/${org.id}/mcp-servers/${server.id}/analytics?from=${hourAgo}&to=${new Date().toISOString()}`);
    expect(window.body.series.map((p: { calls: number }) => p.calls)).toEqual([0, 0, 3]);
  });
});

describe('usage of an agent and the dashboard', () => {
  it('counts the agent’s calls, and the organization’s per server and per agent', async () => {
    expect(await call(`/api/v1/organizations/${org.id}/agents/${agentId}/usage`)).toMatchObject({ status: 200, body: { agentId, totals: counted } });
    const dashboard = await call(`/api/v1/dashboard/analytics?organizationId=${org.id}&granularity=day`);
    expect(dashboard).toMatchObject({
      status: 200,
      body: { organizationId: org.id, totals: counted, servers: [{ id: server.id, name: server.name, ...counted }], agents: [{ id: agentId, ...counted }] },
    });
    // A member of one organization is not asked which.
    expect(await call('/api/v1/dashboard/analytics', orgAdmin)).toMatchObject({ status: 200, body: { organizationId: org.id, totals: { calls: 3 } } });
    expect(await call('/api/v1/dashboard/stats', orgAdmin)).toMatchObject({ status: 200, body: { organizationId: org.id, mcpServerCount: 1 } });
  });
});

describe('refusals', () => {
  it('another organization’s path, a viewer and bad windows, in the dialect’s error shape', async () => {
    expect(await call(`/api/v1/organizations/${other.id}/mcp-servers/${server.id}/analytics`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await call(`/api/v1/organizations/${other.id}/agents/${agentId}/usage`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const viewer = (await orgMember(t.admin, org.id, 'VIEWER')).token!;
    expect(await call(`/api/v1/organizations/${org.id}/mcp-servers/${server.id}/analytics`, viewer)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await call(`/api/v1/dashboard/analytics?organizationId=${org.id}`, viewer)).toMatchObject({ status: 403 });
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${server.id}/analytics`;
    for (const query of ['from=yesterday', 'granularity=week', `from=${new Date().toISOString()}&to=${new Date(Date.now() - 3_600_000).toISOString()}`, `from=${new Date(Date.now() - 40 * 86_400_000).toISOString()}`]) {
      expect([query, await call(`${base}?${query}`)]).toMatchObject([query, { status: 400, body: { error: { code: 'BAD_USER_INPUT' } } }]);
    }
  });
});
