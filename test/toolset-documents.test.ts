import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { unique } from './support/fixtures.ts';
import { fixtureStdio, readyServer } from './support/mcp.ts';
import { orgMember, twoOrganizations } from './support/tenancy.ts';

let t: TestApp;
let orgAdmin: GraphQLClient;
let viewer: GraphQLClient;
let org: { id: string };
let other: { id: string };
let alpha: { id: string; tools: Record<string, string> };
let alphaName: string;

const ENTRY = `entry { tools server { id name status organization { id } } }`;
const addInline = (client: GraphQLClient, toolsetId: string, server: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
  client.request(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { ${ENTRY} } }`, { i: { toolsetId, server, ...settings } });

async function toolset(organizationId = org.id) {
  return (await t.admin.data(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id name } } }`, { i: { organizationId, name: unique('tls') } })).createToolset.toolset as { id: string; name: string };
}

const exportOf = async (id: string, client = orgAdmin) => (await client.data(`mutation($id: ID!) { exportToolset(input: { id: $id }) { document } }`, { id })).exportToolset.document;

const IMPORTED = `toolset { id name servers { server { name } tools description inputGuardrails } } createdServers { id name status envNames envSchema { name required secret scope } } reusedServers { id } secretsToFill { serverName env headers urlCredentials }`;
const importDoc = (client: GraphQLClient, input: Record<string, unknown>) =>
  client.request(`mutation($i: ImportToolsetInput!) { importToolset(input: $i) { ${IMPORTED} } }`, { i: input });
const toolsetCount = async (organizationId: string) => (await t.admin.data(`query($o: ID!) { toolsets(organizationId: $o) { totalCount } }`, { o: organizationId })).toolsets.totalCount;

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other, admin: orgAdmin } = await twoOrganizations(t));
  viewer = t.client((await orgMember(t.admin, org.id, 'VIEWER')).token);
  alphaName = unique('alpha');
  alpha = await readyServer(t.admin, { ...fixtureStdio(alphaName), organizationId: org.id, env: [{ name: 'API_KEY', value: 'sk-secret-value' }] });
}, 60_000);
afterAll(() => t.stop());

describe('a server defined inline in a toolset', () => {
  it('is created in the toolset’s organization under createMcpServer’s rules', async () => {
    const { id } = await toolset();
    const remote = { name: unique('remote'), transport: 'STREAMABLE_HTTP', url: 'https://mcp.example.com/mcp', headers: [{ name: 'Authorization', value: 'Bearer upstream' }] };
    const made = (await addInline(orgAdmin, id, remote, { tools: ['search'] })).data!.addToolsetServer.entry;
    // Never reached yet: its tools are taken as named, to be checked when it is validated.
    expect(made).toMatchObject({ tools: ['search'], server: { name: remote.name, status: 'DRAFT', organization: { id: org.id } } });
    expect(codeOf(await addInline(orgAdmin, id, remote))).toBe('CONFLICT');
    // What runs on the host stays the system administrators'.
    expect(codeOf(await addInline(orgAdmin, id, fixtureStdio(unique('local'))))).toBe('FORBIDDEN');
    expect(codeOf(await addInline(viewer, id, { ...remote, name: unique('remote') }))).toBe('FORBIDDEN');
    expect(codeOf(await addInline(orgAdmin, id, { name: 'Bad__Name', transport: 'STREAMABLE_HTTP', url: 'https://x.example.com' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await addInline(orgAdmin, id, { name: unique('meta'), transport: 'STREAMABLE_HTTP', url: 'http://169.254.169.254/latest' }))).toBe('BAD_USER_INPUT');
    const both = await orgAdmin.request(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: alpha.id, server: remote } });
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    const servers = (await t.admin.data(`query($id: ID!) { toolset(id: $id) { servers { server { name } } } }`, { id })).toolset.servers;
    expect(servers).toEqual([{ server: { name: remote.name } }]);
  });
});

describe('exporting a toolset', () => {
  it('gives how each server is reached and its settings, with secret names and never their values', async () => {
    const { id, name } = await toolset();
    await orgAdmin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: alpha.id, tools: ['echo'], inputGuardrails: ['pii'] } });
    const document = await exportOf(id);
    expect(document).toMatchObject({
      format: 'switchboard.toolset/1',
      name,
      servers: [{ server: { name: alphaName, transport: 'stdio', env: { API_KEY: '<to be filled>' }, headers: {} }, tools: ['echo'], inputGuardrails: ['pii'], outputGuardrails: [] }],
    });
    expect(JSON.stringify(document)).not.toContain('sk-secret-value');
    // Commands and URLs are for operators.
    expect(codeOf(await viewer.request(`mutation($id: ID!) { exportToolset(input: { id: $id }) { document } }`, { id }))).toBe('FORBIDDEN');
    const foreign = await toolset(other.id);
    expect(codeOf(await orgAdmin.request(`mutation($id: ID!) { exportToolset(input: { id: $id }) { document } }`, { id: foreign.id }))).toBe('NOT_FOUND');
  });
});

describe('importing a toolset', () => {
  it('creates what the organization lacks, without secret values, and reports what is left to fill', async () => {
    const { id } = await toolset();
    await orgAdmin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: alpha.id, tools: ['echo'] } });
    const document = await exportOf(id);
    const imported = (await importDoc(t.admin, { organizationId: other.id, document })).data!.importToolset;
    expect(imported.toolset).toMatchObject({ name: document.name, servers: [{ server: { name: alphaName }, tools: ['echo'] }] });
    expect(imported.reusedServers).toEqual([]);
    expect(imported.createdServers).toEqual([expect.objectContaining({
      name: alphaName, status: 'DRAFT', envNames: [], envSchema: [{ name: 'API_KEY', required: true, secret: true, scope: 'SERVER' }],
    })]);
    expect(imported.secretsToFill).toEqual([{ serverName: alphaName, env: ['API_KEY'], headers: [], urlCredentials: false }]);
  });

  it('refuses a name already taken unless given a new one, and then uses the servers the organization has', async () => {
    const { id } = await toolset();
    await orgAdmin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: alpha.id } });
    const document = await exportOf(id);
    const before = await toolsetCount(org.id);
    const clash = await importDoc(orgAdmin, { organizationId: org.id, document });
    expect(codeOf(clash)).toBe('CONFLICT');
    expect(clash.errors![0]!.message).toMatch(/new name/);
    expect(await toolsetCount(org.id)).toBe(before);
    const renamed = (await importDoc(orgAdmin, { organizationId: org.id, document, name: unique('again') })).data!.importToolset;
    expect(renamed.createdServers).toEqual([]);
    expect(renamed.reusedServers).toEqual([{ id: alpha.id }]);
    expect(renamed.secretsToFill).toEqual([]);
  });

  it('refuses secret values, unknown fields and malformed documents, and changes nothing', async () => {
    const { id } = await toolset();
    await orgAdmin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: alpha.id } });
    const document = await exportOf(id);
    const entry = document.servers[0];
    const variants: Record<string, unknown>[] = [
      { ...document, servers: [{ ...entry, server: { ...entry.server, env: { API_KEY: 'a-real-secret' } } }] },
      { ...document, servers: [{ ...entry, server: { ...entry.server, headers: { Authorization: 'Bearer x' } } }] },
      { ...document, servers: [{ ...entry, server: { ...entry.server, urlCredentials: 'user:pw' } }] },
      { ...document, owner: 'someone' },
      { ...document, servers: [{ ...entry, server: { ...entry.server, cwd: '/etc' } }] },
      { ...document, servers: [{ ...entry, enabled: true }] },
      { ...document, servers: [{ ...entry, tools: ['x'.repeat(129)] }] },
      { ...document, servers: [{ ...entry, server: { ...entry.server, name: unique('fresh'), env: { NODE_OPTIONS: '<to be filled>' } } }] },
      { ...document, format: 'switchboard.toolset/99' },
      { ...document, servers: [entry, entry] },
      { ...document, servers: 'none' },
      JSON.parse(`{ "format": "switchboard.toolset/1", "name": "proto", "description": null, "servers": [], "__proto__": { "admin": true } }`),
      'not an object',
      null,
    ];
    const before = await toolsetCount(org.id);
    for (const variant of variants) {
      const result = await importDoc(t.admin, { organizationId: org.id, document: variant, name: unique('bad') });
      expect(codeOf(result), JSON.stringify(variant).slice(0, 120)).toBe('BAD_USER_INPUT');
    }
    expect(await toolsetCount(org.id)).toBe(before);
    const secret = await importDoc(t.admin, { organizationId: org.id, document: variants[0], name: unique('bad') });
    expect(secret.errors![0]!.message).toMatch(/servers\.0\.server\.env\.API_KEY: secret values are not imported/);
    expect(codeOf(await importDoc(viewer, { organizationId: org.id, document, name: unique('viewer') }))).toBe('FORBIDDEN');
    expect(codeOf(await importDoc(orgAdmin, { organizationId: other.id, document, name: unique('away') }))).toBe('NOT_FOUND');
  });

  it('creates stdio servers only for system administrators', async () => {
    const { id } = await toolset();
    await orgAdmin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId: id, serverId: alpha.id } });
    const document = await exportOf(id);
    const renamedServer = { ...document, servers: [{ ...document.servers[0], server: { ...document.servers[0].server, name: unique('fresh') } }] };
    const before = await toolsetCount(org.id);
    expect(codeOf(await importDoc(orgAdmin, { organizationId: org.id, document: renamedServer, name: unique('mine') }))).toBe('FORBIDDEN');
    expect(await toolsetCount(org.id)).toBe(before);
  });
});
