import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient, type GraphQLResponse } from './support/graphql.ts';
import { createToken, createUser, unique, type CreatedUser } from './support/fixtures.ts';
import { subscribe, wsClient } from './support/ws.ts';

/**
 * Every operation of the schema × every kind of caller. An operation missing from `cases` fails the
 * coverage test, so a new query or mutation joins this matrix as soon as it exists.
 */
type Role = 'anonymous' | 'user' | 'admin';
const ROLES: Role[] = ['anonymous', 'user', 'admin'];

interface Env {
  admin: GraphQLClient;
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
];

let t: TestApp;
const actors = {} as Record<Role, CreatedUser>;
beforeAll(async () => {
  t = await startTestApp();
  actors.user = await createUser(t.admin);
  actors.admin = await createUser(t.admin, { role: 'ADMIN' });
  actors.anonymous = await createUser(t.admin);
});
afterAll(() => t.stop());

async function run(c: Case, role: Role): Promise<GraphQLResponse> {
  const actor = actors[role];
  const variables = await c.variables?.({ admin: t.admin, actor, other: () => createUser(t.admin) });
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
