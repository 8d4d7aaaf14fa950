import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { createUser, unique } from '../support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer } from '../support/mcp.ts';

/** Seed 000 (MCPJungle): every curl example of its page, as written, against Switchboard. */
let t: TestApp;
let serverName: string;

async function rest(method: string, path: string, options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(options.body !== undefined && { 'content-type': 'application/json' }), ...options.headers },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function mcpWorks(token: string) {
  const response = await fetch(`${t.url}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  return response.status === 200;
}

beforeAll(async () => {
  t = await startTestApp();
  serverName = unique('jungle');
  await readyServer(t.admin, fixtureStdio(serverName));
}, 60_000);
afterAll(() => t.stop());

describe('MCP clients (/api/v0/clients)', () => {
  it('are created with a generated or chosen token, listed masked, replaced and deleted by name', async () => {
    const name = unique('cursor');
    const created = await rest('POST', '/api/v0/clients', { body: { name, description: 'Cursor on my laptop', allow_list: [serverName] } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name, description: 'Cursor on my laptop', access_token: expect.stringMatching(/^sba_/), is_custom_access_token: false, allow_list: [serverName] });
    const client = await mcpClient(t.url, created.body.access_token);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain(`${serverName}__echo`);
    await client.close();

    const listed = await rest('GET', '/api/v0/clients');
    expect(listed.status).toBe(200);
    const entry = listed.body.find((c: { name: string }) => c.name === name);
    expect(entry).toMatchObject({ name, is_custom_access_token: false, allow_list: [serverName] });
    expect(entry.access_token).not.toBe(created.body.access_token);
    expect(entry.access_token).toContain('*');

    // PUT replaces: the description it leaves out is cleared; a chosen token replaces the old one.
    const chosen = `Chosen-client-token-${unique('v')}-Q9z7`;
    const replaced = await rest('PUT', `/api/v0/clients/${name}`, { body: { name: 'ignored', allow_list: ['*'], access_token: chosen } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ name, description: '', access_token: chosen, is_custom_access_token: true, allow_list: ['*'] });
    expect(await mcpWorks(created.body.access_token)).toBe(false);
    expect(await mcpWorks(chosen)).toBe(true);

    const deleted = await rest('DELETE', `/api/v0/clients/${name}`);
    expect(deleted).toMatchObject({ status: 204, body: undefined });
    expect(await mcpWorks(chosen)).toBe(false);
    expect(await rest('DELETE', `/api/v0/clients/${name}`)).toMatchObject({ status: 404, body: { error: expect.stringMatching(/not found/i) } });
  });

  it('refuse a duplicate name, a missing name and a bad allow list, naming what is wrong', async () => {
    const name = unique('dup');
    expect((await rest('POST', '/api/v0/clients', { body: { name, allow_list: [] } })).status).toBe(201);
    expect(await rest('POST', '/api/v0/clients', { body: { name, allow_list: [] } })).toMatchObject({ status: 409, body: { error: expect.any(String) } });
    const missing = await rest('POST', '/api/v0/clients', { body: { allow_list: [] } });
    expect(missing).toMatchObject({ status: 400, body: { error: expect.stringContaining('name') } });
    expect((await rest('POST', '/api/v0/clients', { body: { name: unique('bad'), allow_list: 'everything' } })).body.error).toContain('allow_list');
    // Refused by the operation itself: named as the caller sent it, not by GraphQL's name.
    const badName = await rest('POST', '/api/v0/clients', { body: { name: unique('bad'), allow_list: ['Not A Server!'] } });
    expect(badName).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^allow_list\.0: /) } });
    expect((await rest('POST', '/api/v0/clients', { body: { name: unique('weak'), access_token: 'short' } })).body.error).toMatch(/^access_token: /);
  });
});

describe('users (/api/v0/users)', () => {
  it('are created with a token, listed without one, renamed, re-tokened and deleted; whoami names the caller', async () => {
    const username = unique('alice');
    const created = await rest('POST', '/api/v0/users', { body: { username, role: 'user' } });
    expect(created).toMatchObject({ status: 201, body: { username, role: 'user', access_token: expect.stringMatching(/^sbu_/) } });
    const whoami = await rest('GET', '/api/v0/users/whoami', { token: created.body.access_token });
    expect(whoami).toEqual({ status: 200, headers: expect.anything(), body: { username, role: 'user' } });

    const listed = await rest('GET', '/api/v0/users');
    expect(listed.body).toContainEqual({ username, role: 'user' });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.access_token);

    const renamed = `${username}-2`;
    const chosen = `Chosen-user-token-${unique('v')}-Q9z7`;
    const updated = await rest('PUT', `/api/v0/users/${username}`, { body: { username: renamed, role: 'admin', access_token: chosen } });
    expect(updated).toMatchObject({ status: 200, body: { username: renamed, role: 'admin', access_token: chosen } });
    expect((await rest('GET', '/api/v0/users/whoami', { token: created.body.access_token })).status).toBe(401);
    expect((await rest('GET', '/api/v0/users/whoami', { token: chosen })).body).toEqual({ username: renamed, role: 'admin' });
    // Omitting the token keeps it.
    expect((await rest('PUT', `/api/v0/users/${renamed}`, { body: { role: 'user' } })).body).toEqual({ username: renamed, role: 'user' });
    expect((await rest('GET', '/api/v0/users/whoami', { token: chosen })).status).toBe(200);

    expect((await rest('DELETE', `/api/v0/users/${renamed}`)).status).toBe(204);
    expect((await rest('GET', '/api/v0/users/whoami', { token: chosen })).status).toBe(401);
    expect((await rest('PUT', `/api/v0/users/${renamed}`, { body: { role: 'user' } })).status).toBe(404);
  });
});

describe('a chosen token on PUT /users', () => {
  it('replaces the person’s own token, never a key of theirs scoped to a project', async () => {
    const username = unique('keyed');
    const first = (await rest('POST', '/api/v0/users', { body: { username } })).body.access_token;
    const user = (await t.admin.data(`query($u: String!) { user(username: $u) { id credentials { edges { node { id } } } } }`, { u: username })).user;
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }`, { id: user.credentials.edges[0].node.id });
    const project = (await t.admin.data(`mutation($n: String!) { createProject(input: { name: $n }) { project { id } } }`, { n: unique('prj') })).createProject.project.id;
    await t.admin.data(`mutation($p: ID!, $u: ID!) { addProjectMembers(input: { projectId: $p, userIds: [$u] }) { project { id } } }`, { p: project, u: user.id });
    // The project key is older than the person's own token, so it comes first among their active API tokens.
    const key = (await t.admin.data(`mutation($p: ID!, $u: ID!) { createProjectApiKey(input: { projectId: $p, userId: $u }) { token } }`, { p: project, u: user.id })).createProjectApiKey.token;
    const own = (await t.admin.data(`mutation($u: ID!) { createApiToken(input: { name: "own", userId: $u }) { token } }`, { u: user.id })).createApiToken.token;
    const chosen = `Chosen-user-token-${unique('v')}-Z8x6`;
    expect((await rest('PUT', `/api/v0/users/${username}`, { body: { access_token: chosen } })).body.access_token).toBe(chosen);
    expect((await rest('GET', '/api/v0/users/whoami', { token: own })).status).toBe(401);
    expect((await rest('GET', '/api/v0/users/whoami', { token: chosen })).status).toBe(200);
    expect((await rest('GET', '/api/v0/users/whoami', { token: key })).status).toBe(200);
    expect((await rest('GET', '/api/v0/users/whoami', { token: first })).status).toBe(401);
  });
});

describe('the dialect’s refusals', () => {
  it('answer in MCPJungle’s shape with the right status, and change nothing', async () => {
    const user = await createUser(t.admin);
    const count = async () => (await rest('GET', '/api/v0/clients')).body.length;
    const before = await count();
    expect(await rest('GET', '/api/v0/clients', { token: null })).toMatchObject({ status: 401, body: { error: expect.any(String) } });
    expect((await rest('GET', '/api/v0/clients', { token: null })).headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await rest('GET', '/api/v0/clients', { token: 'not-a-real-token-0123456789abcdef' })).toMatchObject({ status: 401 });
    expect(await rest('POST', '/api/v0/users', { token: user.token, body: { username: unique('x') } })).toMatchObject({ status: 403, body: { error: expect.any(String) } });
    expect(await rest('POST', '/api/v0/clients', { raw: '{"name": "cut', headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/JSON/) } });
    expect(await rest('POST', '/api/v0/clients', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({ status: 415 });
    expect(await rest('POST', '/api/v0/clients', { body: { name: 'x'.repeat(2 * 1024 * 1024) } })).toMatchObject({ status: 413 });
    expect(await rest('POST', '/api/v0/clients', { body: JSON.parse('{"__proto__": {"admin": true}, "name": 5}') })).toMatchObject({ status: 400 });
    expect(await rest('GET', '/api/v0/nothing-here')).toMatchObject({ status: 404, body: { error: expect.any(String) } });
    expect(await rest('PATCH', '/api/v0/clients')).toMatchObject({ status: 405, body: { error: expect.any(String) } });
    expect(await rest('GET', '/api/v0/clients/%E0%A4%A')).toMatchObject({ status: 404 });
    expect(await count()).toBe(before);
  });

  it('a REST request leaves the one audit event its GraphQL operation leaves', async () => {
    const correlationId = unique('corr-rest');
    const created = await fetch(`${t.url}/api/v0/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({ name: unique('audited'), allow_list: [] }),
    });
    expect(created.status).toBe(201);
    const events = await t.admin.data(`query($c: String!) { auditLog(filter: { correlationId: $c }) { events { type status } } }`, { c: correlationId });
    expect(events.auditLog.events).toEqual([{ type: 'agent_created', status: 'SUCCESS' }]);
  });
});
