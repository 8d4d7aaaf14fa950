import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient, type GraphQLResponse } from './support/graphql.ts';
import { createToken, createUser, unique, type CreatedUser } from './support/fixtures.ts';
import { createAgent, fixtureStdio, readyServer, registerServer } from './support/mcp.ts';
import { subscribe, wsClient } from './support/ws.ts';

/**
 * Every operation of the schema × every kind of caller. An operation missing from `cases` fails the
 * coverage test, so a new query or mutation joins this matrix as soon as it exists.
 */
type Role = 'anonymous' | 'user' | 'admin';
const ROLES: Role[] = ['anonymous', 'user', 'admin'];

interface Env {
  admin: GraphQLClient;
  /** A validated fixture server with a USER variable, and one of its tools. */
  server: { id: string; tools: Record<string, string> };
  /** The caller, or (for anonymous) a bystander whose resources the call targets. */
  actor: CreatedUser;
  other: () => Promise<CreatedUser>;
}

interface Case {
  operation: string;
  note?: string;
  document: string;
  variables?: (env: Env) => Promise<Record<string, unknown>>;
  allowed: Role[];
}

const ownToken = async (env: Env) => ({ id: (await createToken(env.admin, { userId: env.actor.id })).id });
const othersToken = async (env: Env) => ({ id: (await createToken(env.admin, { userId: (await env.other()).id })).id });
const SIGNED_IN: Role[] = ['user', 'admin'];
const freshServer = async (e: Env) => ({ id: await registerServer(e.admin, fixtureStdio(unique('srv'))) });
const freshGroup = async (e: Env) => ({ id: (await e.admin.data(`mutation($n: String!) { createGroup(input: { name: $n }) { group { id } } }`, { n: unique('grp') })).createGroup.group.id });
const freshAgent = async (e: Env) => ({ id: (await createAgent(e.admin, unique('agt'), ['*'])).id });
const ADMIN: Role[] = ['admin'];

const cases: Case[] = [
  { operation: 'Query.viewer', document: `{ viewer { username } }`, allowed: SIGNED_IN },
  { operation: 'Query.node', note: 'own user', document: `query($id: ID!) { node(id: $id) { id } }`, variables: async (e) => ({ id: e.actor.id }), allowed: SIGNED_IN },
  { operation: 'Query.node', note: "another user", document: `query($id: ID!) { node(id: $id) { id } }`, variables: async (e) => ({ id: (await e.other()).id }), allowed: ['admin'] },
  { operation: 'Query.node', note: "another's credential", document: `query($id: ID!) { node(id: $id) { id } }`, variables: othersToken, allowed: ['admin'] },
  { operation: 'Query.nodes', document: `query($id: ID!) { nodes(ids: [$id]) { id } }`, variables: async (e) => ({ id: (await e.other()).id }), allowed: ['admin'] },
  { operation: 'Query.user', note: 'self', document: `query($id: ID!) { user(id: $id) { username } }`, variables: async (e) => ({ id: e.actor.id }), allowed: SIGNED_IN },
  { operation: 'Query.user', note: 'another user', document: `query($u: String!) { user(username: $u) { username } }`, variables: async (e) => ({ u: (await e.other()).username }), allowed: ['admin'] },
  { operation: 'Query.users', document: `{ users { totalCount } }`, allowed: ['admin'] },
  { operation: 'Query.credentials', note: 'own', document: `{ credentials { totalCount } }`, allowed: SIGNED_IN },
  { operation: 'Query.credentials', note: "another user's", document: `query($u: ID!) { credentials(filter: { userId: $u }) { totalCount } }`, variables: async (e) => ({ u: (await e.other()).id }), allowed: ['admin'] },
  { operation: 'Query.organizations', document: `{ organizations { edges { node { slug } } } }`, allowed: SIGNED_IN },
  { operation: 'Query.organization', document: `query($id: ID!) { organization(id: $id) { slug } }`, variables: async (e) => ({ id: (await e.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id }), allowed: SIGNED_IN },
  { operation: 'Query.auditEvents', document: `{ auditEvents(first: 1) { totalCount } }`, allowed: SIGNED_IN },
  { operation: 'Query.auditLog', document: `{ auditLog(limit: 1) { total events { seq } } }`, allowed: SIGNED_IN },
  { operation: 'Mutation.login', document: `mutation($i: LoginInput!) { login(input: $i) { token } }`, variables: async (e) => ({ i: { username: e.actor.username, password: e.actor.password } }), allowed: ROLES },
  { operation: 'Mutation.logout', document: `mutation { logout }`, allowed: SIGNED_IN },
  { operation: 'Mutation.changePassword', document: `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`, variables: async (e) => ({ i: { currentPassword: e.actor.password, newPassword: e.actor.password } }), allowed: SIGNED_IN },
  { operation: 'Mutation.createUser', document: `mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, variables: async () => ({ u: unique('made') }), allowed: ['admin'] },
  { operation: 'Mutation.updateUser', document: `mutation($id: ID!) { updateUser(input: { id: $id, displayName: "Renamed" }) { user { id } } }`, variables: async (e) => ({ id: (await e.other()).id }), allowed: ['admin'] },
  { operation: 'Mutation.updateUser', note: 'own role', document: `mutation($id: ID!) { updateUser(input: { id: $id, role: ADMIN }) { user { id } } }`, variables: async (e) => ({ id: e.actor.id }), allowed: ['admin'] },
  { operation: 'Mutation.deleteUser', document: `mutation($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }`, variables: async (e) => ({ id: (await e.other()).id }), allowed: ['admin'] },
  { operation: 'Mutation.resetUserPassword', document: `mutation($id: ID!) { resetUserPassword(input: { id: $id, password: "another-pass-1" }) { user { id } } }`, variables: async (e) => ({ id: (await e.other()).id }), allowed: ['admin'] },
  { operation: 'Mutation.createApiToken', note: 'own', document: `mutation { createApiToken(input: { name: "mine" }) { token } }`, allowed: SIGNED_IN },
  { operation: 'Mutation.createApiToken', note: 'for another user', document: `mutation($u: ID!) { createApiToken(input: { name: "theirs", userId: $u }) { token } }`, variables: async (e) => ({ u: (await e.other()).id }), allowed: ['admin'] },
  ...(['rotateCredential', 'revokeCredential', 'disableCredential', 'enableCredential'] as const).flatMap((op): Case[] => [
    { operation: `Mutation.${op}`, note: 'own', document: `mutation($id: ID!) { ${op}(input: { id: $id }) { credential { id } } }`, variables: ownToken, allowed: SIGNED_IN },
    { operation: `Mutation.${op}`, note: "another's", document: `mutation($id: ID!) { ${op}(input: { id: $id }) { credential { id } } }`, variables: othersToken, allowed: ['admin'] },
  ]),
  { operation: 'Subscription.auditEvents', document: `subscription { auditEvents { type } }`, allowed: SIGNED_IN },
  { operation: 'Subscription.deploymentStatus', document: `subscription($id: ID!) { deploymentStatus(serverId: $id) { status } }`, variables: async (e) => ({ id: e.server.id }), allowed: SIGNED_IN },
  { operation: 'Query.mcpServers', document: `{ mcpServers { totalCount } }`, allowed: SIGNED_IN },
  { operation: 'Query.mcpServer', document: `query($id: ID!) { mcpServer(id: $id) { name envNames } }`, variables: async (e) => ({ id: e.server.id }), allowed: SIGNED_IN },
  { operation: 'Query.availableMcpServers', document: `{ availableMcpServers { totalCount } }`, allowed: SIGNED_IN },
  { operation: 'Mutation.subscribeToServer', note: 'not offered to viewers', document: `mutation($id: ID!) { subscribeToServer(input: { serverId: $id }) { server { subscribed } } }`, variables: async (e) => ({ id: e.server.id }), allowed: ADMIN },
  { operation: 'Mutation.unsubscribeFromServer', document: `mutation($id: ID!) { unsubscribeFromServer(input: { serverId: $id }) { server { subscribed } } }`, variables: async (e) => ({ id: e.server.id }), allowed: SIGNED_IN },
  { operation: 'Query.groups', document: `{ groups { totalCount } }`, allowed: ADMIN },
  { operation: 'Query.agents', document: `{ agents { totalCount } }`, allowed: ADMIN },
  { operation: 'Query.agent', document: `query($id: ID!) { agent(id: $id) { name } }`, variables: freshAgent, allowed: ADMIN },
  { operation: 'Mutation.createMcpServer', document: `mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, variables: async () => ({ i: fixtureStdio(unique('new')) }), allowed: ADMIN },
  { operation: 'Mutation.updateMcpServer', document: `mutation($id: ID!) { updateMcpServer(input: { id: $id, description: "changed" }) { server { id } } }`, variables: freshServer, allowed: ADMIN },
  { operation: 'Mutation.deleteMcpServer', document: `mutation($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`, variables: freshServer, allowed: ADMIN },
  { operation: 'Mutation.validateMcpServer', document: `mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok } }`, variables: freshServer, allowed: ADMIN },
  { operation: 'Mutation.publishMcpServer', document: `mutation($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }`, variables: async (e) => ({ id: e.server.id }), allowed: ADMIN },
  { operation: 'Mutation.archiveMcpServer', document: `mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { id } } }`, variables: freshServer, allowed: ADMIN },
  { operation: 'Mutation.setServerKillSwitch', document: `mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: false }) { server { id } } }`, variables: async (e) => ({ id: e.server.id }), allowed: ADMIN },
  { operation: 'Mutation.updateTool', document: `mutation($id: ID!) { updateTool(input: { id: $id, instructions: "be careful" }) { tool { id } } }`, variables: async (e) => ({ id: e.server.tools.echo }), allowed: ADMIN },
  { operation: 'Mutation.updateTools', document: `mutation($s: ID!, $id: ID!) { updateTools(input: { serverId: $s, tools: [{ id: $id, whenToUse: "always" }] }) { tools { id } } }`, variables: async (e) => ({ s: e.server.id, id: e.server.tools.echo }), allowed: ADMIN },
  { operation: 'Mutation.setToolKillSwitch', document: `mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: false }) { tool { id } } }`, variables: async (e) => ({ id: e.server.tools.add }), allowed: ADMIN },
  { operation: 'Mutation.createGroup', document: `mutation($n: String!) { createGroup(input: { name: $n }) { group { id } } }`, variables: async () => ({ n: unique('grp') }), allowed: ADMIN },
  { operation: 'Mutation.updateGroup', document: `mutation($id: ID!) { updateGroup(input: { id: $id, description: "x" }) { group { id } } }`, variables: freshGroup, allowed: ADMIN },
  { operation: 'Mutation.deleteGroup', document: `mutation($id: ID!) { deleteGroup(input: { id: $id }) { deletedGroupId } }`, variables: freshGroup, allowed: ADMIN },
  { operation: 'Mutation.updateGroupMembers', document: `mutation($id: ID!, $u: ID!) { updateGroupMembers(input: { id: $id, add: [$u] }) { group { id } } }`, variables: async (e) => ({ ...(await freshGroup(e)), u: e.actor.id }), allowed: ADMIN },
  { operation: 'Mutation.updateGroupServers', document: `mutation($id: ID!, $s: ID!) { updateGroupServers(input: { id: $id, add: [$s] }) { group { id } } }`, variables: async (e) => ({ ...(await freshGroup(e)), s: e.server.id }), allowed: ADMIN },
  { operation: 'Mutation.createAgent', document: `mutation($n: String!) { createAgent(input: { name: $n, allowList: ["*"] }) { token } }`, variables: async () => ({ n: unique('agt') }), allowed: ADMIN },
  { operation: 'Mutation.updateAgent', document: `mutation($id: ID!) { updateAgent(input: { id: $id, allowList: [] }) { agent { id } } }`, variables: freshAgent, allowed: ADMIN },
  { operation: 'Mutation.deleteAgent', document: `mutation($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }`, variables: freshAgent, allowed: ADMIN },
  { operation: 'Mutation.setMyServerSecrets', document: `mutation($id: ID!) { setMyServerSecrets(input: { serverId: $id, values: [{ name: "PERSONAL_TOKEN", value: "mine" }] }) { names } }`, variables: async (e) => ({ id: e.server.id }), allowed: SIGNED_IN },
];

let t: TestApp;
let server: Env['server'];
const actors = {} as Record<Role, CreatedUser>;
beforeAll(async () => {
  t = await startTestApp();
  server = await readyServer(t.admin, fixtureStdio('matrix', { envSchema: [{ name: 'PERSONAL_TOKEN', scope: 'USER' }] }));
  actors.user = await createUser(t.admin);
  actors.admin = await createUser(t.admin, { role: 'ADMIN' });
  actors.anonymous = await createUser(t.admin);
});
afterAll(() => t.stop());

async function run(c: Case, role: Role): Promise<GraphQLResponse> {
  const actor = actors[role];
  const variables = await c.variables?.({ admin: t.admin, server, actor, other: () => createUser(t.admin) });
  const token = role === 'anonymous' ? null : actor.token;
  if (!c.operation.startsWith('Subscription.')) return t.client(token).request(c.document, variables);
  const client = wsClient(t.url, token);
  const sub = subscribe(client, c.document, variables);
  try {
    await sub.drain(300);
    return { status: 200, data: {}, headers: new Headers() };
  } catch (errors) {
    return { status: 200, errors: errors as GraphQLResponse['errors'], headers: new Headers() };
  } finally {
    sub.close();
    await client.dispose();
  }
}

describe('authorization matrix', () => {
  it('covers every operation in the schema', () => {
    const operations = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) =>
      Object.keys(schema.getType(root) ? (schema.getType(root) as { getFields(): object }).getFields() : {}).map((f) => `${root}.${f}`));
    const covered = new Set(cases.map((c) => c.operation));
    expect(operations.filter((op) => !covered.has(op))).toEqual([]);
  });

  for (const c of cases) {
    for (const role of ROLES) {
      const allowed = c.allowed.includes(role);
      const expected = allowed ? 'OK' : role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${c.operation}${c.note ? ` (${c.note})` : ''} as ${role} → ${expected}`, async () => {
        expect(codeOf(await run(c, role))).toBe(expected);
      });
    }
  }
});
