import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailMessage } from '../src/db/mail-message.entity.ts';
import { schema } from '../src/schema/index.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, graphqlClient, type GraphQLClient, type GraphQLResponse } from './support/graphql.ts';
import { createToken, createUser, unique } from './support/fixtures.ts';
import { fixtureStdio, readyServer } from './support/mcp.ts';
import { createOrganization, orgMember, serviceAccount } from './support/tenancy.ts';
import { subscribe, wsClient } from './support/ws.ts';

/**
 * Every operation of the schema × every kind of caller × their own organization and another one. An
 * operation missing from `cases` fails the coverage test, so a new query or mutation joins this matrix
 * as soon as it exists. In another organization nobody but a system administrator gets anything: what
 * they may do at home is NOT_FOUND there, as for an id that does not exist.
 */
type Role = 'anonymous' | 'viewer' | 'developer' | 'orgAdmin' | 'systemAdmin' | 'serviceKey' | 'agent';
const ROLES: Role[] = ['anonymous', 'viewer', 'developer', 'orgAdmin', 'systemAdmin', 'serviceKey', 'agent'];
const PEOPLE: Role[] = ['viewer', 'developer', 'orgAdmin', 'systemAdmin'];
const MEMBERS: Role[] = [...PEOPLE, 'serviceKey'];
const SIGNED_IN: Role[] = [...MEMBERS, 'agent'];
const OPERATORS: Role[] = ['developer', 'orgAdmin', 'systemAdmin', 'serviceKey'];
const ADMINS: Role[] = ['orgAdmin', 'systemAdmin'];
const SYSTEM: Role[] = ['systemAdmin'];

interface Org {
  id: string;
  /** A validated, published fixture server with a USER variable, and its tools by name. */
  server: { id: string; tools: Record<string, string> };
}

interface Env {
  /** The bootstrap administrator, who sets things up. */
  admin: GraphQLClient;
  org: Org;
  role: Role;
  /** The caller's id (a user's, a service account's, an agent's; a bystander's for anonymous). */
  actorId: string;
  actorPassword: string | null;
  other: () => Promise<{ id: string; username: string; password: string }>;
}

interface Case {
  operation: string;
  note?: string;
  document: string;
  variables?: (env: Env) => Promise<Record<string, unknown>>;
  allowed: Role[];
  /** Names no organization (the installation's users, one's own session): run once, not per organization. */
  unscoped?: true;
  /** What the allowed get when the case's input is refused on purpose, past authorization (destructive operations). */
  allowedGets?: string;
}

const q = (operation: string, document: string, allowed: Role[], variables?: Case['variables'], note?: string): Case => ({ operation, document, allowed, variables, note });
const global = (c: Case): Case => ({ ...c, unscoped: true });
const orgOnly = async (e: Env) => ({ o: e.org.id });
/** A person's own API token; a key's or an agent's own credential. */
const ownToken = async (e: Env) => ({ id: actors[e.role].credentialId ?? (await createToken(e.admin, { userId: e.actorId })).id });
const othersToken = async (e: Env) => ({ id: (await createToken(e.admin, { userId: (await e.other()).id })).id });
const httpServer = (orgId: string) => ({ organizationId: orgId, name: unique('srv'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:1/mcp' });
const TINY_SPEC = JSON.stringify({ openapi: '3.1.0', info: { title: 'tiny', version: '1' }, paths: { '/a': { get: { operationId: 'getA', responses: { 200: { description: 'ok' } } } } } });
const openApiServer = (orgId: string, spec: Record<string, string> = { spec: TINY_SPEC }) => ({ organizationId: orgId, name: unique('oas'), ...spec });
const fresh = {
  server: async (e: Env) => ({ id: (await e.admin.data(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: httpServer(e.org.id) })).createMcpServer.server.id }),
  openApi: async (e: Env, spec?: Record<string, string>) => ({ id: (await e.admin.data(`mutation($i: CreateOpenApiServerInput!) { createOpenApiServer(input: $i) { server { id } } }`, { i: openApiServer(e.org.id, spec) })).createOpenApiServer.server.id }),
  group: async (e: Env) => ({ id: (await e.admin.data(`mutation($i: CreateGroupInput!) { createGroup(input: $i) { group { id } } }`, { i: { name: unique('grp'), organizationId: e.org.id } })).createGroup.group.id }),
  agent: async (e: Env) => ({ id: (await e.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } } }`, { i: { name: unique('agt'), allowList: ['*'], organizationId: e.org.id } })).createAgent.agent.id }),
  account: async (e: Env) => ({ id: (await serviceAccount(e.admin, e.org.id, 'VIEWER')).id }),
  member: async (e: Env) => ({ o: e.org.id, u: (await orgMember(e.admin, e.org.id, 'VIEWER')).id }),
  toolset: async (e: Env) => ({ id: (await e.admin.data(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id } } }`, { i: { name: unique('tls'), organizationId: e.org.id } })).createToolset.toolset.id }),
  toolsetWithServer: async (e: Env) => {
    const { id } = await fresh.toolset(e);
    await e.admin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: e.org.server.id } });
    return { id, s: e.org.server.id };
  },
  project: async (e: Env) => ({ id: (await e.admin.data(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`, { i: { name: unique('prj'), organizationId: e.org.id } })).createProject.project.id }),
  /** A project with a member of its organization in it, and that member. */
  projectWithMember: async (e: Env) => {
    const { id } = await fresh.project(e);
    const { u } = await fresh.member(e);
    await e.admin.data(`mutation($i: AddProjectMembersInput!) { addProjectMembers(input: $i) { project { id } } }`, { i: { projectId: id, userIds: [u] } });
    return { id, u };
  },
  invitation: async (e: Env) => ({ id: (await e.admin.data(`mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { invitation { id } } }`, { i: { organizationId: e.org.id, email: `${unique('inv')}@example.test`, role: 'VIEWER' } })).createInvitation.invitation.id }),
};

const cases: Case[] = [
  global(q('Query.viewer', `{ viewer { username kind organization { id } } }`, SIGNED_IN)),
  global(q('Query.node', `query($id: ID!) { node(id: $id) { id } }`, PEOPLE, async (e) => ({ id: e.actorId }), 'own id')),
  global(q('Query.node', `query($id: ID!) { node(id: $id) { id } }`, SYSTEM, async (e) => ({ id: (await e.other()).id }), 'another user')),
  global(q('Query.node', `query($id: ID!) { node(id: $id) { id } }`, SYSTEM, othersToken, "another's credential")),
  global(q('Query.nodes', `query($id: ID!) { nodes(ids: [$id]) { id } }`, SYSTEM, async (e) => ({ id: (await e.other()).id }))),
  global(q('Query.user', `query($id: ID!) { user(id: $id) { username } }`, PEOPLE, async (e) => ({ id: e.actorId }), 'self')),
  global(q('Query.user', `query($u: String!) { user(username: $u) { username } }`, SYSTEM, async (e) => ({ u: (await e.other()).username }), 'another user')),
  global(q('Query.users', `{ users { totalCount } }`, SYSTEM)),
  global(q('Query.telemetrySettings', `{ telemetrySettings { enabled } }`, SYSTEM)),
  global(q('Mutation.backupSystem', `mutation { backupSystem { document } }`, SYSTEM)),
  { ...global(q('Mutation.restoreSystem', `mutation { restoreSystem(input: { document: {} }) { counts { rows } } }`, SYSTEM, undefined, 'an empty document')), allowedGets: 'BAD_USER_INPUT' },
  { ...global(q('Mutation.resetSystem', `mutation { resetSystem(input: { confirm: false }) { counts { rows } } }`, SYSTEM, undefined, 'unconfirmed')), allowedGets: 'BAD_USER_INPUT' },
  global(q('Mutation.configureTelemetry', `mutation { configureTelemetry(input: { enabled: false }) { settings { enabled } } }`, SYSTEM)),
  global(q('Query.credential', `query($id: ID!) { credential(id: $id) { maskedToken } }`, PEOPLE, ownToken, 'own')),
  global(q('Query.credential', `query($id: ID!) { credential(id: $id) { maskedToken } }`, SYSTEM, othersToken, "another's")),
  global(q('Query.credentials', `{ credentials { totalCount } }`, PEOPLE, undefined, 'own')),
  global(q('Query.credentials', `query($u: ID!) { credentials(filter: { userId: $u }) { totalCount } }`, SYSTEM, async (e) => ({ u: (await e.other()).id }), "another user's")),
  global(q('Query.organizations', `{ organizations { edges { node { slug } } } }`, MEMBERS)),
  global(q('Query.auditEvents', `{ auditEvents(first: 1) { totalCount } }`, MEMBERS)),
  global(q('Subscription.auditEvents', `subscription { auditEvents { type } }`, MEMBERS)),
  global(q('Query.auditLog', `{ auditLog(limit: 1) { total events { seq } } }`, MEMBERS)),
  global(q('Query.authorizationActions', `{ authorizationActions }`, SIGNED_IN)),
  global(q('Query.keyRoles', `{ keyRoles { key name } }`, SIGNED_IN)),
  global(q('Mutation.login', `mutation($i: LoginInput!) { login(input: $i) { token } }`, ROLES, async (e) => {
    const someone = await e.other();
    return { i: { username: someone.username, password: someone.password } };
  })),
  global(q('Mutation.logout', `mutation { logout }`, SIGNED_IN)),
  global(q('Mutation.changePassword', `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`, PEOPLE, async (e) => ({ i: { currentPassword: e.actorPassword ?? 'none-at-all', newPassword: e.actorPassword ?? 'none-at-all' } }))),
  global(q('Mutation.createUser', `mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, SYSTEM, async () => ({ u: unique('made') }))),
  global(q('Mutation.updateUser', `mutation($id: ID!) { updateUser(input: { id: $id, displayName: "Renamed" }) { user { id } } }`, SYSTEM, async (e) => ({ id: (await e.other()).id }))),
  global(q('Mutation.updateUser', `mutation($id: ID!) { updateUser(input: { id: $id, role: ADMIN }) { user { id } } }`, SYSTEM, async (e) => ({ id: e.actorId }), 'own role')),
  global(q('Mutation.deleteUser', `mutation($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }`, SYSTEM, async (e) => ({ id: (await e.other()).id }))),
  global(q('Mutation.resetUserPassword', `mutation($id: ID!) { resetUserPassword(input: { id: $id, password: "another-pass-1" }) { user { id } } }`, SYSTEM, async (e) => ({ id: (await e.other()).id }))),
  global(q('Mutation.createApiToken', `mutation { createApiToken(input: { name: "mine" }) { token } }`, PEOPLE, undefined, 'own')),
  global(q('Mutation.createApiToken', `mutation($u: ID!) { createApiToken(input: { name: "theirs", userId: $u }) { token } }`, SYSTEM, async (e) => ({ u: (await e.other()).id }), 'for another user')),
  ...(['rotateCredential', 'revokeCredential', 'disableCredential', 'enableCredential'] as const).flatMap((op) => [
    global(q(`Mutation.${op}`, `mutation($id: ID!) { ${op}(input: { id: $id }) { credential { id } } }`, PEOPLE, ownToken, 'own')),
    global(q(`Mutation.${op}`, `mutation($id: ID!) { ${op}(input: { id: $id }) { credential { id } } }`, SYSTEM, othersToken, "another's")),
  ]),
  global(q('Query.presharedKeys', `{ presharedKeys { id } }`, PEOPLE)),
  global(q('Mutation.createPresharedKey', `mutation { createPresharedKey(input: { label: "client" }) { key } }`, PEOPLE)),
  global(q('Mutation.revokePresharedKey', `mutation($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }`, PEOPLE, async (e) => {
    // A person's own key; a key or an agent is given a bystander's, which is no more theirs.
    const owner = PEOPLE.includes(e.role) ? e.actorId : (await e.other()).id;
    return { id: (await e.admin.data(`mutation($u: ID!) { createPresharedKey(input: { label: "x", userId: $u }) { presharedKey { id } } }`, { u: owner })).createPresharedKey.presharedKey.id };
  })),
  global(q('Mutation.registerClient', `mutation($k: String!) { registerClient(input: { presharedKey: $k, label: "client" }) { token } }`, ROLES, async (e) => ({
    k: (await e.admin.data(`mutation($u: ID!) { createPresharedKey(input: { label: "x", userId: $u }) { key } }`, { u: (await e.other()).id })).createPresharedKey.key,
  }))),
  global(q('Mutation.createOrganization', `mutation($s: String!) { createOrganization(input: { name: "New", slug: $s }) { organization { id } } }`, PEOPLE, async () => ({ s: unique('new').toLowerCase() }))),
  global(q('Mutation.addMember', `mutation($o: ID!, $u: ID!) { addMember(input: { organizationId: $o, userId: $u, role: VIEWER }) { member { id } } }`, SYSTEM, async (e) => ({ o: e.org.id, u: (await e.other()).id }))),
  global(q('Mutation.acceptInvitation', `mutation($s: String!, $u: String!) { acceptInvitation(input: { secret: $s, username: $u, password: "a-long-password" }) { member { id } } }`, ['anonymous', ...PEOPLE], async (e) => {
    const founder = graphqlClient(appUrl, (await createUser(e.admin)).token);
    const org = await createOrganization(founder);
    // Sent to the caller: a signed-in person accepts only what was sent to them.
    const email = actors[e.role].email ?? `${unique('inv')}@example.test`;
    const { inviteUrl } = (await founder.data(`mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { inviteUrl } }`, { i: { organizationId: org.id, email, role: 'VIEWER' } })).createInvitation;
    return { s: inviteUrl.split('#')[1], u: unique('joiner') };
  })),

  q('Query.organization', `query($o: ID!) { organization(id: $o) { slug memberCount } }`, MEMBERS, orgOnly),
  q('Query.authorizationCheck', `query($o: ID!) { authorizationCheck(organizationId: $o, actions: ["server.write"]) { allowed } }`, SIGNED_IN, orgOnly),
  q('Query.authorizationCheckEntities', `query($o: ID!, $s: ID!) { authorizationCheckEntities(organizationId: $o, checks: [{ action: "server.read", resourceId: $s }]) { allowed } }`, SIGNED_IN, async (e) => ({ o: e.org.id, s: e.org.server.id })),
  q('Query.mcpServers', `query($o: ID!) { mcpServers(filter: { organizationId: $o }) { totalCount } }`, MEMBERS, orgOnly),
  q('Query.mcpServer', `query($id: ID!) { mcpServer(id: $id) { name envNames } }`, MEMBERS, async (e) => ({ id: e.org.server.id })),
  q('Query.deployment', `query($id: ID!) { deployment(id: $id) { status } }`, MEMBERS, async (e) =>
    ({ id: (await e.admin.data(`query($id: ID!) { mcpServer(id: $id) { currentDeployment { id } } }`, { id: e.org.server.id })).mcpServer.currentDeployment.id })),
  q('Query.deploymentOperation', `query($id: ID!) { deploymentOperation(id: $id) { status } }`, MEMBERS, async (e) => {
    await e.admin.data(`mutation($id: ID!) { checkMcpServerHosting(input: { id: $id }) { ok } }`, { id: e.org.server.id });
    const { mcpServer } = await e.admin.data(`query($id: ID!) { mcpServer(id: $id) { operations(last: 1) { edges { node { id } } } } }`, { id: e.org.server.id });
    return { id: mcpServer.operations.edges[0].node.id };
  }),
  q('Query.availableMcpServers', `query($o: ID!) { availableMcpServers(organizationId: $o) { totalCount } }`, PEOPLE, orgOnly),
  q('Query.group', `query($id: ID!) { group(id: $id) { name } }`, ADMINS, fresh.group),
  q('Query.tool', `query($s: ID!) { tool(serverId: $s, name: "echo") { id } }`, MEMBERS, async (e) => ({ s: e.org.server.id })),
  q('Query.groups', `query($o: ID!) { groups(organizationId: $o) { totalCount } }`, ADMINS, orgOnly),
  q('Query.agents', `query($o: ID!) { agents(organizationId: $o) { totalCount } }`, OPERATORS, orgOnly),
  q('Query.agent', `query($id: ID!) { agent(id: $id) { name } }`, OPERATORS, fresh.agent),
  q('Query.serviceAccounts', `query($o: ID!) { serviceAccounts(organizationId: $o) { totalCount } }`, ADMINS, orgOnly),
  q('Query.serviceAccount', `query($id: ID!) { serviceAccount(id: $id) { name } }`, ADMINS, fresh.account),
  q('Subscription.deploymentStatus', `subscription($id: ID!) { deploymentStatus(serverId: $id) { status } }`, MEMBERS, async (e) => ({ id: e.org.server.id })),

  q('Mutation.updateOrganization', `mutation($o: ID!) { updateOrganization(input: { id: $o, name: "Renamed" }) { organization { id } } }`, ADMINS, orgOnly),
  q('Mutation.deleteOrganization', `mutation($o: ID!) { deleteOrganization(input: { id: $o }) { deletedOrganizationId } }`, ADMINS, async (e) => ({ o: await disposableOrg(e) })),
  q('Mutation.updateMemberRole', `mutation($o: ID!, $u: ID!) { updateMemberRole(input: { organizationId: $o, userId: $u, role: DEVELOPER }) { member { role } } }`, ADMINS, fresh.member),
  q('Mutation.removeMember', `mutation($o: ID!, $u: ID!) { removeMember(input: { organizationId: $o, userId: $u }) { removedUserId } }`, ADMINS, fresh.member),
  q('Mutation.createInvitation', `mutation($o: ID!, $m: String!) { createInvitation(input: { organizationId: $o, email: $m, role: VIEWER }) { inviteUrl } }`, ADMINS, async (e) => ({ o: e.org.id, m: `${unique('inv')}@example.test` })),
  q('Mutation.resendInvitation', `mutation($id: ID!) { resendInvitation(input: { id: $id }) { inviteUrl } }`, ADMINS, async (e) => {
    const invitation = await fresh.invitation(e);
    // A resend waits a minute after the last mail: this one went out an hour ago.
    await t.app.services.orm.em.fork().nativeUpdate(MailMessage, { subjectId: invitation.id }, { createdAt: new Date(Date.now() - 3_600_000) });
    return invitation;
  }),
  q('Mutation.revokeInvitation', `mutation($id: ID!) { revokeInvitation(input: { id: $id, reason: "no" }) { invitation { id } } }`, ADMINS, fresh.invitation),
  q('Mutation.createServiceAccount', `mutation($o: ID!, $n: String!) { createServiceAccount(input: { organizationId: $o, name: $n }) { key } }`, ADMINS, async (e) => ({ o: e.org.id, n: unique('sa') })),
  q('Mutation.createServiceAccountKey', `mutation($id: ID!) { createServiceAccountKey(input: { serviceAccountId: $id }) { key } }`, ADMINS, fresh.account),
  q('Mutation.updateServiceAccount', `mutation($id: ID!) { updateServiceAccount(input: { id: $id, role: DEVELOPER }) { serviceAccount { id } } }`, ADMINS, fresh.account),
  q('Mutation.deleteServiceAccount', `mutation($id: ID!) { deleteServiceAccount(input: { id: $id }) { deletedServiceAccountId } }`, ADMINS, fresh.account),

  q('Query.toolset', `query($id: ID!) { toolset(id: $id) { name serverCount } }`, MEMBERS, fresh.toolset),
  q('Query.toolsets', `query($o: ID!) { toolsets(organizationId: $o) { totalCount } }`, MEMBERS, orgOnly),
  q('Mutation.createToolset', `mutation($o: ID!, $n: String!) { createToolset(input: { organizationId: $o, name: $n }) { toolset { id } } }`, OPERATORS, async (e) => ({ o: e.org.id, n: unique('tls') })),
  q('Mutation.updateToolset', `mutation($id: ID!) { updateToolset(input: { id: $id, description: "x" }) { toolset { id } } }`, OPERATORS, fresh.toolset),
  q('Mutation.deleteToolset', `mutation($id: ID!) { deleteToolset(input: { id: $id }) { deletedToolsetId } }`, OPERATORS, fresh.toolset),
  q('Mutation.copyToolset', `mutation($id: ID!, $n: String!) { copyToolset(input: { id: $id, name: $n }) { toolset { id } } }`, OPERATORS, async (e) => ({ ...(await fresh.toolset(e)), n: unique('copy') })),
  q('Mutation.addToolsetServer', `mutation($id: ID!, $s: ID!) { addToolsetServer(input: { toolsetId: $id, serverId: $s }) { entry { tools } } }`, OPERATORS, async (e) => ({ ...(await fresh.toolset(e)), s: e.org.server.id })),
  q('Mutation.updateToolsetServer', `mutation($id: ID!, $s: ID!) { updateToolsetServer(input: { toolsetId: $id, serverId: $s, tools: ["echo"] }) { entry { tools } } }`, OPERATORS, fresh.toolsetWithServer),
  q('Mutation.validateToolset', `mutation($id: ID!) { validateToolset(input: { id: $id }) { ok } }`, OPERATORS, fresh.toolsetWithServer),
  q('Mutation.removeToolsetServers', `mutation($id: ID!, $s: ID!) { removeToolsetServers(input: { toolsetId: $id, serverId: $s }) { toolset { id } } }`, OPERATORS, fresh.toolsetWithServer),

  q('Mutation.exportToolset', `mutation($id: ID!) { exportToolset(input: { id: $id }) { document } }`, OPERATORS, fresh.toolsetWithServer),
  q('Mutation.importToolset', `mutation($o: ID!, $d: JSON!) { importToolset(input: { organizationId: $o, document: $d }) { toolset { id } } }`, OPERATORS, async (e) => ({
    o: e.org.id, d: { format: 'switchboard.toolset/1', name: unique('imported'), description: null, servers: [] },
  })),

  q('Query.project', `query($id: ID!) { project(id: $id) { name members { id } toolset { id } } }`, MEMBERS, fresh.project),
  q('Query.projects', `query($o: ID!) { projects(organizationId: $o) { totalCount } }`, MEMBERS, orgOnly),
  q('Mutation.createProject', `mutation($o: ID!, $n: String!) { createProject(input: { organizationId: $o, name: $n }) { project { id } } }`, ADMINS, async (e) => ({ o: e.org.id, n: unique('prj') })),
  q('Mutation.deleteProject', `mutation($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }`, ADMINS, fresh.project),
  q('Mutation.assignProjectToolset', `mutation($p: ID!, $t: ID!) { assignProjectToolset(input: { projectId: $p, toolsetId: $t }) { project { id } } }`, ADMINS, async (e) => ({ p: (await fresh.project(e)).id, t: (await fresh.toolset(e)).id })),
  q('Mutation.unassignProjectToolset', `mutation($p: ID!) { unassignProjectToolset(input: { projectId: $p }) { project { id } } }`, ADMINS, async (e) => ({ p: (await fresh.project(e)).id })),
  q('Mutation.addProjectMembers', `mutation($p: ID!, $u: ID!) { addProjectMembers(input: { projectId: $p, userIds: [$u] }) { project { id } } }`, ADMINS, async (e) => ({ p: (await fresh.project(e)).id, u: (await fresh.member(e)).u })),
  q('Mutation.removeProjectMembers', `mutation($id: ID!, $u: ID!) { removeProjectMembers(input: { projectId: $id, userId: $u }) { project { id } } }`, ADMINS, fresh.projectWithMember),
  q('Mutation.exportProject', `mutation($id: ID!) { exportProject(input: { id: $id }) { document } }`, ADMINS, fresh.project),
  q('Mutation.createProjectApiKey', `mutation($id: ID!, $u: ID!) { createProjectApiKey(input: { projectId: $id, userId: $u }) { token } }`, ADMINS, fresh.projectWithMember, 'for a member of the project'),
  global(q('Mutation.createProjectApiKey', `mutation($id: ID!) { createProjectApiKey(input: { projectId: $id }) { token } }`, PEOPLE, async (e) => {
    // A system administrator belongs to no organization: theirs is one they found.
    const org = e.role === 'systemAdmin' ? await createOrganization(graphqlClient(appUrl, actors.systemAdmin.token)) : e.org;
    const { id } = await fresh.project({ ...e, org: { ...e.org, id: org.id } });
    // People join their project; a key or an agent has no person to put there.
    if (PEOPLE.includes(e.role)) await e.admin.data(`mutation($i: AddProjectMembersInput!) { addProjectMembers(input: $i) { project { id } } }`, { i: { projectId: id, userIds: [e.actorId] } });
    return { id };
  }, 'own, in their project')),
  q('Query.credentials', `query($p: ID!) { credentials(filter: { projectId: $p }) { totalCount } }`, PEOPLE, async (e) => ({ p: (await fresh.project(e)).id }), "a project's: own, or all for admins"),
  q('Mutation.revokeUserApiKeys', `mutation($u: ID!, $p: ID!) { revokeUserApiKeys(input: { userId: $u, projectId: $p }) { revokedCount } }`, PEOPLE, async (e) => ({ u: e.actorId, p: (await fresh.project(e)).id }), "own keys of a project"),
  q('Mutation.revokeUserApiKeys', `mutation($u: ID!, $p: ID!) { revokeUserApiKeys(input: { userId: $u, projectId: $p }) { revokedCount } }`, ADMINS, async (e) => {
    const { id, u } = await fresh.projectWithMember(e);
    return { u, p: id };
  }, "a member's keys of a project"),
  q('Query.credentialByToken', `query($k: String!) { credentialByToken(token: $k) { id } }`, ADMINS, async (e) => ({ k: (await orgMember(e.admin, e.org.id, 'VIEWER')).token })),

  q('Mutation.createMcpServer', `mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, OPERATORS, async (e) => ({ i: httpServer(e.org.id) })),
  q('Mutation.updateMcpServer', `mutation($id: ID!) { updateMcpServer(input: { id: $id, description: "changed" }) { server { id } } }`, OPERATORS, fresh.server),
  q('Mutation.deleteMcpServer', `mutation($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`, OPERATORS, fresh.server),
  q('Mutation.validateMcpServer', `mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok } }`, OPERATORS, fresh.server),
  q('Mutation.updateDeploymentConfig', `mutation($id: ID!) { updateDeploymentConfig(input: { id: $id, callTimeoutMs: 1000 }) { config { callTimeoutMs } } }`, OPERATORS, fresh.server),
  q('Mutation.restartMcpServer', `mutation($id: ID!) { restartMcpServer(input: { id: $id }) { ok } }`, OPERATORS, fresh.server),
  q('Mutation.stopMcpServer', `mutation($id: ID!) { stopMcpServer(input: { id: $id }) { ok } }`, OPERATORS, fresh.server),
  q('Mutation.checkMcpServerHosting', `mutation($id: ID!) { checkMcpServerHosting(input: { id: $id }) { ok } }`, OPERATORS, fresh.server),
  q('Mutation.smokeListMcpTools', `mutation($id: ID!) { smokeListMcpTools(input: { id: $id }) { ok } }`, OPERATORS, fresh.server),
  q('Mutation.smokeCallMcpTool', `mutation($id: ID!) { smokeCallMcpTool(input: { id: $id, tool: "echo", arguments: { text: "x" } }) { ok } }`, OPERATORS, fresh.server),
  q('Mutation.publishMcpServer', `mutation($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }`, ADMINS, async (e) => ({ id: e.org.server.id })),
  q('Mutation.archiveMcpServer', `mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { id } } }`, ADMINS, fresh.server),
  q('Mutation.createOpenApiServer', `mutation($i: CreateOpenApiServerInput!) { createOpenApiServer(input: $i) { server { id } } }`, OPERATORS, async (e) => ({ i: openApiServer(e.org.id) })),
  q('Mutation.replaceOpenApiSpec', `mutation($id: ID!, $s: String!) { replaceOpenApiSpec(input: { id: $id, spec: $s }) { server { id } } }`, OPERATORS, async (e) => ({ ...(await fresh.openApi(e)), s: TINY_SPEC })),
  q('Mutation.refreshOpenApiSpec', `mutation($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { id } } }`, OPERATORS, async (e) => fresh.openApi(e, { specUrl: `${appUrl}/api/v0/openapi.json` })),
  q('Mutation.setOpenApiEndpoints', `mutation($id: ID!) { setOpenApiEndpoints(input: { id: $id, enabled: ["getA"] }) { server { id } } }`, OPERATORS, fresh.openApi),
  q('Mutation.setOpenApiAuth', `mutation($id: ID!) { setOpenApiAuth(input: { id: $id, auth: { type: BEARER, secret: "s3cret" } }) { server { id } } }`, OPERATORS, fresh.openApi),
  q('Mutation.discoverOpenApiAuth', `mutation($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery { required } } }`, OPERATORS, fresh.openApi),
  q('Mutation.setServerKillSwitch', `mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: false }) { server { id } } }`, ADMINS, async (e) => ({ id: e.org.server.id })),
  q('Mutation.updateTool', `mutation($id: ID!) { updateTool(input: { id: $id, instructions: "be careful" }) { tool { id } } }`, OPERATORS, async (e) => ({ id: e.org.server.tools.echo })),
  q('Mutation.updateTools', `mutation($s: ID!, $id: ID!) { updateTools(input: { serverId: $s, tools: [{ id: $id, whenToUse: "always" }] }) { tools { id } } }`, OPERATORS, async (e) => ({ s: e.org.server.id, id: e.org.server.tools.echo })),
  q('Mutation.setToolKillSwitch', `mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: false }) { tool { id } } }`, ADMINS, async (e) => ({ id: e.org.server.tools.add })),
  q('Mutation.createGroup', `mutation($o: ID!, $n: String!) { createGroup(input: { name: $n, organizationId: $o }) { group { id } } }`, ADMINS, async (e) => ({ o: e.org.id, n: unique('grp') })),
  q('Mutation.updateGroup', `mutation($id: ID!) { updateGroup(input: { id: $id, description: "x" }) { group { id } } }`, ADMINS, fresh.group),
  q('Mutation.deleteGroup', `mutation($id: ID!) { deleteGroup(input: { id: $id }) { deletedGroupId } }`, ADMINS, fresh.group),
  q('Mutation.updateGroupMembers', `mutation($id: ID!, $u: ID!) { updateGroupMembers(input: { id: $id, add: [$u] }) { group { id } } }`, ADMINS, async (e) => ({ ...(await fresh.group(e)), u: (await fresh.member(e)).u })),
  q('Mutation.updateGroupServers', `mutation($id: ID!, $s: ID!) { updateGroupServers(input: { id: $id, add: [$s] }) { group { id } } }`, ADMINS, async (e) => ({ ...(await fresh.group(e)), s: e.org.server.id })),
  q('Mutation.createAgent', `mutation($o: ID!, $n: String!) { createAgent(input: { name: $n, allowList: ["*"], organizationId: $o }) { token } }`, OPERATORS, async (e) => ({ o: e.org.id, n: unique('agt') })),
  q('Mutation.issueAgentToken', `mutation($id: ID!) { issueAgentToken(input: { agentId: $id }) { token } }`, OPERATORS, async (e) => ({ id: (await fresh.agent(e)).id })),
  q('Mutation.updateAgent', `mutation($id: ID!) { updateAgent(input: { id: $id, allowList: [] }) { agent { id } } }`, OPERATORS, fresh.agent),
  q('Mutation.deleteAgent', `mutation($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }`, OPERATORS, fresh.agent),
  q('Mutation.setMyServerSecrets', `mutation($id: ID!) { setMyServerSecrets(input: { serverId: $id, values: [{ name: "PERSONAL_TOKEN", value: "mine" }] }) { names } }`, PEOPLE, async (e) => ({ id: e.org.server.id })),
  q('Mutation.subscribeToServer', `mutation($id: ID!) { subscribeToServer(input: { serverId: $id }) { server { subscribed } } }`, ['developer', 'orgAdmin', 'systemAdmin'], async (e) => ({ id: e.org.server.id }), 'not offered to viewers'),
  q('Mutation.unsubscribeFromServer', `mutation($id: ID!) { unsubscribeFromServer(input: { serverId: $id }) { server { subscribed } } }`, PEOPLE, async (e) => ({ id: e.org.server.id })),
];

let t: TestApp;
let appUrl: string;
const orgs = {} as Record<'home' | 'away', Org>;
const actors = {} as Record<Role, { id: string; token: string | null; password: string | null; credentialId?: string; email?: string }>;

/**
 * Deleting consumes its organization: at home, a new one the caller belongs to with their role. A key
 * or an agent belongs to one organization only, so theirs is the home one, which they may not delete.
 */
async function disposableOrg(e: Env): Promise<string> {
  const orgRole = { viewer: 'VIEWER', developer: 'DEVELOPER', orgAdmin: 'ADMIN' }[e.role as string];
  if (e.org === orgs.home && ['serviceKey', 'agent'].includes(e.role)) return orgs.home.id;
  const org = await createOrganization(graphqlClient(appUrl, (await createUser(e.admin)).token));
  if (e.org === orgs.home && orgRole) await e.admin.data(`mutation($i: OrganizationMemberInput!) { addMember(input: $i) { member { id } } }`, { i: { organizationId: org.id, userId: e.actorId, role: orgRole } });
  return org.id;
}

async function orgWithServer(admin: GraphQLClient, orgId: string): Promise<Org> {
  const server = await readyServer(admin, { ...fixtureStdio(unique('matrix')), organizationId: orgId, envSchema: [{ name: 'PERSONAL_TOKEN', scope: 'USER' }] });
  return { id: orgId, server };
}

beforeAll(async () => {
  t = await startTestApp();
  appUrl = t.url;
  const home = await createOrganization(t.client((await createUser(t.admin)).token));
  const away = await createOrganization(t.client((await createUser(t.admin)).token));
  [orgs.home, orgs.away] = await Promise.all([orgWithServer(t.admin, home.id), orgWithServer(t.admin, away.id)]);
  const person = (role: 'VIEWER' | 'DEVELOPER' | 'ADMIN') => orgMember(t.admin, home.id, role);
  const [viewer, developer, orgAdmin, bystander] = await Promise.all([person('VIEWER'), person('DEVELOPER'), person('ADMIN'), person('VIEWER')]);
  const systemAdmin = await createUser(t.admin, { role: 'ADMIN' });
  const key = await serviceAccount(t.admin, home.id, 'DEVELOPER');
  const agent = (await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id credential { id } } token } }`, { i: { name: unique('agt'), allowList: ['*'], organizationId: home.id } })).createAgent;
  Object.assign(actors, {
    anonymous: { id: bystander.id, token: null, password: bystander.password },
    ...Object.fromEntries(Object.entries({ viewer, developer, orgAdmin, systemAdmin }).map(([role, a]) => [role, { ...a, email: `${a.username}@example.test` }])),
    serviceKey: { id: key.id, token: key.key, password: null, credentialId: key.credential.id },
    agent: { id: agent.agent.id, token: agent.token, password: null, credentialId: agent.agent.credential.id },
  });
}, 60_000);
afterAll(() => t.stop());

async function run(c: Case, role: Role, org: Org): Promise<GraphQLResponse> {
  const actor = actors[role];
  const env: Env = { admin: t.admin, org, role, actorId: actor.id, actorPassword: actor.password, other: () => createUser(t.admin) };
  const variables = await c.variables?.(env);
  if (!c.operation.startsWith('Subscription.')) return t.client(actor.token).request(c.document, variables);
  const client = wsClient(t.url, actor.token);
  const held = () => t.app.services.streams.subscriptionsHeld(actor.id);
  const sleep = () => new Promise((r) => setTimeout(r, 10));
  // The previous case's subscription is given back as its socket closes: start from none.
  while (held() > 0) await sleep();
  const sub = subscribe(client, c.document, variables);
  // Settled once the server holds the subscription (it was allowed) or has refused it.
  let settled = false;
  const started = (async () => {
    while (!settled && held() === 0) await sleep();
  })();
  try {
    await Promise.race([started, sub.next(10_000)]);
    return { status: 200, data: {}, headers: new Headers() };
  } catch (errors) {
    return { status: 200, errors: errors as GraphQLResponse['errors'], headers: new Headers() };
  } finally {
    settled = true;
    sub.close();
    await client.dispose();
  }
}

/** What a caller gets: at home, the operation or a refusal; away, nothing a system administrator would not get. */
function expected(c: Case, role: Role, where: 'home' | 'away'): string[] {
  if (role === 'anonymous' && !c.allowed.includes(role)) return ['UNAUTHENTICATED'];
  if (where === 'home' || role === 'systemAdmin') return [c.allowed.includes(role) ? (c.allowedGets ?? 'OK') : 'FORBIDDEN'];
  return c.allowed.includes(role) ? ['NOT_FOUND'] : ['FORBIDDEN', 'NOT_FOUND'];
}

describe('authorization matrix', () => {
  it('covers every operation in the schema', () => {
    const operations = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) =>
      Object.keys(schema.getType(root) ? (schema.getType(root) as { getFields(): object }).getFields() : {}).map((f) => `${root}.${f}`));
    const covered = new Set(cases.map((c) => c.operation));
    expect(operations.filter((op) => !covered.has(op))).toEqual([]);
  });

  for (const c of cases) {
    for (const where of c.unscoped ? (['home'] as const) : (['home', 'away'] as const)) {
      for (const role of ROLES) {
        const codes = expected(c, role, where);
        it(`${c.operation}${c.note ? ` (${c.note})` : ''}${c.unscoped ? '' : ` in ${where === 'home' ? 'its own' : 'another'} organization`} as ${role} → ${codes.join(' or ')}`, async () => {
          expect(codes).toContain(codeOf(await run(c, role, orgs[where])));
        });
      }
    }
  }
});
