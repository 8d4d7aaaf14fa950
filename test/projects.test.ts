import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { unique, type CreatedUser } from './support/fixtures.ts';
import { fixtureStdio, readyServer } from './support/mcp.ts';
import { orgMember, twoOrganizations } from './support/tenancy.ts';

let t: TestApp;
let admin: GraphQLClient;
let viewer: CreatedUser;
let org: { id: string };
let other: { id: string };

const PROJECT = `id name description toolset { id name } members { id username } organization { id }`;

async function project(name = unique('prj'), extra: Record<string, unknown> = {}) {
  return (await admin.data(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { ${PROJECT} } } }`, { i: { organizationId: org.id, name, description: `about ${name}`, ...extra } })).createProject.project;
}

async function toolset(organizationId = org.id) {
  return (await t.admin.data(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id name } } }`, { i: { organizationId, name: unique('tls') } })).createToolset.toolset as { id: string; name: string };
}

const addMembers = (projectId: string, input: Record<string, unknown>, client = admin) =>
  client.request(`mutation($i: AddProjectMembersInput!) { addProjectMembers(input: $i) { project { members { username } } } }`, { i: { projectId, ...input } });
const removeMembers = (projectId: string, input: Record<string, unknown>) =>
  admin.request(`mutation($i: RemoveProjectMembersInput!) { removeProjectMembers(input: $i) { project { members { username } } } }`, { i: { projectId, ...input } });

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other, admin } = await twoOrganizations(t));
  viewer = await orgMember(t.admin, org.id, 'VIEWER');
}, 60_000);
afterAll(() => t.stop());

describe('projects', () => {
  it('are named uniquely per organization, found by id or name, searched, and deleted', async () => {
    const name = unique('Payments');
    const made = await project(name);
    expect(made).toMatchObject({ name, description: `about ${name}`, toolset: null, members: [], organization: { id: org.id } });
    expect((await admin.data(`query($o: ID!, $n: String!) { project(organizationId: $o, name: $n) { id } }`, { o: org.id, n: name })).project.id).toBe(made.id);
    expect((await admin.data(`query($id: ID!) { node(id: $id) { ... on Project { name } } }`, { id: made.id })).node.name).toBe(name);
    expect(codeOf(await admin.request(`mutation($o: ID!, $n: String!) { createProject(input: { organizationId: $o, name: $n }) { project { id } } }`, { o: org.id, n: name }))).toBe('CONFLICT');
    for (const bad of ['', 'a'.repeat(101), 'new\nline']) {
      expect(codeOf(await admin.request(`mutation($o: ID!, $n: String!) { createProject(input: { organizationId: $o, name: $n }) { project { id } } }`, { o: org.id, n: bad }))).toBe('BAD_USER_INPUT');
    }
    const search = async (s: string) => (await admin.data(`query($o: ID!, $s: String) { projects(organizationId: $o, search: $s) { edges { node { id } } } }`, { o: org.id, s })).projects.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await search(name.toLowerCase())).toEqual([made.id]);
    expect(await search('%')).toEqual([]);
    // A viewer reads projects but does not manage them; another organization's are unknown.
    const asViewer = t.client(viewer.token);
    expect((await asViewer.data(`query($id: ID!) { project(id: $id) { name } }`, { id: made.id })).project.name).toBe(name);
    expect(codeOf(await asViewer.request(`mutation($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }`, { id: made.id }))).toBe('FORBIDDEN');
    expect(codeOf(await admin.request(`mutation($o: ID!) { createProject(input: { organizationId: $o, name: "x" }) { project { id } } }`, { o: other.id }))).toBe('NOT_FOUND');
    expect((await admin.data(`mutation($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }`, { id: made.id })).deleteProject.deletedProjectId).toBe(made.id);
    expect(codeOf(await admin.request(`query($id: ID!) { project(id: $id) { id } }`, { id: made.id }))).toBe('NOT_FOUND');
  });

  it('take members of their organization by id or email, and lose one or all', async () => {
    const { id } = await project();
    const second = await orgMember(t.admin, org.id, 'DEVELOPER');
    expect((await addMembers(id, { userIds: [viewer.id], emails: [`${second.username.toUpperCase()}@example.test`] })).data!.addProjectMembers.project.members)
      .toEqual([{ username: viewer.username }, { username: second.username }]);
    // Adding again changes nothing; someone outside the organization is unknown.
    expect((await addMembers(id, { userIds: [viewer.id] })).data!.addProjectMembers.project.members).toHaveLength(2);
    const outsider = await orgMember(t.admin, other.id, 'VIEWER');
    expect(codeOf(await addMembers(id, { userIds: [outsider.id] }))).toBe('NOT_FOUND');
    expect(codeOf(await addMembers(id, { emails: ['nobody@example.test'] }))).toBe('NOT_FOUND');
    expect(codeOf(await addMembers(id, { emails: ['not an email'] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await addMembers(id, {}))).toBe('BAD_USER_INPUT');
    expect(codeOf(await addMembers(id, { userIds: [second.id] }, t.client(viewer.token)))).toBe('FORBIDDEN');
    const projects = await t.client(viewer.token).data(`query($id: ID!) { user(id: $id) { projects { id } } }`, { id: viewer.id });
    expect(projects.user.projects).toEqual([{ id }]);
    expect((await removeMembers(id, { userId: viewer.id })).data!.removeProjectMembers.project.members).toEqual([{ username: second.username }]);
    expect(codeOf(await removeMembers(id, { userId: viewer.id }))).toBe('NOT_FOUND');
    expect(codeOf(await removeMembers(id, {}))).toBe('BAD_USER_INPUT');
    expect((await removeMembers(id, { all: true })).data!.removeProjectMembers.project.members).toEqual([]);
  });

  it('are given one toolset of their organization, by id or name, and lose it', async () => {
    const { id } = await project();
    const [mine, foreign] = [await toolset(), await toolset(other.id)];
    const assign = (input: Record<string, unknown>) =>
      admin.request(`mutation($i: AssignProjectToolsetInput!) { assignProjectToolset(input: $i) { project { toolset { id } } } }`, { i: { projectId: id, ...input } });
    expect((await assign({ toolsetName: mine.name })).data!.assignProjectToolset.project.toolset).toEqual({ id: mine.id });
    expect(codeOf(await assign({ toolsetId: foreign.id }))).toBe('NOT_FOUND');
    expect(codeOf(await assign({}))).toBe('BAD_USER_INPUT');
    expect((await admin.data(`query($id: ID!) { toolset(id: $id) { projects { id } } }`, { id: mine.id })).toolset.projects).toEqual([{ id }]);
    const del = (force?: boolean) => admin.request(`mutation($i: DeleteToolsetInput!) { deleteToolset(input: $i) { deletedToolsetId } }`, { i: { id: mine.id, force } });
    const inUse = await del();
    expect(codeOf(inUse)).toBe('CONFLICT');
    expect(inUse.errors![0]!.message).toContain('project');
    const unassigned = await admin.data(`mutation($p: ID!) { unassignProjectToolset(input: { projectId: $p }) { project { toolset { id } } } }`, { p: id });
    expect(unassigned.unassignProjectToolset.project.toolset).toBeNull();
    await assign({ toolsetId: mine.id });
    expect((await del(true)).data!.deleteToolset.deletedToolsetId).toBe(mine.id);
    expect((await admin.data(`query($id: ID!) { project(id: $id) { toolset { id } } }`, { id })).project.toolset).toBeNull();
  });

  it('are exported with their toolset, members and keys’ metadata, never a secret', async () => {
    const server = await readyServer(t.admin, { ...fixtureStdio(unique('exp')), organizationId: org.id, env: [{ name: 'API_KEY', value: 'sk-never-shown' }] });
    const set = await toolset();
    await t.admin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: set.id, serverId: server.id } });
    const made = await project(unique('exported'), { toolsetId: set.id });
    await addMembers(made.id, { userIds: [viewer.id] });
    const key = (await t.client(viewer.token).data(`mutation($p: ID!) { createProjectApiKey(input: { projectId: $p }) { token credential { id maskedToken } } }`, { p: made.id })).createProjectApiKey;
    const document = (await admin.data(`mutation($id: ID!) { exportProject(input: { id: $id }) { document } }`, { id: made.id })).exportProject.document;
    expect(document).toMatchObject({
      format: 'switchboard.project/1',
      name: made.name,
      toolset: { format: 'switchboard.toolset/1', name: set.name, servers: [{ server: { env: { API_KEY: '<to be filled>' } } }] },
      members: [{ id: viewer.id, username: viewer.username }],
      keys: [{ id: key.credential.id, maskedToken: key.credential.maskedToken, user: viewer.username, status: 'active' }],
    });
    const text = JSON.stringify(document);
    expect(text).not.toContain('sk-never-shown');
    expect(text).not.toContain(key.token);
    expect(codeOf(await t.client(viewer.token).request(`mutation($id: ID!) { exportProject(input: { id: $id }) { document } }`, { id: made.id }))).toBe('FORBIDDEN');
  });
});
