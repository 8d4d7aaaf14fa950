import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { createUser, unique } from '../support/fixtures.ts';
import { fixtureStdio, readyServer } from '../support/mcp.ts';
import { restCall } from '../support/rest.ts';
import { createOrganization, orgMember, serviceAccount } from '../support/tenancy.ts';

/**
 * REST routes × every kind of caller × their own organization and another one: a route grants exactly
 * what the GraphQL operation it wraps grants (the GraphQL matrix's rows, seen through each dialect's
 * statuses). In another organization nobody but a system administrator gets anything.
 */
type Role = 'anonymous' | 'viewer' | 'developer' | 'orgAdmin' | 'systemAdmin' | 'serviceKey' | 'agent';
const ROLES: Role[] = ['anonymous', 'viewer', 'developer', 'orgAdmin', 'systemAdmin', 'serviceKey', 'agent'];
const MEMBERS: Role[] = ['viewer', 'developer', 'orgAdmin', 'systemAdmin', 'serviceKey'];
const OPERATORS: Role[] = ['developer', 'orgAdmin', 'systemAdmin', 'serviceKey'];
const ADMINS: Role[] = ['orgAdmin', 'systemAdmin'];
const SIGNED_IN: Role[] = [...MEMBERS, 'agent'];

interface Org { id: string; serverId: string; serverName: string; toolsetId: string; groupId: string; projectId: string; agentId: string }
interface Case { method: string; path: (o: Org) => string; body?: () => unknown; allowed: Role[] }

const cases: Case[] = [
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/members`, allowed: MEMBERS },
  { method: 'POST', path: (o) => `/api/v1/organizations/${o.id}/invitations`, body: () => ({ email: `${unique('m')}@example.test`, role: 'viewer' }), allowed: ADMINS },
  { method: 'POST', path: (o) => `/api/v1/organizations/${o.id}/api-keys`, body: () => ({ name: unique('key'), roleKey: 'viewer' }), allowed: ADMINS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/mcp-servers`, allowed: MEMBERS },
  { method: 'POST', path: (o) => `/api/v1/organizations/${o.id}/agents`, body: () => ({ name: unique('agt'), mcpServerIds: [] }), allowed: OPERATORS },
  { method: 'GET', path: (o) => `/v1/accounts/${o.id}/mcpTokens`, allowed: OPERATORS },
  { method: 'POST', path: (o) => `/v1/accounts/${o.id}/mcpTokens`, body: () => ({ name: unique('tok') }), allowed: OPERATORS },
  { method: 'PUT', path: (o) => `/v1/admin/mcps/${o.serverId}/kill`, body: () => ({ active: false }), allowed: ADMINS },
  { method: 'POST', path: (o) => `/v1/admin/mcps/${o.serverId}/publish`, allowed: ADMINS },
  { method: 'PUT', path: (o) => `/v1/admin/groups/${o.groupId}/mcps`, body: () => ({ add: [] }), allowed: ADMINS },
  { method: 'GET', path: (o) => `/api/v1/configs/${o.toolsetId}`, allowed: MEMBERS },
  { method: 'POST', path: (o) => `/api/v1/configs/${o.toolsetId}/export`, body: () => ({}), allowed: OPERATORS },
  { method: 'POST', path: (o) => `/api/v1/projects/${o.projectId}/unassign-config`, allowed: ADMINS },
  { method: 'GET', path: (o) => `/api/v1/projects/${o.projectId}`, allowed: MEMBERS },
  { method: 'GET', path: (o) => `/api/v1/configs/${o.toolsetId}/servers`, allowed: MEMBERS },
  { method: 'PUT', path: (o) => `/api/v1/configs/${o.toolsetId}/servers/${o.serverName}/input-guardrails`, body: () => ({ policy: { enabled: true, guardrail_name: 'pii' } }), allowed: OPERATORS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/agents`, allowed: OPERATORS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/mcp-servers/${o.serverId}/analytics`, allowed: OPERATORS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/agents/${o.agentId}/usage`, allowed: OPERATORS },
  { method: 'GET', path: (o) => `/api/v1/dashboard/analytics?organizationId=${o.id}`, allowed: OPERATORS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/invitations`, allowed: ADMINS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/api-keys`, allowed: ADMINS },
  { method: 'POST', path: (o) => `/api/v1/organizations/${o.id}/authorization/check`, body: () => ({ actions: ['server.read'] }), allowed: SIGNED_IN },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/mcp-servers/${o.serverId}`, allowed: MEMBERS },
  { method: 'PATCH', path: (o) => `/api/v1/organizations/${o.id}/mcp-servers/${o.serverId}`, body: () => ({ description: 'patched' }), allowed: OPERATORS },
  { method: 'GET', path: (o) => `/api/v1/organizations/${o.id}/mcp-servers/${o.serverId}/auth-config`, allowed: MEMBERS },
  { method: 'POST', path: (o) => `/v1/admin/mcps/${o.serverId}/validate`, allowed: OPERATORS },
  { method: 'GET', path: (o) => `/v1/admin/groups/${o.groupId}`, allowed: ADMINS },
  { method: 'PUT', path: (o) => `/v1/admin/groups/${o.groupId}/members`, body: () => ({ add: [] }), allowed: ADMINS },
  { method: 'PUT', path: (o) => `/v1/accounts/${o.id}/mcpTokens/${o.agentId}`, body: () => ({ name: unique('renamed') }), allowed: OPERATORS },
];

let t: TestApp;
const orgs = {} as Record<'home' | 'away', Org>;
const headers = {} as Record<Role, Record<string, string>>;

async function orgWithResources(): Promise<Org> {
  const { id } = await createOrganization(t.client((await createUser(t.admin)).token));
  const serverName = unique('rest');
  const { id: serverId } = await readyServer(t.admin, { ...fixtureStdio(serverName), organizationId: id });
  const make = async (mutation: string, input: Record<string, unknown>) => Object.values(Object.values((await t.admin.data(mutation, { i: { organizationId: id, name: unique('r'), ...input } })) as object)[0] as object)[0].id as string;
  const toolsetId = await make(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id } } }`, {});
  await t.admin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId, serverId } });
  return {
    id, serverId, serverName, toolsetId,
    groupId: await make(`mutation($i: CreateGroupInput!) { createGroup(input: $i) { group { id } } }`, {}),
    projectId: await make(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`, {}),
    agentId: await make(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } } }`, { allowList: ['*'] }),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  [orgs.home, orgs.away] = [await orgWithResources(), await orgWithResources()];
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const agent = (await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token } }`, { i: { name: unique('agt'), allowList: ['*'], organizationId: orgs.home.id } })).createAgent.token;
  Object.assign(headers, {
    anonymous: {},
    viewer: bearer((await orgMember(t.admin, orgs.home.id, 'VIEWER')).token),
    developer: bearer((await orgMember(t.admin, orgs.home.id, 'DEVELOPER')).token),
    orgAdmin: bearer((await orgMember(t.admin, orgs.home.id, 'ADMIN')).token),
    systemAdmin: bearer(ADMIN_TOKEN),
    serviceKey: { 'x-api-key': (await serviceAccount(t.admin, orgs.home.id, 'DEVELOPER')).key },
    agent: bearer(agent),
  });
}, 60_000);
afterAll(() => t.stop());

/** The statuses a caller may get: at home, the operation (2xx) or a refusal; away, nothing a system administrator would not get. */
function expected(c: Case, role: Role, where: 'home' | 'away'): number[] {
  if (role === 'anonymous') return [401];
  if (where === 'home' || role === 'systemAdmin') return c.allowed.includes(role) ? [200, 201, 204] : [403];
  return c.allowed.includes(role) ? [404] : [403, 404];
}

describe('REST authorization matrix', () => {
  for (const c of cases) {
    for (const where of ['home', 'away'] as const) {
      for (const role of ROLES) {
        const statuses = expected(c, role, where);
        it(`${c.method} ${c.path({ id: ':org', serverId: ':server', serverName: ':serverName', toolsetId: ':config', groupId: ':group', projectId: ':project', agentId: ':agent' })} in ${where === 'home' ? 'its own' : 'another'} organization as ${role} → ${statuses.join(' or ')}`, async () => {
          const answer = await restCall(t.url, c.method, c.path(orgs[where]), { headers: headers[role], body: c.body?.() });
          expect(statuses, JSON.stringify(answer.body)).toContain(answer.status);
        });
      }
    }
  }
});
