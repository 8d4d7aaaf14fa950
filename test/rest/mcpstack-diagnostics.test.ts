import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { fixtureStdio, registerServer } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember, twoOrganizations } from '../support/tenancy.ts';

/** Seed 002's diagnostics: `hosting-checks`, and the smoke tests `mcp-smoke/tools-list` and `mcp-smoke/tools/{toolName}/call` on a server's live runtime. */
let t: TestApp;
let org: { id: string };
let other: { id: string };
let serverId: string;
const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => restCall(t.url, method, path, { headers: bearer(token), body });

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other } = await twoOrganizations(t));
  serverId = await registerServer(t.admin, { ...fixtureStdio(unique('smoke')), organizationId: org.id });
}, 60_000);
afterAll(() => t.stop());

describe('hosting-checks', () => {
  it('runs each check with its status, duration and message, for ?environment=prod only', async () => {
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${serverId}/hosting-checks`;
    const checked = await call('POST', `${base}?environment=prod`);
    expect(checked).toMatchObject({ status: 200, body: { environment: 'prod', ok: true } });
    expect(checked.body.checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ['dns', 'skipped'], ['routing', 'skipped'], ['tls', 'skipped'], ['runtime', 'passed'], ['tools', 'passed'],
    ]);
    expect(checked.body.checks[3]).toMatchObject({ durationMs: expect.any(Number), message: expect.stringMatching(/^running: legacy era/) });
    expect(await call('POST', `${base}?environment=staging`)).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/environment/) } } });
    expect((await call('POST', `/api/v1/organizations/${other.id}/mcp-servers/${serverId}/hosting-checks`)).status).toBe(404);
  });
});

describe('mcp-smoke', () => {
  it('lists the live runtime’s tools and calls one, as the page’s curl does', async () => {
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${serverId}/mcp-smoke`;
    const listed = await call('POST', `${base}/tools-list`);
    expect(listed).toMatchObject({ status: 200, body: { ok: true, error: null, tools: expect.arrayContaining([expect.objectContaining({ name: 'echo' })]) } });
    const called = await call('POST', `${base}/tools/echo/call`, { arguments: { text: 'over REST' } });
    expect(called).toMatchObject({ status: 200, body: { tool: 'echo', ok: true, isError: false, result: { content: [{ type: 'text', text: 'over REST' }] } } });
  });

  it('refuses another organization’s path, a viewer, a wrong body, and says so in the dialect’s shape', async () => {
    expect(await call('POST', `/api/v1/organizations/${other.id}/mcp-servers/${serverId}/mcp-smoke/tools-list`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const viewer = (await orgMember(t.admin, org.id, 'VIEWER')).token;
    expect((await call('POST', `/api/v1/organizations/${org.id}/mcp-servers/${serverId}/mcp-smoke/tools/echo/call`, { arguments: { text: 'x' } }, viewer)).status).toBe(403);
    const wrong = await call('POST', `/api/v1/organizations/${org.id}/mcp-servers/${serverId}/mcp-smoke/tools/echo/call`, { arguments: 'not an object' });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/arguments/) } } });
  });
});
