import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createUser, unique, type CreatedUser } from '../support/fixtures.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember } from '../support/tenancy.ts';

/** Seed 002 (MCP Stack): organizations, members, invitations, service-account keys and checks, as its examples make them. */
let t: TestApp;
let founder: CreatedUser;
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = bearer(founder.token)) => restCall(t.url, method, path, { headers, body });

beforeAll(async () => {
  t = await startTestApp();
  founder = await createUser(t.admin);
}, 60_000);
afterAll(() => t.stop());

describe('organizations and members', () => {
  it('are created, read, updated, listed with their members, and deleted', async () => {
    const slug = unique('acme').toLowerCase();
    const created = await call('POST', '/api/v1/organizations', { name: 'Acme', slug });
    expect(created).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^org_/), slug, name: 'Acme', planTier: 'free', mcpServerCount: 0, memberCount: 1, createdOn: expect.any(String), publicMcpGuidesEnabled: true } });
    const orgId = created.body.id;
    expect((await call('GET', '/api/v1/organizations')).body).toContainEqual(expect.objectContaining({ id: orgId }));
    expect((await call('PATCH', `/api/v1/organizations/${orgId}`, { name: 'Acme Corp' })).body).toMatchObject({ id: orgId, name: 'Acme Corp' });
    const members = (await call('GET', `/api/v1/organizations/${orgId}/members`)).body;
    expect(members).toEqual([expect.objectContaining({ principalId: founder.id, username: founder.username, role: 'admin' })]);

    const teammate = await createUser(t.admin);
    await t.admin.data(`mutation($i: OrganizationMemberInput!) { addMember(input: $i) { member { id } } }`, { i: { organizationId: orgId, userId: teammate.id, role: 'VIEWER' } });
    expect((await call('PATCH', `/api/v1/organizations/${orgId}/members/${teammate.id}`, { role: 'developer' })).body).toMatchObject({ principalId: teammate.id, role: 'developer' });
    expect(await call('PATCH', `/api/v1/organizations/${orgId}/members/${founder.id}`, { role: 'viewer' })).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(await call('PATCH', `/api/v1/organizations/${orgId}/members/${teammate.id}`, { role: 'owner' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('role') } } });
    // Authenticated but without the grant: 403; not authenticated: 401.
    expect(await call('DELETE', `/api/v1/organizations/${orgId}`, undefined, bearer(teammate.token))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await call('GET', `/api/v1/organizations/${orgId}`, undefined, {})).status).toBe(401);
    expect((await call('DELETE', `/api/v1/organizations/${orgId}/members/${teammate.id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/organizations/${orgId}`, undefined, bearer(teammate.token))).status).toBe(404);
    expect((await call('DELETE', `/api/v1/organizations/${orgId}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/organizations/${orgId}`)).status).toBe(404);
  });
});

describe('invitations', () => {
  it('are sent with their link once, listed, resent and revoked, in the seed’s shape', async () => {
    const orgId = (await call('POST', '/api/v1/organizations', { name: 'Invites', slug: unique('inv').toLowerCase() })).body.id;
    const sent = await call('POST', `/api/v1/organizations/${orgId}/invitations`, { email: 'teammate@example.com', role: 'developer' });
    expect(sent).toMatchObject({ status: 201, body: {
      id: expect.stringMatching(/^inv_/), organizationId: orgId, organizationName: 'Invites', email: 'teammate@example.com', role: 'developer', status: 'pending',
      inviteUrl: expect.stringContaining('#sbi_'), acceptedAt: null, acceptedByUserId: null, revokedAt: null, revokedReason: null,
    } });
    const listed = (await call('GET', `/api/v1/organizations/${orgId}/invitations`)).body;
    expect(listed).toEqual([expect.objectContaining({ id: sent.body.id })]);
    expect(listed[0].inviteUrl).toBeUndefined();
    const elsewhere = (await call('POST', '/api/v1/organizations', { name: 'Other', slug: unique('oth').toLowerCase() })).body.id;
    expect((await call('POST', `/api/v1/organizations/${elsewhere}/invitations/${sent.body.id}/revoke`, {})).status).toBe(404);
    expect((await call('POST', `/api/v1/organizations/${orgId}/invitations/${sent.body.id}/revoke`, { reason: 'sent by mistake' })).body).toMatchObject({ status: 'revoked', revokedReason: 'sent by mistake' });
  });
});

describe('service-account keys', () => {
  it('are created with a role and shown once, work as Bearer or X-API-Key, are listed masked and revoked', async () => {
    const orgId = (await call('POST', '/api/v1/organizations', { name: 'Keys', slug: unique('keys').toLowerCase() })).body.id;
    expect((await call('GET', `/api/v1/organizations/${orgId}/api-keys/roles`)).body).toContainEqual({ key: 'developer', name: 'Developer' });
    const key = await call('POST', `/api/v1/organizations/${orgId}/api-keys`, { name: 'automation-bot', roleKey: 'developer' });
    expect(key).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^cred_/), name: 'automation-bot', clientId: expect.stringMatching(/^sbk_/), fullKey: expect.stringMatching(/^sbk_/), expiresAt: null, roleKey: 'developer', roleName: 'Developer' } });
    const fullKey = key.body.fullKey;
    expect((await call('GET', `/api/v1/organizations/${orgId}`, undefined, { 'x-api-key': fullKey })).status).toBe(200);
    expect((await call('GET', `/api/v1/organizations/${orgId}/members`, undefined, bearer(fullKey))).status).toBe(200);
    // A developer key does not manage keys.
    expect((await call('POST', `/api/v1/organizations/${orgId}/api-keys`, { name: 'escalate', roleKey: 'admin' }, { 'x-api-key': fullKey })).status).toBe(403);
    const listed = (await call('GET', `/api/v1/organizations/${orgId}/api-keys`)).body;
    expect(listed).toEqual([expect.objectContaining({ id: key.body.id, name: 'automation-bot', roleKey: 'developer' })]);
    expect(JSON.stringify(listed)).not.toContain(fullKey);
    expect((await call('POST', `/api/v1/organizations/${orgId}/authorization/check`, { actions: ['server.write', 'organization.delete'] }, { 'x-api-key': fullKey })).body)
      .toEqual({ results: [{ action: 'server.write', allowed: true }, { action: 'organization.delete', allowed: false }] });
    const personal = (await orgMember(t.admin, orgId, 'VIEWER')).token;
    expect((await call('DELETE', `/api/v1/organizations/${orgId}/api-keys/${key.body.id}`, undefined, bearer(personal))).status).toBe(403);
    expect((await call('DELETE', `/api/v1/organizations/${orgId}/api-keys/${key.body.id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/organizations/${orgId}`, undefined, { 'x-api-key': fullKey })).status).toBe(401);
  });

  it('who am I answers for a person and for a key', async () => {
    const me = await call('GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ id: founder.id, kind: 'user', username: founder.username, systemRole: 'user' });
    expect((await call('GET', '/api/v1/cli/whoami')).body).toEqual(me.body);
    const orgId = (await call('POST', '/api/v1/organizations', { name: 'Stats', slug: unique('stats').toLowerCase() })).body.id;
    expect((await call('GET', `/api/v1/dashboard/stats?organizationId=${orgId}`)).body).toEqual({ organizationId: orgId, mcpServerCount: 0, memberCount: 1 });
    // In several organizations, the caller names one.
    expect((await call('GET', '/api/v1/dashboard/stats')).status).toBe(400);
  });

  it('gives a command-line client its bootstrap config without credentials, with URLs that answer', async () => {
    const config = await restCall(t.url, 'GET', '/api/v1/cli/config');
    expect(config).toMatchObject({ status: 200, body: { apiUrl: `${t.url}/api/v1`, graphqlUrl: `${t.url}/graphql`, mcpUrl: `${t.url}/mcp`, auth: { schemes: ['bearer', 'x-api-key'] } } });
    const whoami = await fetch(`${t.url}${config.body.auth.whoamiPath}`, { headers: { authorization: `Bearer ${founder.token}` } });
    expect(await whoami.json()).toMatchObject({ username: founder.username });
    expect((await fetch(config.body.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});
