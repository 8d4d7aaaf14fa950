import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { fixtureStdio, readyServer } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember, twoOrganizations } from '../support/tenancy.ts';

/** Seed 002's deployments: `deployment`, `deployments`, `deployments/{deploymentId}` and `deployment-config`. */
let t: TestApp;
let org: { id: string };
let other: { id: string };
let serverId: string;
let base: string;
const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => restCall(t.url, method, path, { headers: bearer(token), body });

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other } = await twoOrganizations(t));
  serverId = (await readyServer(t.admin, { ...fixtureStdio(unique('rest-dep')), organizationId: org.id })).id;
  base = `/api/v1/organizations/${org.id}/mcp-servers/${serverId}`;
}, 60_000);
afterAll(() => t.stop());

describe('deployments', () => {
  it('answer the current deployment, the history and one by id with its status changes', async () => {
    await t.admin.data(`mutation($id: ID!) { restartMcpServer(input: { id: $id }) { ok } }`, { id: serverId });
    const current = await call('GET', `${base}/deployment`);
    expect(current).toMatchObject({ status: 200, body: {
      serverId, status: 'published', runtime: { status: 'running' },
      deployment: { id: expect.stringMatching(/^dep_/), serverId, environment: 'prod', status: 'running', instances: [{ status: 'running', userId: null }],
        config: { environment: 'prod', callTimeoutMs: null, effectiveCallTimeoutMs: 60_000, envNames: [] } },
    } });
    const listed = await call('GET', `${base}/deployments`);
    expect(listed.body.deployments.map((d: { id: string }) => d.id)).toEqual([current.body.deployment.id]);
    const one = await call('GET', `${base}/deployments/${current.body.deployment.id}`);
    expect(one.status).toBe(200);
    expect(one.body.history.map((c: { status: string }) => c.status)).toEqual(['validating', 'stopped', 'starting', 'running']);
    expect(one.body.history[3]).toMatchObject({ at: expect.any(String), instanceId: expect.any(String), message: expect.stringMatching(/era/) });
  });

  it('are their organization’s only, by a server of theirs', async () => {
    const { body } = await call('GET', `${base}/deployments`);
    const id = body.deployments[0].id;
    expect((await call('GET', `/api/v1/organizations/${other.id}/mcp-servers/${serverId}/deployments/${id}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/organizations/${other.id}/mcp-servers/${serverId}/deployment`)).status).toBe(404);
    const elsewhere = (await readyServer(t.admin, { ...fixtureStdio(unique('rest-dep2')), organizationId: org.id })).id;
    expect((await call('GET', `/api/v1/organizations/${org.id}/mcp-servers/${elsewhere}/deployments/${id}`)).status).toBe(404);
    expect((await call('GET', `${base}/deployments/dep_unknown`)).status).toBe(404);
  });
});

describe('deployment-config', () => {
  it('is read and patched; null restores the installation’s; env values are never answered', async () => {
    const patched = await call('PATCH', `${base}/deployment-config`, { callTimeoutMs: 2_500, idleStopSeconds: 90, env: { REST_SECRET: 'rest-secret-value-123' } });
    expect(patched).toMatchObject({ status: 200, body: { environment: 'prod', callTimeoutMs: 2_500, idleStopSeconds: 90, effectiveCallTimeoutMs: 2_500, envNames: ['REST_SECRET'] } });
    expect(JSON.stringify(patched.body)).not.toContain('rest-secret-value-123');
    const read = await call('GET', `${base}/deployment-config?environment=prod`);
    expect(read).toMatchObject({ status: 200, body: patched.body });
    const restored = await call('PATCH', `${base}/deployment-config`, { callTimeoutMs: null });
    expect(restored.body).toMatchObject({ callTimeoutMs: null, effectiveCallTimeoutMs: 60_000, idleStopSeconds: 90, envNames: ['REST_SECRET'] });
  });

  it('refuses bad values, unknown environments, lower roles and other organizations, changing nothing', async () => {
    const before = (await call('GET', `${base}/deployment-config`)).body;
    for (const body of [{ callTimeoutMs: -1 }, { callTimeoutMs: 'fast' }, { idleStopSeconds: 10 ** 12 }, { environment: 'staging' }, { env: { 'NOT OK': 'x' } }, { surprise: true }]) {
      const refused = await call('PATCH', `${base}/deployment-config`, body);
      expect(refused, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    }
    expect((await call('GET', `${base}/deployment-config?environment=qa`)).status).toBe(400);
    const viewer = (await orgMember(t.admin, org.id, 'VIEWER')).token;
    expect((await call('GET', `${base}/deployment-config`, undefined, viewer)).status).toBe(200);
    expect(await call('PATCH', `${base}/deployment-config`, { callTimeoutMs: 1_000 }, viewer)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await call('PATCH', `/api/v1/organizations/${other.id}/mcp-servers/${serverId}/deployment-config`, { callTimeoutMs: 1_000 })).status).toBe(404);
    expect((await call('GET', `${base}/deployment-config`)).body).toEqual(before);
  });
});
