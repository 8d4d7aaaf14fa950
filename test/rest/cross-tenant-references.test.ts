import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/rest/dialects.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { changedTables, snapshot } from '../support/db-snapshot.ts';
import { unique } from '../support/fixtures.ts';
import { fixtureStdio, readyServer } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { createOrganization, orgMember } from '../support/tenancy.ts';

/**
 * An organization's admin, on a route of their own organization (its path names their resources), naming
 * another organization's resources where the path or the body names a child: another member, server,
 * tool, toolset, invitation, agent, deployment operation. Each is refused as if it did not exist, in the
 * dialect's shape, and nothing changes. The same request naming their own organization's succeeds (in
 * this order, so that the deletions come after what uses the same resource).
 */
const KINDS = ['org', 'server', 'tool', 'toolset', 'project', 'group', 'agent', 'member', 'invitation', 'operation'] as const;
type Ids = Record<(typeof KINDS)[number], string>;

let t: TestApp;
let admin: Record<string, string>;
const [own, theirs] = [{} as Ids, {} as Ids];

async function organizationWithResources(into: Ids) {
  const made = (data: Record<string, any>) => Object.values(Object.values(data)[0] as object)[0].id as string;
  const create = async (mutation: string, input: Record<string, unknown>) => made(await t.admin.data(mutation, { i: { organizationId: into.org, ...input } }));
  into.org = (await createOrganization(t.admin)).id;
  const server = await readyServer(t.admin, { ...fixtureStdio(unique('x')), organizationId: into.org });
  const operations = await restCall(t.url, 'GET', `/api/v1/organizations/${into.org}/mcp-servers/${server.id}/deployment-operations`, { headers: bearer(ADMIN_TOKEN) });
  Object.assign(into, {
    server: server.id, tool: server.tools.echo, operation: operations.body.operations[0].id,
    toolset: await create(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id } } }`, { name: unique('t') }),
    project: await create(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`, { name: unique('p') }),
    group: await create(`mutation($i: CreateGroupInput!) { createGroup(input: $i) { group { id } } }`, { name: unique('g') }),
    agent: await create(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } } }`, { name: unique('a'), allowList: [] }),
    invitation: await create(`mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { invitation { id } } }`, { email: `${unique('i')}@example.test`, role: 'VIEWER' }),
    member: (await orgMember(t.admin, into.org, 'VIEWER')).id,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  await organizationWithResources(own);
  await organizationWithResources(theirs);
  admin = bearer((await orgMember(t.admin, own.org, 'ADMIN')).token);
}, 60_000);
afterAll(() => t.stop());

const org = (o: Ids) => `/api/v1/organizations/${o.org}`;
const cases: [string, (o: Ids, x: Ids) => string, ((o: Ids, x: Ids) => unknown)?][] = [
  ['POST', (o) => `${org(o)}/agents`, (_o, x) => ({ name: unique('a'), mcpServerIds: [x.server] })],
  ['PATCH', (o) => `${org(o)}/agents/${o.agent}`, (_o, x) => ({ mcpServerIds: [x.server] })],
  ['PATCH', (o, x) => `${org(o)}/agents/${x.agent}`, () => ({ name: unique('renamed') })],
  ['PUT', (o, x) => `/v1/accounts/${o.org}/mcpTokens/${x.agent}`, () => ({ name: unique('renamed') })],
  ['DELETE', (o, x) => `/v1/accounts/${o.org}/mcpTokens/${x.agent}`],
  ['DELETE', (o, x) => `${org(o)}/agents/${x.agent}`],
  ['GET', (o, x) => `${org(o)}/mcp-servers/${o.server}/deployment-operations/${x.operation}`],
  ['PATCH', (o, x) => `${org(o)}/mcp-servers/${o.server}/tools/${x.tool}`, () => ({ instructions: unique('instructions') })],
  ['PUT', (o) => `${org(o)}/mcp-servers/${o.server}/tools`, (_o, x) => [{ id: x.tool, instructions: unique('instructions') }]],
  ['PATCH', (o, x) => `${org(o)}/mcp-servers/${x.server}`, () => ({ description: 'theirs' })],
  ['POST', (o, x) => `${org(o)}/invitations/${x.invitation}/revoke`, () => ({})],
  ['PUT', (o) => `/v1/admin/groups/${o.group}/mcps`, (_o, x) => ({ add: [x.server] })],
  ['PUT', (o) => `/v1/admin/groups/${o.group}/members`, (_o, x) => ({ add: [x.member] })],
  ['PUT', (_o, x) => `/v1/admin/mcps/${x.server}/kill`, () => ({ active: true })],
  ['POST', (o) => `/api/v1/projects/${o.project}/assign-config`, (_o, x) => ({ config_name: x.toolset })],
  ['POST', (o) => `/api/v1/projects/${o.project}/users`, (_o, x) => ({ user_id: x.member })],
  ['POST', () => '/api/v1/configs/copy', (_o, x) => ({ source_config: x.toolset, target_config: unique('copy') })],
  ['PATCH', (o, x) => `${org(o)}/members/${x.member}`, () => ({ role: 'admin' })],
  ['DELETE', (o, x) => `${org(o)}/members/${x.member}`],
];

/** Ids shown in the test's name: `:server` is the organization's own, `:their-server` the other's. */
const shown = (prefix: string) => Object.fromEntries(KINDS.map((kind) => [kind, `:${prefix}${kind}`])) as Ids;

describe.each(cases.map(([method, path, body]) => [`${method} ${path(shown(''), shown('their-'))}`, method, path, body] as const))('%s', (_name, method, path, body) => {
  it('refuses what another organization’s ids name, in the dialect’s shape, changing nothing', async () => {
    const url = path(own, theirs);
    const dialect = DIALECTS.find((d) => d.roots.some((root) => url.startsWith(root)))!;
    const sent = body?.(own, theirs);
    const before = await snapshot(t.app.services.orm);
    const answer = await restCall(t.url, method, url, { headers: admin, body: sent });
    expect([400, 403, 404], JSON.stringify(answer.body)).toContain(answer.status);
    expect(dialect.errorSchema.safeParse(answer.body).success).toBe(true);
    expect(changedTables(before, await snapshot(t.app.services.orm))).toEqual([]);
  });

  it('grants it when the ids are the organization’s own, and the snapshot sees what a change changed', async () => {
    const sent = body?.(own, own);
    const before = await snapshot(t.app.services.orm);
    const answer = await restCall(t.url, method, path(own, own), { headers: admin, body: sent });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(400);
    if (method !== 'GET') expect(changedTables(before, await snapshot(t.app.services.orm))).not.toEqual([]);
  });
});
