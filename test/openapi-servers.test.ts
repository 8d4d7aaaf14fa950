import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { startTestApi, type TestApi } from './support/openapi-api.ts';
import { CREATE_OPENAPI, createOpenApiServer, labSpec, PETSTORE, serverName, toolsOf } from './support/openapi.ts';

let t: TestApp;
let api: TestApi;
beforeAll(async () => {
  [t, api] = await Promise.all([startTestApp(), startTestApi()]);
}, 60_000);
afterAll(async () => {
  await api?.close();
  await t?.stop();
});

const SPEC_INFO = `query($id: ID!) { mcpServer(id: $id) { transport status openApi { source url fileName originalVersion baseUrl baseUrlOverride updatedAt auth { type hasSecret } endpoints { toolKey method path enabled } } } }`;
const REPLACE = `mutation($i: ReplaceOpenApiSpecInput!) { replaceOpenApiSpec(input: $i) { server { id toolCount } } }`;
const REFRESH = `mutation($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { id toolCount } } }`;
const ENDPOINTS = `mutation($i: SetOpenApiEndpointsInput!) { setOpenApiEndpoints(input: $i) { server { id } } }`;
const UPDATE_TOOL = `mutation($i: UpdateToolInput!) { updateTool(input: $i) { tool { id } } }`;
const serverCount = async () => (await t.admin.data(`{ mcpServers(first: 1) { totalCount } }`)).mcpServers.totalCount as number;

describe('a server generated from an OpenAPI spec', () => {
  it('the Swagger Petstore 2.0 (YAML, uploaded) becomes one tool per operation, named from operationIds', async () => {
    const server = await createOpenApiServer(t.admin, { spec: PETSTORE, fileName: 'petstore.yaml' });
    expect(server).toMatchObject({ transport: 'OPENAPI', status: 'VALIDATED', toolCount: 20 });
    const { mcpServer } = await t.admin.data(SPEC_INFO, { id: server.id });
    expect(mcpServer.openApi).toMatchObject({ source: 'UPLOAD', url: null, fileName: 'petstore.yaml', originalVersion: '2.0', baseUrl: 'https://petstore.swagger.io/v2', auth: { type: 'NONE' } });
    const tools = await toolsOf(t.admin, server.id);
    const byKey = Object.fromEntries(tools.map((tool) => [tool.toolKey, tool]));
    expect(byKey.getPetById).toMatchObject({ name: 'get_pet_by_id', httpMethod: 'GET', httpPath: '/pet/{petId}', toolNamingVersion: 1, description: 'Find pet by ID\n\nReturns a single pet' });
    expect(byKey.getPetById!.inputSchema).toEqual({ type: 'object', properties: { petId: { type: 'integer', format: 'int64', description: 'ID of pet to return' } }, required: ['petId'] });
    // Swagger 2 body parameters become `body`, definitions become local $defs reached from it.
    expect(byKey.addPet!.inputSchema).toMatchObject({ properties: { body: { $ref: '#/$defs/Pet' } }, required: ['body'], $defs: { Pet: { required: ['name', 'photoUrls'] }, Category: {}, Tag: {} } });
    expect(byKey.updatePetWithForm!.inputSchema.properties.body).toMatchObject({ type: 'object', properties: { name: { type: 'string' }, status: { type: 'string' } } });
    expect(byKey.deletePet!.inputSchema.properties).toHaveProperty('api_key');
    expect(tools.every((tool) => /^[a-z0-9_]{1,64}$/.test(tool.name))).toBe(true);
  });

  it('OpenAPI 3.1 of our own: parameter, request body and recursive schema $refs become local $defs; reserved headers are no arguments', async () => {
    const server = await createOpenApiServer(t.admin, { spec: labSpec(api.origin), fileName: 'lab.yaml' });
    const tools = Object.fromEntries((await toolsOf(t.admin, server.id)).map((tool) => [tool.toolKey, tool]));
    const plant = tools.plantTree!.inputSchema;
    expect(plant).toMatchObject({ properties: { treeId: { type: 'string' }, body: { $ref: '#/$defs/Node' } }, required: ['treeId', 'body'] });
    expect(plant.$defs.Node.properties.children.items).toEqual({ $ref: '#/$defs/Node' });
    expect(plant.$defs.Meta).toEqual({ type: ['object', 'null'], properties: { owner: { type: 'string' } } });
    const styles = tools.getStyles!.inputSchema;
    expect(Object.keys(styles.properties).sort()).toEqual(['X-Trace-Id', 'filter', 'ids', 'label', 'matrix', 'pipes', 'session', 'simple', 'tags', 'words']);
    expect(styles.properties['X-Trace-Id']).toEqual({ type: 'string', description: 'A trace id sent as a header' });
    // Path-level parameters are merged into the operation's; path parameters are always required.
    expect(styles.required.sort()).toEqual(['label', 'matrix', 'simple']);
    // An operation without operationId is keyed by method and path, named within the rules.
    expect(tools['get /plain/path with spaces']).toMatchObject({ name: 'get_plain_path_with_spaces', httpMethod: 'GET' });
    const { mcpServer } = await t.admin.data(SPEC_INFO, { id: server.id });
    expect(mcpServer.openApi).toMatchObject({ originalVersion: '3.1', baseUrl: `${api.origin}/api` });
  });

  it('OpenAPI 3.0 in JSON, fetched by the gateway from a URL, and refreshed from it', async () => {
    const v30 = (extra: Record<string, unknown> = {}) => JSON.stringify({
      openapi: '3.0.3', info: { title: 'Thirty', version: '1' }, servers: [{ url: '/v1' }],
      paths: { '/things': { get: { operationId: 'listThings', responses: { 200: { description: 'ok' } } } }, ...extra },
    });
    api.specs.set('thirty.json', v30());
    const server = await createOpenApiServer(t.admin, { specUrl: `${api.origin}/specs/thirty.json` });
    expect(server.toolCount).toBe(1);
    const first = (await t.admin.data(SPEC_INFO, { id: server.id })).mcpServer.openApi;
    // A relative servers[0] is resolved against where the spec came from.
    expect(first).toMatchObject({ source: 'URL', url: `${api.origin}/specs/thirty.json`, originalVersion: '3.0', baseUrl: `${api.origin}/v1` });
    api.specs.set('thirty.json', v30({ '/things/{id}': { get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok' } } } } }));
    expect((await t.admin.data(REFRESH, { id: server.id })).refreshOpenApiSpec.server.toolCount).toBe(2);
    const refreshed = (await t.admin.data(SPEC_INFO, { id: server.id })).mcpServer.openApi;
    expect(refreshed.endpoints.map((e: { toolKey: string }) => e.toolKey)).toEqual(['listThings', 'getThing']);
    expect(Date.parse(refreshed.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
  });

  it('an uploaded spec cannot be refreshed from a URL', async () => {
    const server = await createOpenApiServer(t.admin, { spec: PETSTORE });
    const result = await t.admin.request(REFRESH, { id: server.id });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/uploaded, not fetched/);
  });

  it('replacing the spec keeps the operator overrides of operations that remain, by toolKey, and drops the rest', async () => {
    const server = await createOpenApiServer(t.admin, { spec: PETSTORE });
    const tools = Object.fromEntries((await toolsOf(t.admin, server.id)).map((tool) => [tool.toolKey, tool]));
    await t.admin.data(UPDATE_TOOL, { i: { id: tools.getPetById!.id, displayName: 'Fetch a pet', instructions: 'Ask for the id first', enabled: false } });
    const smaller = PETSTORE.replace(/ {2}\/store\/inventory:[\s\S]*?(?= {2}\/store\/order:)/, '').replace('summary: Find pet by ID', 'summary: Look a pet up');
    const { replaceOpenApiSpec } = await t.admin.data(REPLACE, { i: { id: server.id, spec: smaller, fileName: 'v2.yaml' } });
    expect(replaceOpenApiSpec.server.toolCount).toBe(19);
    const after = Object.fromEntries((await toolsOf(t.admin, server.id)).map((tool) => [tool.toolKey, tool]));
    expect(after.getPetById).toMatchObject({ id: tools.getPetById!.id, displayName: 'Fetch a pet', instructions: 'Ask for the id first', enabled: false, description: 'Look a pet up\n\nReturns a single pet' });
    expect(after.getInventory).toBeUndefined();
    expect((await t.admin.data(SPEC_INFO, { id: server.id })).mcpServer.openApi.fileName).toBe('v2.yaml');
  });

  it('the enabled endpoint set is read and replaced; an unknown endpoint changes nothing', async () => {
    const server = await createOpenApiServer(t.admin, { spec: PETSTORE });
    await t.admin.data(ENDPOINTS, { i: { id: server.id, enabled: ['getPetById', 'findPetsByStatus'] } });
    const endpoints = (await t.admin.data(SPEC_INFO, { id: server.id })).mcpServer.openApi.endpoints as { toolKey: string; enabled: boolean }[];
    expect(endpoints.filter((e) => e.enabled).map((e) => e.toolKey).sort()).toEqual(['findPetsByStatus', 'getPetById']);
    const refused = await t.admin.request(ENDPOINTS, { i: { id: server.id, enabled: ['getPetById', 'noSuchOperation'] } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(/noSuchOperation/);
    const unchanged = (await t.admin.data(SPEC_INFO, { id: server.id })).mcpServer.openApi.endpoints as { toolKey: string; enabled: boolean }[];
    expect(unchanged).toEqual(endpoints);
  });

  it.each([
    ['not a document', 'just some words', /not a valid OpenAPI document/],
    ['broken JSON', '{"openapi": "3.1.0", ', /not a valid OpenAPI document/],
    ['a 3.0 document missing info', JSON.stringify({ openapi: '3.0.3', paths: {} }), /info/],
    ['an external $ref', JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'k', content: { 'application/json': { schema: { $ref: 'https://evil.example/x.json#/X' } } } } } } } } }), /external reference/i],
  ])('%s is refused with the parser’s messages, and nothing is created', async (_name, spec, message) => {
    const before = await serverCount();
    const result = await t.admin.request(CREATE_OPENAPI, { i: { name: serverName('bad'), spec } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(message);
    expect(await serverCount()).toBe(before);
  });

  it('a spec and a URL together, or neither, an oversized spec, and openapi through createMcpServer are refused', async () => {
    for (const input of [{ spec: PETSTORE, specUrl: `${api.origin}/specs/x` }, {}]) {
      expect(codeOf(await t.admin.request(CREATE_OPENAPI, { i: { name: serverName('bad'), ...input } }))).toBe('BAD_USER_INPUT');
    }
    // Inline, the request's own limit (1 MiB) comes first; fetched, the spec's (2 MB).
    expect(codeOf(await t.admin.request(CREATE_OPENAPI, { i: { name: serverName('bad'), spec: 'x'.repeat(1_100_000) } }))).toBe('PAYLOAD_TOO_LARGE');
    api.specs.set('huge.json', JSON.stringify({ openapi: '3.1.0', info: { title: 'x'.repeat(2_000_000), version: '1' }, paths: {} }));
    const huge = await t.admin.request(CREATE_OPENAPI, { i: { name: serverName('bad'), specUrl: `${api.origin}/specs/huge.json` } });
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
    expect(huge.errors![0]!.message).toMatch(/larger than 2000000 bytes/);
    const generic = await t.admin.request(`mutation { createMcpServer(input: { name: "generic-openapi", transport: OPENAPI, url: "http://127.0.0.1:9/" }) { server { id } } }`);
    expect(codeOf(generic)).toBe('BAD_USER_INPUT');
  });

  it('a spec whose URL fails is refused with why, and nothing is created', async () => {
    const before = await serverCount();
    const missing = await t.admin.request(CREATE_OPENAPI, { i: { name: serverName('bad'), specUrl: `${api.origin}/specs/missing.json` } });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0]!.message).toMatch(/could not fetch the spec: HTTP 404/);
    const metadata = await t.admin.request(CREATE_OPENAPI, { i: { name: serverName('bad'), specUrl: 'http://169.254.169.254/latest/openapi.json' } });
    expect(codeOf(metadata)).toBe('BAD_USER_INPUT');
    expect(metadata.errors![0]!.message).toMatch(/never reached/);
    expect(await serverCount()).toBe(before);
  });

  it('a viewer cannot create one, nor see where its API is or how it authenticates', async () => {
    const server = await createOpenApiServer(t.admin, { spec: labSpec(api.origin) });
    const { createUser } = await import('./support/fixtures.ts');
    const viewer = await createUser(t.admin);
    const client = t.client(viewer.token);
    expect(codeOf(await client.request(CREATE_OPENAPI, { i: { name: serverName('viewer'), spec: PETSTORE } }))).toBe('FORBIDDEN');
    const { data } = await client.request(SPEC_INFO, { id: server.id });
    if (data?.mcpServer) expect(data.mcpServer.openApi).toMatchObject({ baseUrl: null, auth: null });
  });
});
