import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { mcpClient, textOf } from '../support/mcp.ts';
import { startTestApi, type TestApi } from '../support/openapi-api.ts';
import { labSpec, PETSTORE, serverName } from '../support/openapi.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember, twoOrganizations } from '../support/tenancy.ts';

/** Seed 002's servers generated from an OpenAPI spec, through its own REST routes. */
let t: TestApp;
let api: TestApi;
let org: { id: string };
let other: { id: string };
let viewer: string;
const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => restCall(t.url, method, path, { headers: bearer(token), body });

beforeAll(async () => {
  [t, api] = await Promise.all([startTestApp(), startTestApi()]);
  ({ org, other } = await twoOrganizations(t));
  viewer = (await orgMember(t.admin, org.id, 'VIEWER')).token;
}, 60_000);
afterAll(async () => {
  await api?.close();
  await t?.stop();
});

describe('seed 002: a server generated from an OpenAPI spec', () => {
  it('is created from an uploaded spec as the seed’s curl does, read with its tools, and its spec replaced', async () => {
    const slug = serverName('support-api');
    const created = await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, {
      name: 'Support API', slug, kind: 'generated_openapi', runtimeType: 'generated_worker', openApiSpecJson: PETSTORE, openApiSpecSource: 'upload', openApiSpecFileName: 'openapi.yaml',
    });
    expect(created).toMatchObject({ status: 201, body: {
      slug, name: 'Support API', kind: 'generated_openapi', transport: 'openapi', toolCount: 20, hasOpenApiSpec: true,
      openApiSpecSource: 'upload', openApiSpecFileName: 'openapi.yaml', openApiSpecUrl: null, openApiSpecUpdatedAt: expect.any(String),
    } });
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${created.body.id}`;
    const read = await call('GET', base);
    const byId = read.body.tools.find((tool: { toolKey: string }) => tool.toolKey === 'getPetById');
    expect(byId).toMatchObject({ name: 'get_pet_by_id', httpMethod: 'GET', httpPath: '/pet/{petId}', toolNamingVersion: 1, source: 'generated_openapi', isEnabled: true });
    await call('PATCH', `${base}/tools/${byId.id}`, { displayName: 'Find a pet' });
    const replaced = await call('PUT', `${base}/openapi`, { openApiSpecJson: PETSTORE.replace('summary: Find pet by ID', 'summary: Look a pet up'), openApiSpecFileName: 'v2.yaml' });
    expect(replaced).toMatchObject({ status: 200, body: { openApiSpecFileName: 'v2.yaml', toolCount: 20 } });
    const after = (await call('GET', base)).body.tools.find((tool: { toolKey: string }) => tool.toolKey === 'getPetById');
    expect(after).toMatchObject({ id: byId.id, displayName: 'Find a pet', description: 'Look a pet up\n\nReturns a single pet' });
    const bad = await call('PUT', `${base}/openapi`, { openApiSpecJson: 'not: [a, spec' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/^spec: /) } } });
    expect((await call('POST', `${base}/discover-tools`)).body).toMatchObject({ ok: true });
    expect((await call('GET', `/api/v1/organizations/${other.id}/mcp-servers/${created.body.id}/endpoints`)).status).toBe(404);
  });

  it('by URL: refreshed; its endpoint set read and replaced; its auth configured and discovered; its tools called on /mcp', async () => {
    api.specs.set('lab.yaml', labSpec(api.origin));
    const created = await call('POST', `/api/v1/organizations/${org.id}/mcp-servers`, {
      name: 'Lab', slug: serverName('lab'), kind: 'generated_openapi', openApiSpecSource: 'url', openApiSpecUrl: `${api.origin}/specs/lab.yaml`,
    });
    expect(created).toMatchObject({ status: 201, body: { openApiSpecSource: 'url', openApiSpecUrl: `${api.origin}/specs/lab.yaml`, toolCount: 9 } });
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${created.body.id}`;
    expect((await call('POST', `${base}/openapi/refresh`)).body).toMatchObject({ toolCount: 9 });

    const endpoints = await call('GET', `${base}/endpoints`);
    expect(endpoints.body.endpoints).toContainEqual({ toolKey: 'plantTree', httpMethod: 'POST', httpPath: '/trees/{treeId}', toolId: expect.stringMatching(/^tool_/), toolName: 'plant_tree', isEnabled: true });
    const narrowed = await call('PUT', `${base}/endpoints`, { enabledToolKeys: ['getStyles', 'needsOauth'] });
    expect(narrowed.body.enabledToolKeys.sort()).toEqual(['getStyles', 'needsOauth']);
    expect((await call('PUT', `${base}/endpoints`, { enabledToolKeys: ['nope'] }, viewer)).status).toBe(403);

    const auth = await call('PUT', `${base}/auth-config`, { type: 'api_key', in: 'header', name: 'X-Api-Key', secret: 'rest-key-1' });
    expect(auth.body).toEqual({ type: 'api_key', in: 'header', name: 'X-Api-Key', username: null, tokenUrl: null, scopes: [], hasSecret: true });
    expect((await call('GET', `${base}/auth-config`)).body).toEqual(auth.body);
    const discovery = await call('POST', `${base}/auth-discovery`);
    expect(discovery.body).toMatchObject({ required: true, probe: { status: 401, authenticate: expect.stringContaining('Bearer') } });

    const { token } = (await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token } }`, { i: { name: serverName('agent'), allowList: [created.body.slug], organizationId: org.id } })).createAgent;
    const mcp = await mcpClient(t.url, token);
    const names = (await mcp.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain(`${created.body.slug}__get_styles`);
    expect(names).not.toContain(`${created.body.slug}__plant_tree`);
    const result = await mcp.callTool({ name: `${created.body.slug}__get_styles`, arguments: { simple: ['a'], label: ['b'], matrix: { c: 'd' } } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(api.seen.at(-1)!.headers['x-api-key']).toBe('rest-key-1');
    await mcp.close();
  });
});
