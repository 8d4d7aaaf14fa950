import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { createUser, eventually, unique, VIEWER } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import { createAgent, fixtureStdio } from './support/mcp.ts';

let database: TestDatabase;
let a: TestApp;
/** A second instance on the same database, when there is a PostgreSQL server to share. */
let b: TestApp | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestApp({}, database);
  if (process.env.DATABASE_URL) b = await startTestApp({}, database);
});
afterAll(async () => {
  await b?.stop();
  await a.stop();
  await database.drop();
});

const CREATE_STDIO = `mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`;
const ORG_AUDIT = `{ auditLog(limit: 200) { events { actor { name } } } }`;

describe('changing a system role', () => {
  it('a demoted administrator loses every power it gave, at once, on every instance', async () => {
    const admin = await createUser(a.admin, { role: 'ADMIN' });
    const instances = [a, ...(b ? [b] : [])];
    for (const app of instances) {
      expect(codeOf(await app.client(admin.token).request(CREATE_STDIO, { i: fixtureStdio(unique('mine')) }))).toBe('OK');
      const seen = (await app.client(admin.token).data(ORG_AUDIT)).auditLog.events.map((e: { actor: { name: string } | null }) => e.actor?.name);
      expect(seen).toContain('admin');
    }
    await a.admin.data(`mutation($id: ID!) { updateUser(input: { id: $id, role: USER }) { user { role } } }`, { id: admin.id });
    for (const app of instances) {
      const client = app.client(admin.token);
      // The other instance hears of it through PostgreSQL: within the second the design allows.
      expect((await eventually(() => client.data(VIEWER), (r) => r.viewer.role === 'USER', 1_000)).viewer.role).toBe('USER');
      expect(codeOf(await client.request(CREATE_STDIO, { i: fixtureStdio(unique('after')) }))).toBe('FORBIDDEN');
      expect(codeOf(await client.request(`{ users { totalCount } }`))).toBe('FORBIDDEN');
      const seen = (await client.data(ORG_AUDIT)).auditLog.events.map((e: { actor: { name: string } | null }) => e.actor?.name);
      expect(new Set(seen)).toEqual(new Set([admin.username]));
      const members = await client.request(`{ mcpServers(first: 1) { edges { node { command } } } }`);
      expect(members.data!.mcpServers.edges.every((e: { node: { command: string | null } }) => e.node.command === null)).toBe(true);
    }
  });
});

describe('usernames and emails', () => {
  it('are unique whatever their case, and log in whatever the case typed', async () => {
    const name = unique('Mixed');
    const create = (username: string, email: string) =>
      a.admin.request(`mutation($u: String!, $e: String!) { createUser(input: { username: $u, email: $e, password: "correct horse battery" }) { user { id } } }`, { u: username, e: email });
    expect(codeOf(await create(name, `${name}@example.test`))).toBe('OK');
    expect(codeOf(await create(name.toLowerCase(), `other-${name}@example.test`))).toBe('CONFLICT');
    expect(codeOf(await create(`other-${name}`, `${name.toUpperCase()}@EXAMPLE.TEST`))).toBe('CONFLICT');
    const login = await a.client(null).request(`mutation($u: String!) { login(input: { username: $u, password: "correct horse battery" }) { user { username } } }`, { u: name.toUpperCase() });
    expect(login.data?.login.user.username).toBe(name);
  });
});

describe('a session cookie that is not percent-encoded text', () => {
  it('is no credential: 401 on /mcp and UNAUTHENTICATED on /graphql, never a 500', async () => {
    const cookie = { cookie: 'sb_session=%E0%A4%A' };
    const mcp = await fetch(`${a.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookie }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    expect(mcp.status).toBe(401);
    expect(codeOf(await a.client(null).request(VIEWER, {}, cookie))).toBe('UNAUTHENTICATED');
  });
});

describe('what an agent token is not', () => {
  it('has no user behind it and cannot change a password: clean answers, not internal errors', async () => {
    const agent = await createAgent(a.admin, unique('bot'), ['*']);
    const client = a.client(agent.token);
    const viewer = await client.request(`{ viewer { kind username user { id } } }`);
    expect(codeOf(viewer)).toBe('OK');
    expect(viewer.data!.viewer).toMatchObject({ kind: 'AGENT', user: null });
    const change = await client.request(`mutation { changePassword(input: { currentPassword: "x", newPassword: "long enough password" }) }`);
    expect(codeOf(change)).toBe('FORBIDDEN');
  });
});
