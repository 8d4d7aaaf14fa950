import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { createUser, unique } from '../support/fixtures.ts';
import { FIXTURE } from '../support/mcp.ts';

/** Seed 004 (Ambassador): its admin API's examples, as written, against Switchboard. */
let t: TestApp;
let cookie: string;

type Credential = { cookie: string } | { adminKey: string } | { bearer: string } | null;

async function call(method: string, path: string, options: { as?: Credential; body?: unknown; raw?: string } = {}) {
  const as = options.as === undefined ? { adminKey: ADMIN_TOKEN } : options.as;
  const headers: Record<string, string> = {};
  if (as && 'cookie' in as) headers.cookie = as.cookie;
  if (as && 'adminKey' in as) headers['x-admin-key'] = as.adminKey;
  if (as && 'bearer' in as) headers.authorization = `Bearer ${as.bearer}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${path}`, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  t = await startTestApp();
  await t.admin.data(`mutation { createUser(input: { username: "amb-admin", password: "admin123-long", role: ADMIN }) { user { id } } }`);
  const login = await call('POST', '/v1/admin/login', { as: null, body: { username: 'amb-admin', password: 'admin123-long' } });
  expect(login.status).toBe(200);
  expect(login.body.token).toEqual(expect.any(String));
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
}, 60_000);
afterAll(() => t.stop());

describe('authentication', () => {
  it('takes the session cookie from login or the X-Admin-Key header; anything else is 401 in the seed’s shape', async () => {
    expect((await call('GET', '/v1/admin/users', { as: { cookie } })).status).toBe(200);
    expect((await call('GET', '/v1/admin/users', { as: { adminKey: ADMIN_TOKEN } })).status).toBe(200);
    expect(await call('GET', '/v1/admin/users', { as: null })).toMatchObject({ status: 401, body: { error: 'Unauthorized', details: expect.any(String) } });
    expect(await call('POST', '/v1/admin/login', { as: null, body: { username: 'amb-admin', password: 'wrong-password' } })).toMatchObject({ status: 401 });
    const person = await createUser(t.admin);
    expect(await call('GET', '/v1/admin/users', { as: { bearer: person.token } })).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    expect(await call('GET', '/health', { as: null })).toMatchObject({ status: 200, body: { status: 'ok', version: expect.any(String), admin: true } });
  });
});

describe('users', () => {
  it('are created, read with groups and client count, updated, given a password, deactivated; keys for clients come and go', async () => {
    const username = unique('alice');
    const created = await call('POST', '/v1/admin/users', { as: { cookie }, body: { username, email: `${username}@example.com`, password: 'initial-password', is_admin: false } });
    expect(created).toMatchObject({ status: 201, body: { username, email: `${username}@example.com`, is_admin: false, active: true, last_login: null } });
    const id = created.body.id;
    expect((await call('GET', '/v1/admin/users')).body).toContainEqual(expect.objectContaining({ id, username }));
    expect((await call('GET', `/v1/admin/users/${id}`)).body).toMatchObject({ id, groups: [], client_count: 0 });
    expect((await call('PUT', `/v1/admin/users/${id}`, { body: { display_name: 'Alice A.', email: `${username}@corp.example` } })).body)
      .toMatchObject({ display_name: 'Alice A.', email: `${username}@corp.example`, active: true });
    expect((await call('POST', `/v1/admin/users/${id}/reset-password`, { body: { password: 'a-new-password' } })).status).toBe(204);
    expect((await call('POST', '/v1/admin/login', { as: null, body: { username, password: 'a-new-password' } })).status).toBe(200);

    const key = await call('POST', `/v1/admin/users/${id}/preshared-keys`, { body: { label: 'Claude Desktop - Work Laptop' } });
    expect(key).toMatchObject({ status: 201, body: { key: expect.stringMatching(/^sbp_/), label: 'Claude Desktop - Work Laptop', id: expect.any(String) } });
    const keys = (await call('GET', `/v1/admin/users/${id}/preshared-keys`)).body;
    expect(keys).toEqual([expect.objectContaining({ id: key.body.id, label: 'Claude Desktop - Work Laptop', used: false, revoked: false })]);
    expect(JSON.stringify(keys)).not.toContain(key.body.key);
    const other = (await call('POST', '/v1/admin/users', { body: { username: unique('bob') } })).body.id;
    expect(await call('DELETE', `/v1/admin/users/${other}/preshared-keys/${key.body.id}`)).toMatchObject({ status: 404, body: { error: 'Not found' } });
    expect((await call('DELETE', `/v1/admin/users/${id}/preshared-keys/${key.body.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/admin/users/${id}/preshared-keys`)).body[0].revoked).toBe(true);

    expect((await call('DELETE', `/v1/admin/users/${id}`)).body).toMatchObject({ id, active: false });
    expect((await call('POST', '/v1/admin/login', { as: null, body: { username, password: 'a-new-password' } })).status).toBe(401);
  });

  it('refuse a taken username, a missing field and an unknown id, saying what was wrong', async () => {
    expect(await call('POST', '/v1/admin/users', { body: { username: 'amb-admin' } })).toMatchObject({ status: 409, body: { error: 'Conflict' } });
    expect(await call('POST', '/v1/admin/users', { body: { email: 'x@example.com' } })).toMatchObject({ status: 400, body: { error: 'Validation error', details: expect.stringContaining('username') } });
    expect(await call('POST', '/v1/admin/users', { raw: '{"username":' })).toMatchObject({ status: 400, body: { error: 'Validation error' } });
    expect(await call('GET', '/v1/admin/users/usr_unknown')).toMatchObject({ status: 404, body: { error: 'Not found' } });
  });
});

describe('groups and the catalog', () => {
  it('go from a new MCP to a validated, published, assigned, killed and archived one', async () => {
    const name = unique('github');
    const mcp = await call('POST', '/v1/admin/mcps', { as: { cookie }, body: {
      name, display_name: 'GitHub', description: 'GitHub API', transport: 'stdio', command: process.execPath, args: [FIXTURE],
      env_schema: [{ name: 'GITHUB_PERSONAL_ACCESS_TOKEN', description: 'PAT', required: false, secret: true, scope: 'user' }], isolation: 'shared', tags: ['code'],
    } });
    expect(mcp).toMatchObject({ status: 201, body: { name, display_name: 'GitHub', transport: 'stdio', status: 'draft', killed: false, env_schema: [{ name: 'GITHUB_PERSONAL_ACCESS_TOKEN', scope: 'user' }] } });
    const id = mcp.body.id;
    const validated = await call('POST', `/v1/admin/mcps/${id}/validate`);
    expect(validated.body).toMatchObject({ status: 'ok' });
    expect(validated.body.tools).toContain(`${name}.echo`);
    expect((await call('POST', `/v1/admin/mcps/${id}/publish`)).body.status).toBe('published');
    expect((await call('GET', '/v1/admin/mcps')).body).toContainEqual(expect.objectContaining({ id, status: 'published' }));

    const group = await call('POST', '/v1/admin/groups', { as: { cookie }, body: { name: unique('engineers'), description: 'Engineering team' } });
    expect(group).toMatchObject({ status: 201, body: { description: 'Engineering team', members: [], mcps: [] } });
    const member = (await call('POST', '/v1/admin/users', { body: { username: unique('eng') } })).body.id;
    expect((await call('PUT', `/v1/admin/groups/${group.body.id}/members`, { body: { add: [member] } })).body.members).toEqual([expect.objectContaining({ id: member })]);
    expect((await call('PUT', `/v1/admin/groups/${group.body.id}/mcps`, { body: { add: [id] } })).body.mcps).toEqual([{ id, name }]);
    expect((await call('GET', `/v1/admin/users/${member}`)).body.groups).toEqual([{ id: group.body.id, name: group.body.name }]);
    expect((await call('GET', '/v1/admin/groups')).body).toContainEqual(expect.objectContaining({ id: group.body.id }));
    expect((await call('PUT', `/v1/admin/groups/${group.body.id}/mcps`, { body: { remove: [id] } })).body.mcps).toEqual([]);

    expect((await call('PUT', `/v1/admin/mcps/${id}/tools/echo/kill`, { body: { active: true, reason: 'Investigating unexpected behavior' } })).body)
      .toEqual({ tool_name: 'echo', killed: true, kill_reason: 'Investigating unexpected behavior' });
    expect(await call('PUT', `/v1/admin/mcps/${id}/tools/nope/kill`, { body: { active: true } })).toMatchObject({ status: 404 });
    expect((await call('PUT', `/v1/admin/mcps/${id}/kill`, { body: { active: true, reason: 'Security incident' } })).body).toMatchObject({ killed: true, kill_reason: 'Security incident' });
    expect(await call('PUT', `/v1/admin/mcps/${id}/kill`, { body: { reason: 'no active flag' } })).toMatchObject({ status: 400, body: { details: expect.stringContaining('active') } });
    expect((await call('POST', `/v1/admin/mcps/${id}/archive`)).body.status).toBe('archived');
  });
});

describe('the audit log', () => {
  it('pages with limit and offset and filters by type, in the seed’s event shape', async () => {
    const page = await call('GET', '/v1/admin/audit?limit=2&offset=0&type=login_success');
    expect(page).toMatchObject({ status: 200, body: { limit: 2, offset: 0, total: expect.any(Number) } });
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(page.body.events).toHaveLength(2);
    expect(page.body.events[0]).toEqual({
      id: expect.any(String), event_type: 'login_success', timestamp: expect.any(String), correlation_id: expect.any(String), user_username: expect.any(String),
      client_label: null, mcp_name: null, tool_name: null, result_status: 'success', duration_ms: expect.any(Number),
    });
    expect(await call('GET', '/v1/admin/audit?limit=lots')).toMatchObject({ status: 400, body: { error: 'Validation error', details: expect.stringContaining('limit') } });
    expect(await call('GET', '/v1/admin/audit?from=yesterday')).toMatchObject({ status: 400 });
  });
});
