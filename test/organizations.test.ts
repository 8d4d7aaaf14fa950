import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { createUser, eventually, unique } from './support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer, registerServer, textOf } from './support/mcp.ts';
import { createOrganization, orgMember, serviceAccount } from './support/tenancy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const ORG = `query($id: ID, $slug: String) { organization(id: $id, slug: $slug) {
  id slug name planTier publicMcpGuidesEnabled memberCount mcpServerCount members { edges { node { principalId username role joinedAt } } } } }`;
const CREATE = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }`;
const UPDATE = `mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { organization { slug name planTier } } }`;
const DELETE = `mutation($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }`;
const ROLE = `mutation($i: OrganizationMemberInput!) { updateMemberRole(input: $i) { member { role } } }`;
const ADD = `mutation($i: OrganizationMemberInput!) { addMember(input: $i) { member { role } } }`;
const REMOVE = `mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedUserId } }`;
const WHOAMI = `{ viewer { kind id username role organizationRole organization { id } memberships { role organization { id } } user { id } credential { id } } }`;

const as = (token: string) => t.client(token);
const orgOf = async (client: GraphQLClient, id: string) => (await client.data(ORG, { id })).organization;
const roles = async (id: string) => Object.fromEntries((await orgOf(t.admin, id)).members.edges.map((e: { node: { principalId: string; role: string } }) => [e.node.principalId, e.node.role]));
const orgCount = async () => (await t.admin.data(`{ organizations { totalCount } }`)).organizations.totalCount as number;
const defaultOrgId = async () => (await t.admin.data(`{ organization(slug: "default") { id } }`)).organization.id as string;
/** The status of an MCP ping: 200 for a credential that works on /mcp, 401 for one that does not. */
const mcpPing = async (token: string) => (await fetch(`${t.url}/mcp`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` } })).status;

async function agentIn(client: GraphQLClient, organizationId: string) {
  const data = await client.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } token } }`, { i: { name: unique('agt'), allowList: ['*'], organizationId } });
  return { id: data.createAgent.agent.id as string, token: data.createAgent.token as string };
}

/** A new organization founded by a new person, who is its admin (and still a viewer of the default one). */
async function founded() {
  const founder = await createUser(t.admin);
  const { id, slug } = await createOrganization(as(founder.token));
  return { id, slug, founder, admin: as(founder.token) };
}

describe('founding an organization', () => {
  it('makes its founder its only admin, with the default plan and counts', async () => {
    const { id, slug, founder, admin } = await founded();
    const org = (await admin.data(ORG, { slug })).organization;
    expect(org).toMatchObject({ id, slug, planTier: 'free', publicMcpGuidesEnabled: true, memberCount: 1, mcpServerCount: 0 });
    expect(org.members.edges).toEqual([{ node: { principalId: founder.id, username: founder.username, role: 'ADMIN', joinedAt: expect.any(String) } }]);
    await registerServer(t.admin, { name: unique('srv'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp', organizationId: id });
    expect((await orgOf(admin, id)).mcpServerCount).toBe(1);
  });

  it('wants a slug that is lowercase, free and at most 40 characters, and creates nothing otherwise; prototype names are plain slugs', async () => {
    const { slug } = await founded();
    const before = await orgCount();
    const refused = [['Acme', 'BAD_USER_INPUT'], [slug, 'CONFLICT'], [slug.toUpperCase(), 'BAD_USER_INPUT'], ['__proto__', 'BAD_USER_INPUT'], ['a'.repeat(41), 'BAD_USER_INPUT'], ['-a', 'BAD_USER_INPUT'], ['', 'BAD_USER_INPUT']];
    for (const [bad, code] of refused) {
      expect([bad, codeOf(await t.admin.request(CREATE, { i: { name: 'Acme', slug: bad } }))]).toEqual([bad, code]);
    }
    expect(codeOf(await t.admin.request(CREATE, { i: { name: 'x'.repeat(10_000), slug: unique('big') } }))).toBe('BAD_USER_INPUT');
    expect(await orgCount()).toBe(before);
    const racing = unique('race');
    const raced = await Promise.all([1, 2, 3].map(() => t.admin.request(CREATE, { i: { name: 'Race', slug: racing } })));
    expect(raced.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    for (const slug of ['a'.repeat(40), 'constructor', 'tostring', 'hasownproperty']) {
      const { id } = (await t.admin.data(CREATE, { i: { name: slug, slug, planTier: 'team', publicMcpGuidesEnabled: false } })).createOrganization.organization;
      expect((await t.admin.data(ORG, { slug })).organization).toMatchObject({ id, planTier: 'team', publicMcpGuidesEnabled: false });
    }
  });

  it('is for people: agents and service accounts are refused', async () => {
    const { id, admin } = await founded();
    const agent = await agentIn(admin, id);
    const { key } = await serviceAccount(admin, id, 'ADMIN');
    const before = await orgCount();
    for (const token of [agent.token, key]) expect(codeOf(await as(token).request(CREATE, { i: { name: 'n', slug: unique('x') } }))).toBe('FORBIDDEN');
    expect(await orgCount()).toBe(before);
  });
});

describe('updating an organization', () => {
  it('its admin renames it and changes its slug, but not its plan: that refusal changes nothing', async () => {
    const { id, admin } = await founded();
    const slug = unique('renamed');
    expect((await admin.data(UPDATE, { i: { id, name: 'Renamed', slug } })).updateOrganization.organization).toEqual({ slug, name: 'Renamed', planTier: 'free' });
    expect(codeOf(await admin.request(UPDATE, { i: { id, name: 'Upgraded', planTier: 'enterprise' } }))).toBe('FORBIDDEN');
    expect(await orgOf(admin, id)).toMatchObject({ name: 'Renamed', planTier: 'free' });
    expect((await t.admin.data(UPDATE, { i: { id, planTier: 'enterprise' } })).updateOrganization.organization.planTier).toBe('enterprise');
  });

  it("refuses its developers and viewers, a taken or uppercase slug, and a new slug for the default organization", async () => {
    const [a, b] = [await founded(), await founded()];
    for (const role of ['DEVELOPER', 'VIEWER'] as const) {
      expect(codeOf(await as((await orgMember(t.admin, a.id, role)).token).request(UPDATE, { i: { id: a.id, name: 'Mine' } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await a.admin.request(UPDATE, { i: { id: a.id, name: 'Mine', slug: b.slug } }))).toBe('CONFLICT');
    expect(codeOf(await a.admin.request(UPDATE, { i: { id: a.id, slug: 'Upper' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.admin.request(UPDATE, { i: { id: await defaultOrgId(), slug: unique('nodefault') } }))).toBe('CONFLICT');
    expect(await orgOf(a.admin, a.id)).toMatchObject({ slug: a.slug, name: `Org ${a.slug}` });
  });
});

describe('deleting an organization', () => {
  it('takes its servers, agents and keys with it and stops its upstream processes', async () => {
    const { id, admin } = await founded();
    const name = unique('fx');
    const server = await readyServer(t.admin, { ...fixtureStdio(name), organizationId: id });
    const agent = await agentIn(admin, id);
    const { key } = await serviceAccount(admin, id, 'VIEWER');
    const client = await mcpClient(t.url, agent.token);
    const pid = Number(textOf(await client.callTool({ name: `${name}__pid` })));
    await client.close();
    expect(process.kill(pid, 0)).toBe(true);
    expect(t.app.services.deployments.runtimes(server.id, () => true).map((r) => r.status)).toContain('running');
    expect([await mcpPing(agent.token), await mcpPing(key)]).toEqual([200, 200]);

    expect((await admin.data(DELETE, { id })).deleteOrganization.deletedOrganizationId).toBe(id);
    expect([await mcpPing(agent.token), await mcpPing(key)]).toEqual([401, 401]);
    expect(t.app.services.deployments.runtimes(server.id, () => true).map((r) => r.status)).toEqual(['stopped']);
    const alive = async () => { try { return process.kill(pid, 0); } catch { return false; } };
    expect(await eventually(alive, (running) => !running)).toBe(false);
    expect(codeOf(await t.admin.request(`query($id: ID!) { mcpServer(id: $id) { id } }`, { id: server.id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.admin.request(ORG, { id }))).toBe('NOT_FOUND');
    expect((await admin.data(WHOAMI)).viewer.memberships.map((m: { organization: { id: string } }) => m.organization.id)).not.toContain(id);
  });

  it('is for its admins and system admins; the default organization stays', async () => {
    const { id } = await founded();
    expect(codeOf(await as((await orgMember(t.admin, id, 'DEVELOPER')).token).request(DELETE, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await t.admin.request(DELETE, { id: await defaultOrgId() }))).toBe('CONFLICT');
    expect((await t.admin.data(DELETE, { id })).deleteOrganization.deletedOrganizationId).toBe(id);
  });
});

describe('members', () => {
  it('an organization never loses its last admin, however it is asked', async () => {
    const { id, founder, admin } = await founded();
    const before = await roles(id);
    expect(codeOf(await admin.request(ROLE, { i: { organizationId: id, userId: founder.id, role: 'VIEWER' } }))).toBe('CONFLICT');
    expect(codeOf(await admin.request(REMOVE, { i: { organizationId: id, userId: founder.id } }))).toBe('CONFLICT');
    expect(codeOf(await t.admin.request(REMOVE, { i: { organizationId: id, userId: founder.id } }))).toBe('CONFLICT');
    expect(codeOf(await admin.request(ROLE, { i: { organizationId: id, userId: founder.id, role: 'OWNER' } }))).toBe('BAD_USER_INPUT');
    expect(await roles(id)).toEqual(before);
  });

  it('admins demoting each other all at once leave one admin', async () => {
    const { id, founder } = await founded();
    const admins = [founder, ...(await Promise.all([1, 2, 3, 4].map(() => createUser(t.admin))))];
    for (const { id: userId } of admins.slice(1)) await t.admin.data(ADD, { i: { organizationId: id, userId, role: 'ADMIN' } });
    const results = await Promise.all(admins.map((a, n) => as(a.token).request(ROLE, { i: { organizationId: id, userId: admins[(n + 1) % admins.length]!.id, role: 'VIEWER' } })));
    expect(results.map(codeOf)).toContain('OK');
    expect(Object.values(await roles(id))).toContain('ADMIN');
  });

  it('system admins add existing users once; admins, not members, change roles', async () => {
    const { id, admin } = await founded();
    const person = await createUser(t.admin);
    expect((await t.admin.data(ADD, { i: { organizationId: id, userId: person.id, role: 'VIEWER' } })).addMember.member.role).toBe('VIEWER');
    expect(codeOf(await t.admin.request(ADD, { i: { organizationId: id, userId: person.id, role: 'ADMIN' } }))).toBe('CONFLICT');
    expect(codeOf(await as(person.token).request(ROLE, { i: { organizationId: id, userId: person.id, role: 'ADMIN' } }))).toBe('FORBIDDEN');
    expect((await admin.data(ROLE, { i: { organizationId: id, userId: person.id, role: 'DEVELOPER' } })).updateMemberRole.member.role).toBe('DEVELOPER');
    expect((await orgOf(admin, id)).memberCount).toBe(2);
  });

  it('a removed member loses their token, groups and access there; a member may leave', async () => {
    const { id, admin } = await founded();
    const dev = await orgMember(t.admin, id, 'DEVELOPER');
    const session = (await t.client(null).data(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { username: dev.username, password: dev.password } })).login.token;
    const group = (await admin.data(`mutation($o: ID!) { createGroup(input: { name: "team", organizationId: $o }) { group { id } } }`, { o: id })).createGroup.group.id;
    await admin.data(`mutation($g: ID!, $u: ID!) { updateGroupMembers(input: { id: $g, add: [$u] }) { group { id } } }`, { g: group, u: dev.id });
    expect(await mcpPing(dev.token)).toBe(200);

    expect((await admin.data(REMOVE, { i: { organizationId: id, userId: dev.id } })).removeMember.removedUserId).toBe(dev.id);
    expect(await mcpPing(dev.token)).toBe(401);
    expect(codeOf(await as(dev.token).request(ORG, { id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await as(session).request(ORG, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await as(session).request(`query($o: ID!) { mcpServers(filter: { organizationId: $o }) { totalCount } }`, { o: id }))).toBe('NOT_FOUND');
    expect((await admin.data(`query($o: ID!) { groups(organizationId: $o) { edges { node { members { id } } } } }`, { o: id })).groups.edges).toEqual([{ node: { members: [] } }]);

    const viewer = await orgMember(t.admin, id, 'VIEWER');
    expect(codeOf(await as(viewer.token).request(REMOVE, { i: { organizationId: id, userId: (await createUser(t.admin)).id } }))).toBe('NOT_FOUND');
    expect((await as(viewer.token).data(REMOVE, { i: { organizationId: id, userId: viewer.id } })).removeMember.removedUserId).toBe(viewer.id);
    expect((await orgOf(admin, id)).memberCount).toBe(1);
  });

  it("another tenant's ids get the answer an unknown id gets, and change nothing", async () => {
    const victim = await founded();
    const { admin, founder } = await founded();
    const before = await roles(victim.id);
    const [organizationId, userId] = [victim.id, victim.founder.id];
    const tries: [string, Record<string, unknown>][] = [[ROLE, { i: { organizationId, userId, role: 'VIEWER' } }], [REMOVE, { i: { organizationId, userId } }],
      [ROLE, { i: { organizationId, userId: founder.id, role: 'ADMIN' } }], [UPDATE, { i: { id: victim.id, name: 'Pwned' } }], [DELETE, { id: victim.id }]];
    for (const [document, variables] of tries) {
      const foreign = await admin.request(document, variables);
      const unknown = await admin.request(document, JSON.parse(JSON.stringify(variables).replaceAll(victim.id, 'org_doesnotexist')));
      expect([codeOf(foreign), foreign.errors?.[0]?.message]).toEqual(['NOT_FOUND', unknown.errors?.[0]?.message]);
    }
    expect(codeOf(await admin.request(ADD, { i: { organizationId: victim.id, userId: founder.id, role: 'ADMIN' } }))).toBe('FORBIDDEN');
    expect(await roles(victim.id)).toEqual(before);
    expect((await orgOf(t.admin, victim.id)).name).not.toBe('Pwned');
  });
});

describe('naming the organization', () => {
  it('a person in several organizations names the one to act in; a person in one need not', async () => {
    const { id, admin } = await founded();
    const documents = [`query($o: ID) { mcpServers(filter: { organizationId: $o }) { totalCount } }`, `query($o: ID) { agents(organizationId: $o) { totalCount } }`,
      `mutation($o: ID, $n: String!) { createGroup(input: { name: $n, organizationId: $o }) { group { id } } }`];
    const single = as((await orgMember(t.admin, id, 'ADMIN')).token);
    for (const document of documents) {
      expect(codeOf(await admin.request(document, { n: unique('g') }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await admin.request(document, { o: id, n: unique('g') }))).toBe('OK');
      expect(codeOf(await single.request(document, { n: unique('g') }))).toBe('OK');
    }
    expect((await admin.data(`query($o: ID) { groups(organizationId: $o) { totalCount } }`, { o: id })).groups.totalCount).toBe(2);
  });
});

describe('whoami', () => {
  it('names a person, an agent and a service account, with their organization and role', async () => {
    const { id, founder, admin } = await founded();
    const home = await defaultOrgId();
    expect((await admin.data(WHOAMI)).viewer).toEqual({
      kind: 'USER', id: founder.id, username: founder.username, role: 'USER', organizationRole: 'VIEWER', organization: { id: home },
      memberships: [{ role: 'VIEWER', organization: { id: home } }, { role: 'ADMIN', organization: { id } }], user: { id: founder.id }, credential: { id: expect.stringMatching(/^cred_/) },
    });
    const agent = await agentIn(admin, id);
    expect((await as(agent.token).data(WHOAMI)).viewer).toMatchObject({ kind: 'AGENT', id: agent.id, role: 'USER', organization: { id }, memberships: [{ organization: { id } }], user: null });
    const sa = await serviceAccount(admin, id, 'DEVELOPER');
    expect((await as(sa.key).data(WHOAMI)).viewer).toMatchObject({
      kind: 'SERVICE_ACCOUNT', id: sa.id, organizationRole: 'DEVELOPER', organization: { id }, memberships: [{ role: 'DEVELOPER', organization: { id } }], user: null, credential: { id: sa.credential.id },
    });
  });
});

describe('node', () => {
  it("an id of no known type is UNAUTHENTICATED without credentials and NOT_FOUND with them; another tenant's is null like an unknown one", async () => {
    const NODE = `query($id: ID!) { node(id: $id) { id } }`;
    const [victim, outsider] = [await founded(), await founded()];
    expect(codeOf(await t.client(null).request(NODE, { id: 'x' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await outsider.admin.request(NODE, { id: 'x' }))).toBe('NOT_FOUND');
    expect((await outsider.admin.request(NODE, { id: victim.id })).data).toEqual({ node: null });
    expect((await outsider.admin.request(NODE, { id: 'org_doesnotexist' })).data).toEqual({ node: null });
    expect((await victim.admin.request(NODE, { id: victim.id })).data).toEqual({ node: { id: victim.id } });
  });
});

describe('audit', () => {
  const LOG = `query($o: ID!, $type: String) { auditLog(filter: { organizationId: $o, type: $type }) { events { type status actor { name } target { name } } } }`;
  const log = async (client: GraphQLClient, o: string, type?: string) => (await client.data(LOG, { o, type })).auditLog.events;

  it("files a member's refused change and a new member under their organization, for its admins only", async () => {
    const [{ id, admin, founder }, other] = [await founded(), await founded()];
    const viewer = await orgMember(t.admin, id, 'VIEWER');
    const server = await registerServer(admin, { name: unique('srv'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp', organizationId: id });
    expect(codeOf(await as(viewer.token).request(`mutation($id: ID!) { updateMcpServer(input: { id: $id, description: "mine" }) { server { id } } }`, { id: server }))).toBe('FORBIDDEN');
    expect(codeOf(await admin.request(ADD, { i: { organizationId: id, userId: other.founder.id, role: 'ADMIN' } }))).toBe('FORBIDDEN');
    expect(codeOf(await other.admin.request(UPDATE, { i: { id, name: 'Probe' } }))).toBe('NOT_FOUND');
    expect(await log(admin, id, 'server_updated')).toMatchObject([{ status: 'DENIED', actor: { name: viewer.username } }]);
    expect(await log(admin, id, 'member_added')).toMatchObject([{ status: 'DENIED', actor: { name: founder.username } }]);
    expect(await log(admin, id, 'user_created')).toMatchObject([{ status: 'SUCCESS', target: { name: viewer.username } }]);
    expect(await log(admin, id, 'organization_updated')).toEqual([]);
    expect(await log(other.admin, id)).toEqual([]);
  });
});
