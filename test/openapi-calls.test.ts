import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { eventually } from './support/fixtures.ts';
import { createAgent, mcpClient, textOf } from './support/mcp.ts';
import { PNG, startTestApi, type SeenRequest, type TestApi } from './support/openapi-api.ts';
import { createOpenApiServer, labSpec, PETSTORE } from './support/openapi.ts';

let t: TestApp;
let api: TestApi;
let lab: { id: string; name: string };
let pets: { id: string; name: string };
let agent: { token: string };
let mcp: Client;
beforeAll(async () => {
  [t, api] = await Promise.all([startTestApp(), startTestApi()]);
  lab = await createOpenApiServer(t.admin, { spec: labSpec(api.origin), fileName: 'lab.yaml' });
  pets = await createOpenApiServer(t.admin, { spec: PETSTORE, baseUrl: `${api.origin}/v2` });
  agent = await createAgent(t.admin, `caller-${Date.now()}`, [lab.name, pets.name]);
  mcp = await mcpClient(t.url, agent.token);
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await api?.close();
  await t?.stop();
});

type Result = { content: { text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };
/** Calls a tool through /mcp and returns its result and the one request the API got for it. */
async function call(server: { name: string }, tool: string, args: Record<string, unknown>): Promise<{ result: Result; got: SeenRequest }> {
  const before = api.seen.length;
  const result = (await mcp.callTool({ name: `${server.name}__${tool}`, arguments: args })) as Result;
  expect(api.seen.length, textOf(result)).toBe(before + 1);
  return { result, got: api.seen.at(-1)! };
}

describe('tools of an OpenAPI server on /mcp, called by the gateway', () => {
  it('are listed beside the others, with their input schemas', async () => {
    const { tools } = await mcp.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain(`${pets.name}__get_pet_by_id`);
    expect(names).toContain(`${lab.name}__plant_tree`);
    const plant = tools.find((tool) => tool.name === `${lab.name}__plant_tree`)!;
    expect(plant.inputSchema).toMatchObject({ properties: { body: { $ref: '#/$defs/Node' } }, $defs: { Node: {} } });
  });

  it('Petstore: path templating, exploded query arrays, JSON and form bodies reach the API, answers come back as text and structured content', async () => {
    const byId = await call(pets, 'get_pet_by_id', { petId: 42 });
    expect(byId.got).toMatchObject({ method: 'GET', url: '/v2/pet/42' });
    expect(byId.result.isError).toBeFalsy();
    expect(JSON.parse(byId.result.content[0]!.text)).toMatchObject({ method: 'GET', url: '/v2/pet/42' });
    expect(byId.result.structuredContent).toMatchObject({ method: 'GET', url: '/v2/pet/42' });
    expect((await call(pets, 'find_pets_by_status', { status: ['available', 'sold'] })).got.url).toBe('/v2/pet/findByStatus?status=available&status=sold');
    const added = await call(pets, 'add_pet', { body: { name: 'doggie', photoUrls: ['a.png'] } });
    expect(added.got).toMatchObject({ method: 'POST', url: '/v2/pet', body: '{"name":"doggie","photoUrls":["a.png"]}' });
    expect(added.got.headers['content-type']).toBe('application/json');
    const form = await call(pets, 'update_pet_with_form', { petId: 7, body: { name: 'rex', status: 'sold' } });
    expect(form.got).toMatchObject({ method: 'POST', url: '/v2/pet/7', body: 'name=rex&status=sold' });
    expect(form.got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const removed = await call(pets, 'delete_pet', { petId: 7, api_key: 'from-the-argument' });
    expect(removed.got).toMatchObject({ method: 'DELETE', url: '/v2/pet/7' });
    expect(removed.got.headers.api_key).toBe('from-the-argument');
  });

  it('every parameter style: simple, label and matrix paths; form, spaceDelimited, pipeDelimited and deepObject queries; headers and cookies', async () => {
    const { got } = await call(lab, 'get_styles', {
      simple: ['a', 'b'], label: ['x', 'y'], matrix: { lat: '1', lon: '2' },
      tags: ['t1', 't2'], ids: [3, 4], words: ['hello', 'world'], pipes: ['p', 'q'], filter: { color: 'red', size: 2 },
      'X-Trace-Id': 'trace-1', session: 's 1',
    });
    const url = new URL(got.url, 'http://api');
    expect(url.pathname).toBe('/api/styles/a,b/.x,y/;lat=1;lon=2');
    expect(url.search).toBe('?tags=t1&tags=t2&ids=3%2C4&words=hello+world&pipes=p%7Cq&filter%5Bcolor%5D=red&filter%5Bsize%5D=2');
    expect(got.headers['x-trace-id']).toBe('trace-1');
    expect(got.headers.cookie).toBe('session=s%201');
  });

  it('a recursive JSON body from a $ref request body, multipart forms', async () => {
    const tree = { name: 'root', children: [{ name: 'leaf', children: [] }], meta: null };
    const planted = await call(lab, 'plant_tree', { treeId: 'oak/1', body: tree });
    expect(planted.got).toMatchObject({ method: 'POST', url: '/api/trees/oak%2F1' });
    expect(JSON.parse(planted.got.body)).toEqual(tree);
    const upload = await call(lab, 'upload_document', { body: { title: 'Notes', content: 'line one' } });
    expect(upload.got.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.got.body).toMatch(/name="title"\r\n\r\nNotes\r\n/);
    expect(upload.got.body).toMatch(/name="content"\r\n\r\nline one\r\n/);
  });

  it('4xx and 5xx answers are tool errors carrying the status; a missing required argument never reaches the API', async () => {
    for (const code of [404, 503]) {
      const { result } = await call(lab, 'answer_with_status', { code });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(new RegExp(`^HTTP ${code} .*answered ${code}`));
    }
    const before = api.seen.length;
    const missing = (await mcp.callTool({ name: `${lab.name}__plant_tree`, arguments: { body: { name: 'x' } } })) as Result;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/treeId/);
    expect(api.seen.length).toBe(before);
  });

  it('the caller’s token never reaches the API, nor does an Authorization argument', async () => {
    const { got } = await call(lab, 'get_styles', { simple: ['a'], label: ['b'], matrix: { c: 'd' }, Authorization: `Bearer ${agent.token}` });
    expect(JSON.stringify(api.seen)).not.toContain(agent.token);
    expect(got.headers.authorization).toBeUndefined();
  });

  it('an image answer is image content', async () => {
    const result = (await mcp.callTool({ name: `${lab.name}__follow_redirect`, arguments: { to: `${api.origin}/api/image` } })) as unknown as { content: { type: string; data: string; mimeType: string }[] };
    expect(result.content).toEqual([{ type: 'image', data: PNG.toString('base64'), mimeType: 'image/png' }]);
  });

  it('the override base URL wins over servers[0]', async () => {
    expect((await call(pets, 'get_inventory', {})).got.url).toBe('/v2/store/inventory');
  });
});

describe('servers of paths and operations', () => {
  const spec = (origin: string) => JSON.stringify({
    openapi: '3.1.0', info: { title: 'hosts', version: '1' },
    servers: [{ url: `${origin}/root` }],
    paths: {
      '/a': {
        servers: [{ url: `${origin}/path-level` }],
        get: { operationId: 'getA', servers: [{ url: '{scheme}://127.0.0.1:{port}/op-level', variables: { scheme: { default: 'http' }, port: { default: new URL(origin).port } } }], responses: { 200: { description: 'ok' } } },
        post: { operationId: 'postA', responses: { 200: { description: 'ok' } } },
      },
      '/b': { get: { operationId: 'getB', servers: [{ url: '/relative' }], responses: { 200: { description: 'ok' } } } },
      '/c': { get: { operationId: 'getC', servers: [], responses: { 200: { description: 'ok' } } } },
    },
  });

  it("an operation's servers[0] (its variables' defaults filled in) wins over its path's, which wins over the document's; a relative one is taken from the document's", async () => {
    const hosts = await createOpenApiServer(t.admin, { spec: spec(api.origin) });
    const client = await mcpClient(t.url, (await createAgent(t.admin, `hosts-${Date.now()}`, [hosts.name])).token);
    try {
      const urls: Record<string, string> = {};
      for (const tool of ['get_a', 'post_a', 'get_b', 'get_c']) {
        const before = api.seen.length;
        await client.callTool({ name: `${hosts.name}__${tool}`, arguments: {} });
        expect(api.seen.length).toBe(before + 1);
        urls[tool] = api.seen.at(-1)!.url;
      }
      expect(urls).toEqual({ get_a: '/op-level/a', post_a: '/path-level/a', get_b: '/relative/b', get_c: '/root/c' });
    } finally {
      await client.close();
    }
  });

  it('the override base URL wins over them all', async () => {
    const hosts = await createOpenApiServer(t.admin, { spec: spec(api.origin), baseUrl: `${api.origin}/override` });
    const client = await mcpClient(t.url, (await createAgent(t.admin, `override-${Date.now()}`, [hosts.name])).token);
    try {
      await client.callTool({ name: `${hosts.name}__get_a`, arguments: {} });
      expect(api.seen.at(-1)!.url).toBe('/override/a');
    } finally {
      await client.close();
    }
  });
});

describe('a caller that goes away', () => {
  it("drops the API request at once: the call is audited CANCELLED, well before the API's answer was due", async () => {
    const correlationId = `corr-gone-${Date.now()}`;
    const abort = new AbortController();
    const call = fetch(`${t.url}/mcp`, {
      method: 'POST', signal: abort.signal,
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-correlation-id': correlationId, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: `${lab.name}__answer_slowly`, arguments: {} } }),
    });
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    await expect(call).rejects.toThrow();
    const events = async () => (await t.admin.data(`{ auditEvents(filter: { correlationId: "${correlationId}" }) { edges { node { status durationMs } } } }`)).auditEvents.edges;
    const [event] = await eventually(events, (found) => found.length > 0, 5_000);
    // /api/slow answers after 3 s: an audit event this early means the request was not waited for.
    expect(event.node.status).toBe('CANCELLED');
    expect(event.node.durationMs).toBeLessThan(2_500);
  });
});
