import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { createUser, unique, VIEWER, type CreatedUser } from './support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { orgMember, twoOrganizations } from './support/tenancy.ts';

let t: TestApp;
let admin: GraphQLClient;
let viewer: CreatedUser;
let org: { id: string };
let other: { id: string };
let alpha: { id: string; name: string; tools: Record<string, string> };
let beta: { id: string; name: string; tools: Record<string, string> };
let toolsetId: string;

const KEY = `token credential { id kind maskedToken status project { id } user { id } }`;
const createKey = (client: GraphQLClient, input: Record<string, unknown>) =>
  client.request(`mutation($i: CreateProjectApiKeyInput!) { createProjectApiKey(input: $i) { ${KEY} } }`, { i: input });

async function projectWith(members: string[], withToolset = true) {
  const made = await admin.data(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`, {
    i: { organizationId: org.id, name: unique('prj'), ...(withToolset && { toolsetId }) },
  });
  const id = made.createProject.project.id as string;
  if (members.length) await admin.data(`mutation($i: AddProjectMembersInput!) { addProjectMembers(input: $i) { project { id } } }`, { i: { projectId: id, userIds: members } });
  return id;
}

async function viewerKey(projectId: string) {
  return (await createKey(t.client(viewer.token), { projectId })).data!.createProjectApiKey as { token: string; credential: { id: string } };
}

const works = async (token: string) => (await t.client(token).request(VIEWER)).errors === undefined;

async function readyNamed(prefix: string) {
  const name = unique(prefix);
  return { name, ...(await readyServer(t.admin, { ...fixtureStdio(name), organizationId: org.id })) };
}

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other, admin } = await twoOrganizations(t));
  viewer = await orgMember(t.admin, org.id, 'VIEWER');
  [alpha, beta] = [await readyNamed('alpha'), await readyNamed('beta')];
  toolsetId = (await admin.data(`mutation($o: ID!, $n: String!) { createToolset(input: { organizationId: $o, name: $n }) { toolset { id } } }`, { o: org.id, n: unique('tls') })).createToolset.toolset.id;
  const add = (serverId: string, tools?: string[]) =>
    admin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId, serverId, tools } });
  await add(alpha.id, ['echo']);
  await add(beta.id);
}, 60_000);
afterAll(() => t.stop());

describe('a project key on /mcp', () => {
  it('lists and calls exactly the project’s toolset’s enabled tools, and follows its assignment', async () => {
    const projectId = await projectWith([viewer.id]);
    const key = await viewerKey(projectId);
    expect(key.token).toMatch(/^sbu_/);
    const client = await mcpClient(t.url, key.token);
    const names = async () => (await client.listTools()).tools.map((tool) => tool.name).sort();
    expect(await names()).toEqual([`${alpha.name}__echo`, ...Object.keys(beta.tools).map((tool) => `${beta.name}__${tool}`)].sort());
    expect(textOf(await client.callTool({ name: `${alpha.name}__echo`, arguments: { text: 'hi' } }))).toBe('hi');
    await expect(client.callTool({ name: `${alpha.name}__add`, arguments: { a: 1, b: 2 } })).rejects.toThrow(/Unknown tool/);
    await admin.data(`mutation($p: ID!) { unassignProjectToolset(input: { projectId: $p }) { project { id } } }`, { p: projectId });
    expect(await names()).toEqual([]);
    await client.close();
  });

  it('is an /mcp credential: on GraphQL it says who it is and reads projects and toolsets, and mints, changes and manages nothing', async () => {
    const operator = await createUser(t.admin, { role: 'ADMIN' });
    await t.admin.data(`mutation($i: OrganizationMemberInput!) { addMember(input: $i) { member { id } } }`, { i: { organizationId: org.id, userId: operator.id, role: 'ADMIN' } });
    const projectId = await projectWith([operator.id]);
    const key = t.client((await createKey(t.client(operator.token), { projectId })).data!.createProjectApiKey.token);
    expect((await key.data(`{ viewer { username } }`)).viewer.username).toBe(operator.username);
    // Seed 003's keys list configurations and projects.
    expect((await key.data(`query($id: ID!) { project(id: $id) { id toolset { id } } }`, { id: projectId })).project.toolset.id).toBe(toolsetId);
    expect(codeOf(await t.client(operator.token).request(`{ users { totalCount } }`))).toBe('OK');
    // Its person is a system administrator and their organization's admin: the key is neither.
    expect(codeOf(await key.request(`{ users { totalCount } }`))).toBe('FORBIDDEN');
    expect(codeOf(await key.request(`query($o: ID!) { mcpServers(filter: { organizationId: $o }) { totalCount } }`, { o: org.id }))).toBe('FORBIDDEN');
    // Nothing that would outlive its scope: no token, no other key, no new password, no rotation.
    expect(codeOf(await key.request(`mutation($o: ID!) { createApiToken(input: { name: "escape", organizationId: $o }) { token } }`, { o: org.id }))).toBe('FORBIDDEN');
    expect(codeOf(await key.request(`mutation($p: ID!) { createProjectApiKey(input: { projectId: $p }) { token } }`, { p: projectId }))).toBe('FORBIDDEN');
    expect(codeOf(await key.request(`mutation { createPresharedKey(input: { label: "escape" }) { key } }`))).toBe('FORBIDDEN');
    expect(codeOf(await key.request(`mutation($p: String!) { changePassword(input: { currentPassword: $p, newPassword: "another-long-pass" }) }`, { p: operator.password }))).toBe('FORBIDDEN');
    const own = (await t.client(operator.token).data(`{ viewer { credential { id } } }`)).viewer.credential.id;
    expect(codeOf(await key.request(`mutation($id: ID!) { rotateCredential(input: { id: $id }) { token } }`, { id: own }))).toBe('FORBIDDEN');
  });
});

describe('project keys', () => {
  it('are issued to members of the project only: by themselves, or by the organization’s admins', async () => {
    const projectId = await projectWith([viewer.id]);
    const outsider = await orgMember(t.admin, org.id, 'VIEWER');
    expect(codeOf(await createKey(t.client(outsider.token), { projectId }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createKey(t.client(viewer.token), { projectId, userId: outsider.id }))).toBe('FORBIDDEN');
    const issued = (await createKey(admin, { projectId, userId: viewer.id, name: 'ci' })).data!.createProjectApiKey;
    expect(issued.credential).toMatchObject({ kind: 'API_TOKEN', status: 'ACTIVE', project: { id: projectId }, user: { id: viewer.id } });
    expect(codeOf(await createKey(admin, { projectId: 'prj_unknown', userId: viewer.id }))).toBe('NOT_FOUND');
    const elsewhere = (await t.admin.data(`mutation($o: ID!) { createProject(input: { organizationId: $o, name: "away" }) { project { id } } }`, { o: other.id })).createProject.project.id;
    expect(codeOf(await createKey(admin, { projectId: elsewhere, userId: viewer.id }))).toBe('NOT_FOUND');
    expect(codeOf(await createKey(admin, { projectId, userId: viewer.id, token: issued.token }))).toBe('BAD_USER_INPUT');
  });

  it('are listed per project: a member sees their own, an admin all of them', async () => {
    const second = await orgMember(t.admin, org.id, 'DEVELOPER');
    const projectId = await projectWith([viewer.id, second.id]);
    const mine = await viewerKey(projectId);
    await createKey(t.client(second.token), { projectId });
    const list = async (client: GraphQLClient, filter: Record<string, unknown>) =>
      (await client.data(`query($f: CredentialFilter) { credentials(filter: $f) { edges { node { id user { id } } } } }`, { f: filter })).credentials.edges.map((e: { node: { id: string; user: { id: string } } }) => e.node.user.id).sort();
    expect(await list(admin, { projectId })).toEqual([viewer.id, second.id].sort());
    expect(await list(t.client(viewer.token), { projectId })).toEqual([viewer.id]);
    expect(codeOf(await t.client(viewer.token).request(`query($f: CredentialFilter) { credentials(filter: $f) { totalCount } }`, { f: { projectId, userId: second.id } }))).toBe('FORBIDDEN');
    expect((await admin.data(`query($id: ID!) { credential(id: $id) { project { id } } }`, { id: mine.credential.id })).credential.project.id).toBe(projectId);
  });

  it('are found by their value by admins of their organization only', async () => {
    const projectId = await projectWith([viewer.id]);
    const key = await viewerKey(projectId);
    const lookup = (client: GraphQLClient, token: string) => client.request(`query($k: String!) { credentialByToken(token: $k) { id } }`, { k: token });
    const found = await lookup(admin, key.token);
    expect(found.errors).toBeUndefined();
    expect(found.data!.credentialByToken.id).toBe(key.credential.id);
    expect(codeOf(await lookup(t.client(viewer.token), key.token))).toBe('FORBIDDEN');
    expect(codeOf(await lookup(admin, 'sb_not-a-key-at-all-0000000000000000'))).toBe('NOT_FOUND');
    const awayAdmin = t.client((await orgMember(t.admin, other.id, 'ADMIN')).token);
    expect(codeOf(await lookup(awayAdmin, key.token))).toBe('NOT_FOUND');
  });

  it('are rotated, disabled, enabled and revoked by their person or the organization’s admins', async () => {
    const projectId = await projectWith([viewer.id]);
    const key = await viewerKey(projectId);
    const op = (client: GraphQLClient, name: string) => client.request(`mutation($id: ID!) { ${name}(input: { id: $id }) { credential { status } } }`, { id: key.credential.id });
    const rotated = (await admin.data(`mutation($id: ID!) { rotateCredential(input: { id: $id }) { token } }`, { id: key.credential.id })).rotateCredential.token;
    expect(await works(key.token)).toBe(false);
    expect(await works(rotated)).toBe(true);
    expect((await op(admin, 'disableCredential')).data!.disableCredential.credential.status).toBe('DISABLED');
    expect(await works(rotated)).toBe(false);
    expect((await op(t.client(viewer.token), 'enableCredential')).data!.enableCredential.credential.status).toBe('ACTIVE');
    const bystander = await orgMember(t.admin, org.id, 'DEVELOPER');
    expect(codeOf(await op(t.client(bystander.token), 'revokeCredential'))).toBe('FORBIDDEN');
    expect((await op(t.client(viewer.token), 'revokeCredential')).data!.revokeCredential.credential.status).toBe('REVOKED');
    expect(await works(rotated)).toBe(false);
  });

  it('stop working when revoked together, when their person leaves the project, and when it is deleted', async () => {
    const [first, second, third] = [await projectWith([viewer.id]), await projectWith([viewer.id]), await projectWith([viewer.id])];
    const [a, b, c] = [await viewerKey(first), await viewerKey(second), await viewerKey(third)];
    const revokeAll = (client: GraphQLClient, input: Record<string, unknown>) =>
      client.request(`mutation($i: RevokeUserApiKeysInput!) { revokeUserApiKeys(input: $i) { revokedCount } }`, { i: input });
    expect(codeOf(await revokeAll(t.client((await orgMember(t.admin, org.id, 'VIEWER')).token), { userId: viewer.id, projectId: first }))).toBe('FORBIDDEN');
    expect((await revokeAll(admin, { userId: viewer.id, projectId: first })).data!.revokeUserApiKeys.revokedCount).toBe(1);
    expect([await works(a.token), await works(b.token)]).toEqual([false, true]);
    await admin.data(`mutation($i: RemoveProjectMembersInput!) { removeProjectMembers(input: $i) { project { id } } }`, { i: { projectId: second, userId: viewer.id } });
    expect(await works(b.token)).toBe(false);
    await admin.data(`mutation($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }`, { id: third });
    expect(await works(c.token)).toBe(false);
    // A person's own: every API token of theirs at once.
    const own = await orgMember(t.admin, org.id, 'VIEWER');
    expect((await revokeAll(t.client(own.token), { userId: own.id })).data!.revokeUserApiKeys.revokedCount).toBe(1);
    expect(await works(own.token)).toBe(false);
  });

  it('and project memberships go with their person’s membership of the organization', async () => {
    const leaver = await orgMember(t.admin, org.id, 'VIEWER');
    const projectId = await projectWith([leaver.id]);
    const key = (await createKey(t.client(leaver.token), { projectId })).data!.createProjectApiKey.token;
    await admin.data(`mutation($o: ID!, $u: ID!) { removeMember(input: { organizationId: $o, userId: $u }) { removedUserId } }`, { o: org.id, u: leaver.id });
    expect(await works(key)).toBe(false);
    expect((await admin.data(`query($id: ID!) { project(id: $id) { members { id } } }`, { id: projectId })).project.members).toEqual([]);
  });
});
