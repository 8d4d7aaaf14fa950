import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { setMembership } from './support/audit.ts';
import { createUser, unique, type CreatedUser } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import { fixtureStdio, registerServer } from './support/mcp.ts';

/**
 * The row of the authorization matrix for what runs on the gateway's host: every operation that starts
 * a process or changes what one runs × every role. Only system administrators change it; an
 * organization's admin does not, since a tenant must not run commands on a host shared with others.
 */
type Role = 'anonymous' | 'viewer' | 'developer' | 'orgAdmin' | 'systemAdmin';
const ROLES: Role[] = ['anonymous', 'viewer', 'developer', 'orgAdmin', 'systemAdmin'];
const SYSTEM: Role[] = ['systemAdmin'];
const OPERATORS: Role[] = ['developer', 'orgAdmin', 'systemAdmin'];

interface Case {
  name: string;
  /** Makes the target as a system administrator; returns the document's variables. */
  setup: () => Promise<Record<string, unknown>>;
  document: string;
  allowed: Role[];
}

const CREATE = `mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`;
const UPDATE = `mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { id } } }`;
const VALIDATE = `mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok } }`;

let t: TestApp;
const actors = {} as Record<Exclude<Role, 'anonymous' | 'systemAdmin'>, CreatedUser>;
const stdioServer = async () => registerServer(t.admin, fixtureStdio(unique('host')));
const remoteServer = async () => registerServer(t.admin, { name: unique('remote'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp' });
const updating = (patch: Record<string, unknown>, make = stdioServer) => async () => ({ i: { id: await make(), ...patch } });

const cases: Case[] = [
  { name: 'create a stdio server', setup: async () => ({ i: fixtureStdio(unique('new')) }), document: CREATE, allowed: SYSTEM },
  { name: 'change its command', setup: updating({ command: '/bin/sh' }), document: UPDATE, allowed: SYSTEM },
  { name: 'change its args', setup: updating({ args: ['-e', 'process.exit(0)'] }), document: UPDATE, allowed: SYSTEM },
  { name: 'change its env', setup: updating({ env: [{ name: 'FEATURE_FLAG', value: 'on' }] }), document: UPDATE, allowed: SYSTEM },
  { name: 'change its env schema', setup: updating({ envSchema: [{ name: 'PERSONAL_TOKEN', scope: 'USER' }] }), document: UPDATE, allowed: SYSTEM },
  { name: 'change its isolation', setup: updating({ isolation: 'PER_USER' }), document: UPDATE, allowed: SYSTEM },
  { name: 'turn a remote server into a stdio one', setup: updating({ transport: 'STDIO', command: process.execPath }, remoteServer), document: UPDATE, allowed: SYSTEM },
  { name: 'turn a stdio server into a remote one', setup: updating({ transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp' }), document: UPDATE, allowed: SYSTEM },
  { name: 'send its command again unchanged', setup: updating({ command: process.execPath }), document: UPDATE, allowed: OPERATORS },
  { name: 'change its description', setup: updating({ description: 'what it is for' }), document: UPDATE, allowed: OPERATORS },
  { name: 'start the command a system administrator set (validate)', setup: async () => ({ id: await stdioServer() }), document: VALIDATE, allowed: OPERATORS },
  { name: 'create a remote server (nothing runs on the host)', setup: async () => ({ i: { name: unique('http'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp' } }), document: CREATE, allowed: OPERATORS },
];

beforeAll(async () => {
  t = await startTestApp();
  const orgId = (await t.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id;
  for (const [role, membership] of [['viewer', 'viewer'], ['developer', 'developer'], ['orgAdmin', 'admin']] as const) {
    actors[role] = await createUser(t.admin);
    await setMembership(t.app, actors[role].id, orgId, membership);
  }
});
afterAll(() => t.stop());

const tokenOf = (role: Role) => (role === 'anonymous' ? null : role === 'systemAdmin' ? t.admin.token : actors[role].token);

describe('authorization matrix: what runs on the host', () => {
  for (const c of cases) {
    for (const role of ROLES) {
      const expected = c.allowed.includes(role) ? 'OK' : role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${c.name} as ${role} → ${expected}`, async () => {
        const result = await t.client(tokenOf(role)).request(c.document, await c.setup());
        expect(codeOf(result)).toBe(expected);
      });
    }
  }
});
