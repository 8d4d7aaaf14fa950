import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { FIXTURE, mcpClient } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember, twoOrganizations } from '../support/tenancy.ts';

/** Seed 002's servers and agents, for the kinds of server Switchboard runs today. */
let t: TestApp;
let org: { id: string };
let other: { id: string };
let developer: string;
const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => restCall(t.url, method, path, { headers: bearer(token), body });

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other } = await twoOrganizations(t));
  developer = (await orgMember(t.admin, org.id, 'DEVELOPER')).token;
}, 60_000);
afterAll(() => t.stop());

describe('MCP servers', () => {
  it('are registered, have their tools discovered and set, are read with them, updated and deleted', async () => {
    const slug = unique('support-api');
    const created = await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, { name: 'Support API', slug, transport: 'stdio', command: process.execPath, args: [FIXTURE] });
    expect(created).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^srv_/), organizationId: org.id, slug, name: 'Support API', status: 'draft', kind: 'mcp_server', toolCount: 0 } });
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${created.body.id}`;
    const discovered = await call('POST', `${base}/discover-tools`);
    expect(discovered.body.ok).toBe(true);
    const echo = discovered.body.tools.find((tool: { name: string }) => tool.name === 'echo');
    expect(echo).toMatchObject({ id: expect.stringMatching(/^tool_/), isEnabled: true, source: 'mcp_server' });

    const patched = await call('PATCH', `${base}/tools/${echo.id}`, { isEnabled: true, displayName: 'Echo', instructions: 'Use only after the user confirms.' }, developer);
    expect(patched.body).toMatchObject({ id: echo.id, displayName: 'Echo', instructions: 'Use only after the user confirms.' });
    const bulk = await call('PUT', `${base}/tools`, [{ id: echo.id, whenToUse: 'to test' }], developer);
    expect(bulk.body).toEqual([expect.objectContaining({ id: echo.id, whenToUse: 'to test', displayName: 'Echo' })]);
    expect((await call('PUT', `${base}/tools`, [{ id: 'tool_unknown', isEnabled: false }])).status).toBe(400);

    const read = await call('GET', base);
    expect(read.body).toMatchObject({ id: created.body.id, status: 'validated', toolCount: expect.any(Number) });
    expect(read.body.tools).toContainEqual(expect.objectContaining({ id: echo.id, displayName: 'Echo' }));
    expect((await call('GET', `${base}/config`)).body).toMatchObject({ transport: 'stdio', command: process.execPath, args: [FIXTURE], envNames: [] });
    expect((await call('GET', `${base}/deployment`)).body).toMatchObject({ serverId: created.body.id, status: 'validated' });
    expect((await call('PATCH', base, { description: 'Tickets' })).body.description).toBe('Tickets');
    expect((await call('GET', `/api/v1/organizations/${org.id}/mcp-servers`)).body).toContainEqual(expect.objectContaining({ id: created.body.id }));
    // Addressed through another organization's path, it is unknown.
    expect((await call('GET', `/api/v1/organizations/${other.id}/mcp-servers/${created.body.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/organizations/${other.id}/mcp-servers/${created.body.id}`)).status).toBe(404);
    expect((await call('DELETE', base)).status).toBe(204);
    expect((await call('GET', base)).status).toBe(404);
  });

  it('refuse a kind this release does not run, naming the field', async () => {
    const refused = await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, { name: 'Spec', kind: 'hosted_worker' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringContaining('kind') } } });
  });
});

describe('a server’s upstream credentials and call log', () => {
  it('name the headers sent upstream (never their values) and list the tool calls made through it', async () => {
    const remote = (await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, { name: 'Remote', slug: unique('remote'), transport: 'streamable_http', url: 'http://127.0.0.1:1/mcp' })).body;
    const auth = `/api/v1/organizations/${org.id}/mcp-servers/${remote.id}/auth-config`;
    expect((await call('GET', auth)).body).toEqual({ type: 'none', headerNames: [], envNames: [] });
    const set = await call('PUT', auth, { headers: { Authorization: 'Bearer upstream-secret' } });
    expect(set.body).toEqual({ type: 'headers', headerNames: ['Authorization'], envNames: [] });
    expect(JSON.stringify((await call('GET', `/api/v1/organizations/${org.id}/mcp-servers/${remote.id}`)).body)).not.toContain('upstream-secret');
    expect((await call('PUT', auth, { headers: { Authorization: 'x' } }, (await orgMember(t.admin, org.id, 'VIEWER')).token)).status).toBe(403);

    const local = (await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, { name: 'Logged', slug: unique('logged'), command: process.execPath, args: [FIXTURE] })).body;
    await call('POST', `/api/v1/organizations/${org.id}/mcp-servers/${local.id}/discover-tools`);
    const bot = (await call('POST', `/api/v1/organizations/${org.id}/agents`, { name: unique('logger'), mcpServerIds: [local.id] })).body;
    const client = await mcpClient(t.url, bot.token);
    await client.callTool({ name: `${local.slug}__echo`, arguments: { text: 'logged' } });
    await client.close();
    const logs = await call('GET', `/api/v1/organizations/${org.id}/mcp-servers/${local.id}/logs?limit=10`);
    expect(logs.body).toMatchObject({ total: 1, limit: 10, offset: 0, logs: [{ toolName: 'echo', status: 'success', actor: bot.name }] });
    expect((await call('GET', `/api/v1/organizations/${org.id}/mcp-servers/${local.id}/logs?limit=many`)).status).toBe(400);
  });
});

describe('agents', () => {
  it('are created with the servers they may use by id, read, changed and deleted', async () => {
    const server = (await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, { name: 'Notes', slug: unique('notes'), command: process.execPath, args: [FIXTURE] })).body;
    await call('POST', `/api/v1/organizations/${org.id}/mcp-servers/${server.id}/discover-tools`);
    const made = await call('POST', `/api/v1/organizations/${org.id}/agents`, { name: unique('support-bot'), description: 'Answers tickets', mcpServerIds: [server.id] });
    expect(made).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^agt_/), mcpServerIds: [server.id], allServers: false, token: expect.stringMatching(/^sba_/) } });
    const client = await mcpClient(t.url, made.body.token);
    expect((await client.listTools()).tools.every((tool) => tool.name.startsWith(`${server.slug}__`))).toBe(true);
    await client.close();
    const path = `/api/v1/organizations/${org.id}/agents/${made.body.id}`;
    expect((await call('GET', path)).body).toMatchObject({ id: made.body.id, description: 'Answers tickets' });
    expect((await call('GET', path)).body.token).toBeUndefined();
    expect((await call('PATCH', path, { mcpServerIds: [] })).body.mcpServerIds).toEqual([]);
    expect(await call('PATCH', path, { mcpServerIds: ['srv_unknown'] })).toMatchObject({ status: 404 });
    expect((await call('GET', `/api/v1/organizations/${org.id}/agents`)).body).toContainEqual(expect.objectContaining({ id: made.body.id }));
    expect((await call('GET', `/api/v1/organizations/${other.id}/agents/${made.body.id}`)).status).toBe(404);
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
  });
});
