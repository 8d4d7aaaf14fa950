import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credential } from '../src/db/credential.entity.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createUser, unique } from './support/fixtures.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { createOrganization, orgMember, serviceAccount, type OrgRole } from './support/tenancy.ts';

interface Tenant { id: string; admin: GraphQLClient; server: { id: string; tools: Record<string, string> } }
let t: TestApp;
let a: Tenant, b: Tenant;
const clients: Client[] = [];

const ISSUE = `mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) {
  serviceAccount { id name role keys { id clientId maskedToken } } credential { id clientId maskedToken expiresAt kind } key } }`;
const ADD_KEY = `mutation($i: CreateServiceAccountKeyInput!) { createServiceAccountKey(input: $i) { credential { id } key } }`;
const UPDATE = `mutation($i: UpdateServiceAccountInput!) { updateServiceAccount(input: $i) { serviceAccount { role } } }`;
const REVOKE = `mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`;
const WHOAMI = `{ viewer { kind username organizationRole organization { id } } }`;
const CREATE_SERVER = `mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`;
const httpServer = (organizationId: string) => ({ organizationId, name: unique('http'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:1/mcp' });

/** An organization founded by a person of its own (its admin), with a live fixture server registered by the system admin. */
async function tenant(name: string): Promise<Tenant> {
  const founder = t.client((await createUser(t.admin)).token);
  const { id } = await createOrganization(founder);
  return { id, admin: founder, server: await readyServer(t.admin, fixtureStdio(name, { organizationId: id })) };
}

/** The names of an organization's service accounts, as its admin lists them. */
const namesIn = async (orgId: string): Promise<string[]> =>
  (await a.admin.data(`query($o: ID) { serviceAccounts(organizationId: $o, first: 100) { edges { node { name } } } }`, { o: orgId }))
    .serviceAccounts.edges.map((e: { node: { name: string } }) => e.node.name);
const keyOf = (role: OrgRole, org = a) => serviceAccount(org.admin, org.id, role);
const asKey = (key: string) => t.client(key);
const connect = async (key: string) => clients[clients.push(await mcpClient(t.url, key)) - 1]!;

/** tools/list on /mcp over a raw POST, the key in X-API-Key: the status and the tool names. */
async function toolsWithApiKey(key: string) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': key };
  const response = await fetch(`${t.url}/mcp`, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  const body = (await response.json()) as { result?: { tools: { name: string }[] } };
  return { status: response.status, names: body.result?.tools.map((tool) => tool.name).sort() ?? [] };
}

beforeAll(async () => {
  t = await startTestApp();
  [a, b] = [await tenant('alpha'), await tenant('beta')];
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await t?.stop();
});

describe('service accounts', () => {
  it('issue an sbk_ key shown once, a viewer unless told; reading the account again shows only its mask', async () => {
    const name = unique('ci-bot');
    const { createServiceAccount: issued } = await a.admin.data(ISSUE, { i: { organizationId: a.id, name, description: 'deploys' } });
    const key: string = issued.key;
    expect(key).toMatch(/^sbk_[0-9a-f]{8}_[A-Za-z0-9]+$/);
    const clientId = key.split('_').slice(0, 2).join('_');
    expect(issued.credential).toEqual({ id: expect.any(String), clientId, maskedToken: `${clientId}_*******${key.slice(-4)}`, expiresAt: null, kind: 'SERVICE_KEY' });
    expect(issued.serviceAccount).toMatchObject({ name, role: 'VIEWER', keys: [{ id: issued.credential.id, clientId, maskedToken: issued.credential.maskedToken }] });

    const again = await a.admin.request(`query($id: ID!, $org: ID) { serviceAccount(id: $id) { name keys { id maskedToken } }
      serviceAccounts(organizationId: $org) { edges { node { id keys { clientId } } } } }`, { id: issued.serviceAccount.id, org: a.id });
    expect(again.data?.serviceAccount.keys).toEqual([{ id: issued.credential.id, maskedToken: issued.credential.maskedToken }]);
    expect(JSON.stringify(again)).toContain(clientId);
    expect(JSON.stringify(again)).not.toContain(key.slice(13));
    expect((await asKey(key).data(WHOAMI)).viewer).toEqual({ kind: 'SERVICE_ACCOUNT', username: name, organizationRole: 'VIEWER', organization: { id: a.id } });
  });

  it('refuse a duplicate name in the organization with CONFLICT; another organization may use it', async () => {
    const name = unique('dup');
    await a.admin.data(ISSUE, { i: { organizationId: a.id, name } });
    expect(codeOf(await a.admin.request(ISSUE, { i: { organizationId: a.id, name, role: 'ADMIN' } }))).toBe('CONFLICT');
    expect(codeOf(await b.admin.request(ISSUE, { i: { organizationId: b.id, name } }))).toBe('OK');
    expect((await namesIn(a.id)).filter((n) => n === name)).toHaveLength(1);
  });

  it('are managed by the organization’s admins only: developers and viewers FORBIDDEN, another organization’s admin NOT_FOUND', async () => {
    const account = await keyOf('VIEWER');
    for (const role of ['DEVELOPER', 'VIEWER'] as const) {
      const member = t.client((await orgMember(t.admin, a.id, role)).token);
      expect(codeOf(await member.request(ISSUE, { i: { organizationId: a.id, name: unique('sa') } }))).toBe('FORBIDDEN');
      expect(codeOf(await member.request(UPDATE, { i: { id: account.id, role: 'ADMIN' } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await b.admin.request(ISSUE, { i: { organizationId: a.id, name: unique('sa') } }))).toBe('NOT_FOUND');
    expect(codeOf(await b.admin.request(ADD_KEY, { i: { serviceAccountId: account.id } }))).toBe('NOT_FOUND');
    expect(codeOf(await b.admin.request(REVOKE, { id: account.credential.id }))).toBe('NOT_FOUND');
    expect((await asKey(account.key).data(WHOAMI)).viewer.organizationRole).toBe('VIEWER');
  });

  it('offer the key roles by name', async () => {
    const roles = (await asKey((await keyOf('VIEWER')).key).data(`{ keyRoles { key name } }`)).keyRoles;
    expect(roles).toEqual([{ key: 'admin', name: 'Admin' }, { key: 'developer', name: 'Developer' }, { key: 'viewer', name: 'Viewer' }]);
  });
});

describe('a service key', () => {
  it('authenticates as a bearer token and in X-API-Key, as its account with its role in its organization', async () => {
    const account = await keyOf('DEVELOPER');
    const expected = { kind: 'SERVICE_ACCOUNT', organizationRole: 'DEVELOPER', organization: { id: a.id } };
    expect((await asKey(account.key).data(WHOAMI)).viewer).toMatchObject(expected);
    expect((await t.client(null).request(WHOAMI, {}, { 'x-api-key': account.key })).data?.viewer).toMatchObject(expected);
    const forged = account.key.slice(0, -1) + (account.key.endsWith('A') ? 'B' : 'A');
    expect((await asKey(forged).request(WHOAMI)).status).toBe(401);
    expect((await t.client(null).request(WHOAMI, {}, { 'x-api-key': 'x'.repeat(10_000) })).status).toBe(401);
  });

  it('acts with its role in its organization only', async () => {
    const developer = asKey((await keyOf('DEVELOPER')).key);
    const viewer = asKey((await keyOf('VIEWER')).key);
    expect(codeOf(await developer.request(CREATE_SERVER, { i: httpServer(a.id) }))).toBe('OK');
    expect(codeOf(await developer.request(CREATE_SERVER, { i: fixtureStdio(unique('cmd'), { organizationId: a.id }) }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(CREATE_SERVER, { i: httpServer(a.id) }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(`query($id: ID!) { mcpServer(id: $id) { name } }`, { id: a.server.id }))).toBe('OK');
    for (const key of [developer, viewer]) {
      expect(codeOf(await key.request(CREATE_SERVER, { i: httpServer(b.id) }))).toBe('NOT_FOUND');
      expect(codeOf(await key.request(`query($id: ID!) { mcpServer(id: $id) { name } }`, { id: b.server.id }))).toBe('NOT_FOUND');
      expect(codeOf(await key.request(`query($o: ID) { mcpServers(filter: { organizationId: $o }) { totalCount } }`, { o: b.id }))).toBe('NOT_FOUND');
    }
  });

  it('on /mcp: a developer sees and calls its organization’s live servers’ tools, a viewer none, neither another organization’s', async () => {
    const developer = await keyOf('DEVELOPER');
    const alphaTools = Object.keys(a.server.tools).map((n) => `alpha__${n}`).sort();
    const client = await connect(developer.key);
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(alphaTools);
    expect(textOf(await client.callTool({ name: 'alpha__echo', arguments: { text: 'from a key' } }))).toBe('from a key');
    await expect(client.callTool({ name: 'beta__echo', arguments: { text: 'x' } })).rejects.toThrow(/Unknown tool/);
    expect(await toolsWithApiKey(developer.key)).toEqual({ status: 200, names: alphaTools });
    expect(await toolsWithApiKey((await keyOf('VIEWER')).key)).toEqual({ status: 200, names: [] });
    expect((await toolsWithApiKey((await keyOf('ADMIN', b)).key)).names).toEqual(alphaTools.map((n) => n.replace('alpha__', 'beta__')));
  });

  it('takes a role change on its next request', async () => {
    const account = await keyOf('VIEWER');
    const key = asKey(account.key);
    expect(codeOf(await key.request(CREATE_SERVER, { i: httpServer(a.id) }))).toBe('FORBIDDEN');
    await a.admin.data(UPDATE, { i: { id: account.id, role: 'DEVELOPER' } });
    expect(codeOf(await key.request(CREATE_SERVER, { i: httpServer(a.id) }))).toBe('OK');
    expect((await toolsWithApiKey(account.key)).names).toContain('alpha__echo');
    await a.admin.data(UPDATE, { i: { id: account.id, role: 'VIEWER' } });
    expect(codeOf(await key.request(CREATE_SERVER, { i: httpServer(a.id) }))).toBe('FORBIDDEN');
  });

  it('revoked stops at once on GraphQL and /mcp, while the account’s other key goes on working', async () => {
    const account = await keyOf('DEVELOPER');
    const second = (await a.admin.data(ADD_KEY, { i: { serviceAccountId: account.id, name: 'rotation' } })).createServiceAccountKey;
    const client = await connect(account.key);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect((await a.admin.data(REVOKE, { id: account.credential.id })).revokeCredential.credential.status).toBe('REVOKED');
    expect((await asKey(account.key).request(WHOAMI)).status).toBe(401);
    await expect(client.listTools()).rejects.toMatchObject({ code: 401 });
    expect((await toolsWithApiKey(account.key)).status).toBe(401);
    expect((await asKey(second.key).data(WHOAMI)).viewer.kind).toBe('SERVICE_ACCOUNT');
    const keys = await a.admin.data(`query($id: ID!) { serviceAccount(id: $id) { keys { id } } }`, { id: account.id });
    expect(keys.serviceAccount.keys).toEqual([{ id: second.credential.id }]);
  });

  it('rotated, its new secret works at once, the old one is refused, and its client id follows the new key', async () => {
    const account = await keyOf('DEVELOPER');
    const ROTATE = `mutation($id: ID!) { rotateCredential(input: { id: $id }) { credential { clientId maskedToken } token } }`;
    const rotated = (await a.admin.data(ROTATE, { id: account.credential.id })).rotateCredential;
    expect((await asKey(account.key).request(WHOAMI)).status).toBe(401);
    expect((await asKey(rotated.token).data(WHOAMI)).viewer.organizationRole).toBe('DEVELOPER');
    expect(rotated.credential.maskedToken.startsWith(`${rotated.token.slice(0, 12)}_`)).toBe(true);
    expect(rotated.credential.clientId).toBe(rotated.token.slice(0, 12));
  });

  it('stops working with its deleted account', async () => {
    const account = await keyOf('ADMIN');
    const client = await connect(account.key);
    await client.listTools();
    await a.admin.data(`mutation($id: ID!) { deleteServiceAccount(input: { id: $id }) { deletedServiceAccountId } }`, { id: account.id });
    expect((await asKey(account.key).request(WHOAMI)).status).toBe(401);
    await expect(client.listTools()).rejects.toMatchObject({ code: 401 });
  });

  it('stops working at its expiry, whether reached in time or set in the past', async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const issued = (await a.admin.data(ISSUE, { i: { organizationId: a.id, name: unique('brief'), role: 'DEVELOPER', expiresAt } })).createServiceAccount;
    expect(issued.credential.expiresAt).toBe(expiresAt);
    expect((await asKey(issued.key).request(WHOAMI)).status).toBe(200);
    await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 50));
    expect((await asKey(issued.key).request(WHOAMI)).status).toBe(401);
    expect((await toolsWithApiKey(issued.key)).status).toBe(401);
    const aged = await keyOf('DEVELOPER');
    await t.app.services.orm.em.fork().nativeUpdate(Credential, { id: aged.credential.id }, { expiresAt: new Date(Date.now() - 60_000) });
    expect((await asKey(aged.key).request(WHOAMI)).status).toBe(401);
    const past = await a.admin.request(ISSUE, { i: { organizationId: a.id, name: unique('past'), expiresAt: new Date(Date.now() - 1_000).toISOString() } });
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
  });
});

describe('authorization checks', () => {
  const CHECK = `query($o: ID!, $a: [String!]!) { authorizationCheck(organizationId: $o, actions: $a) { action allowed } }`;
  const ENTITIES = `query($o: ID!, $c: [EntityCheckInput!]!) { authorizationCheckEntities(organizationId: $o, checks: $c) { resourceId allowed } }`;

  it('answer per action from the policy for the caller', async () => {
    const answer = async (client: GraphQLClient) => (await client.data(CHECK, { o: a.id, a: ['server.write', 'server.publish'] })).authorizationCheck;
    expect(await answer(a.admin)).toEqual([{ action: 'server.write', allowed: true }, { action: 'server.publish', allowed: true }]);
    expect(await answer(t.client((await orgMember(t.admin, a.id, 'VIEWER')).token))).toEqual([{ action: 'server.write', allowed: false }, { action: 'server.publish', allowed: false }]);
    expect(await answer(asKey((await keyOf('DEVELOPER')).key))).toEqual([{ action: 'server.write', allowed: true }, { action: 'server.publish', allowed: false }]);
    expect(codeOf(await a.admin.request(CHECK, { o: a.id, a: ['server.write', 'server.obliterate'] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await a.admin.request(CHECK, { o: b.id, a: ['server.write'] }))).toBe('NOT_FOUND');
    expect(codeOf(await asKey((await keyOf('ADMIN')).key).request(CHECK, { o: b.id, a: ['server.read'] }))).toBe('NOT_FOUND');
  });

  it('answer per resource: allowed on the organization’s own, never on another’s or an unknown id', async () => {
    const developer = asKey((await keyOf('DEVELOPER')).key);
    const ids = [a.server.id, b.server.id, 'srv_doesnotexist', a.server.tools.echo, b.server.tools.echo, 'hasOwnProperty_1', 'valueOf_1', 'constructor_1'];
    const checks = ids.map((resourceId) => ({ action: 'server.write', resourceId }));
    const decisions = (await developer.data(ENTITIES, { o: a.id, c: checks })).authorizationCheckEntities;
    expect(decisions.map((d: { allowed: boolean }) => d.allowed)).toEqual([true, false, false, true, false, false, false, false]);
    // A service key is its organization's: its admins manage it (revokeCredential), its developers do not.
    const keyChecks = [{ action: 'credential.manage', resourceId: (await keyOf('VIEWER')).credential.id }];
    expect((await a.admin.data(ENTITIES, { o: a.id, c: keyChecks })).authorizationCheckEntities[0].allowed).toBe(true);
    expect((await developer.data(ENTITIES, { o: a.id, c: keyChecks })).authorizationCheckEntities[0].allowed).toBe(false);
    expect(codeOf(await developer.request(ENTITIES, { o: b.id, c: checks }))).toBe('NOT_FOUND');
    const catalogue = (await developer.data(`{ authorizationActions }`)).authorizationActions;
    expect(catalogue).toEqual(expect.arrayContaining(['server.write', 'serviceAccount.write', 'mcp.call', 'authorization.check']));
  });
});

describe('a key of one organization against another’s ids', () => {
  it('is told NOT_FOUND by every mutation, and changes nothing there', async () => {
    const key = asKey((await keyOf('ADMIN')).key);
    const victim = await keyOf('ADMIN', b);
    const bobId = (await orgMember(t.admin, b.id, 'VIEWER')).id;
    const tries: [string, Record<string, unknown>][] = [
      [ISSUE, { i: { organizationId: b.id, name: unique('sa') } }],
      [ADD_KEY, { i: { serviceAccountId: victim.id } }],
      [UPDATE, { i: { id: victim.id, role: 'VIEWER' } }],
      [`mutation($id: ID!) { deleteServiceAccount(input: { id: $id }) { deletedServiceAccountId } }`, { id: victim.id }],
      [REVOKE, { id: victim.credential.id }],
      [`mutation($id: ID!) { disableCredential(input: { id: $id }) { credential { id } } }`, { id: victim.credential.id }],
      [CREATE_SERVER, { i: httpServer(b.id) }],
      [`mutation($id: ID!) { updateMcpServer(input: { id: $id, description: "mine" }) { server { id } } }`, { id: b.server.id }],
      [`mutation($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`, { id: b.server.id }],
      [`mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { id } } }`, { id: b.server.id }],
      [`mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: true, reason: "x" }) { server { id } } }`, { id: b.server.id }],
      [`mutation($id: ID!) { updateTool(input: { id: $id, enabled: false }) { tool { id } } }`, { id: b.server.tools.echo }],
      [`mutation($o: ID) { createAgent(input: { organizationId: $o, name: "spy", allowList: ["*"] }) { token } }`, { o: b.id }],
      [`mutation($o: ID) { createGroup(input: { organizationId: $o, name: "spies" }) { group { id } } }`, { o: b.id }],
      [`mutation($o: ID!) { createInvitation(input: { organizationId: $o, email: "spy@example.test", role: ADMIN }) { invitation { id } } }`, { o: b.id }],
      [`mutation($id: ID!) { updateOrganization(input: { id: $id, name: "taken" }) { organization { id } } }`, { id: b.id }],
      [`mutation($o: ID!, $u: ID!) { updateMemberRole(input: { organizationId: $o, userId: $u, role: ADMIN }) { member { role } } }`, { o: b.id, u: bobId }],
      [`mutation($o: ID!, $u: ID!) { removeMember(input: { organizationId: $o, userId: $u }) { removedUserId } }`, { o: b.id, u: bobId }],
      [`mutation($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }`, { id: b.id }],
    ];
    const codes = await Promise.all(tries.map(async ([query, variables]) => [query.slice(9, 60), codeOf(await key.request(query, variables))]));
    expect(codes.filter(([, code]) => code !== 'NOT_FOUND')).toEqual([]);
    expect((await asKey(victim.key).data(WHOAMI)).viewer.organizationRole).toBe('ADMIN');
    const server = (await b.admin.data(`query($id: ID!) { mcpServer(id: $id) { status description killSwitch { active } } }`, { id: b.server.id })).mcpServer;
    expect(server).toEqual({ status: 'PUBLISHED', description: null, killSwitch: { active: false } });
    expect((await toolsWithApiKey(victim.key)).names).toContain('beta__echo');
  });

  it('refuses odd and huge names with BAD_USER_INPUT and keeps none of them', async () => {
    const key = asKey((await keyOf('ADMIN')).key);
    const odd = ['', ' lead', 'a/b', '../etc', 'nul\u0000byte', '名前', `'; drop table service_accounts; --`, 'x'.repeat(101), 'y'.repeat(100_000)];
    for (const name of odd) expect(codeOf(await key.request(ISSUE, { i: { organizationId: a.id, name } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await key.request(ISSUE, { i: { organizationId: a.id, name: 'z'.repeat(100) } }))).toBe('OK');
    expect(codeOf(await key.request(ISSUE, { i: { organizationId: a.id, name: unique('d'), description: 'd'.repeat(2_001) } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await key.request(ISSUE, { i: { organizationId: `org_' or '1'='1`, name: unique('sql') } }))).toBe('NOT_FOUND');
    expect((await namesIn(a.id)).filter((n) => odd.includes(n))).toEqual([]);
  });
});
