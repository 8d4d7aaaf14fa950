import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createUser, eventually, unique } from './support/fixtures.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';
import { createAgent, freePort, mcpClient, readyServer, textOf } from './support/mcp.ts';
import { startReceiver, type Receiver } from './support/otlp-receiver.ts';
import { twoOrganizations } from './support/tenancy.ts';
import { jsonRpcUpstream, startTrap, type Trap } from './support/trap.ts';

const SETTINGS = `{ telemetrySettings { enabled url insecure endpoint } }`;
const CONFIGURE = `mutation($i: ConfigureTelemetryInput!) { configureTelemetry(input: $i) { settings { enabled url insecure endpoint updatedBy } } }`;
const SEARCH = `query SearchUsers($search: String) { users(first: 1, filter: { search: $search }) { totalCount } }`;
// OTLP's span kinds: the API's plus one.
const KIND = { internal: 1, server: 2, client: 3 };

let t: TestApp;
let receiver: Receiver;
let upstream: Trap;
let server: string;
let agentToken: string;

const configure = (client: GraphQLClient, input: Record<string, unknown>) => client.request(CONFIGURE, { i: input });
const traceparentOf = (traceId: string) => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
const flushed = async (app: TestApp = t) => app.app.services.telemetry.flush();

beforeAll(async () => {
  receiver = await startReceiver();
  upstream = await startTrap(jsonRpcUpstream((method) => {
    if (method === 'tools/list') return { tools: [{ name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }] };
    if (method === 'tools/call') return { content: [{ type: 'text', text: 'result-needle' }] };
    return undefined;
  }));
  t = await startTestApp();
  server = unique('traced').replaceAll('_', '-');
  await readyServer(t.admin, { name: server, transport: 'STREAMABLE_HTTP', url: upstream.url });
  agentToken = (await createAgent(t.admin, unique('traced-agent'), [server])).token;
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await upstream?.close();
  await receiver?.close();
});

describe('traces', () => {
  it('are off until configured, and a system administrator switches them on with a collector URL', async () => {
    expect((await t.admin.data(SETTINGS)).telemetrySettings).toEqual({ enabled: false, url: null, insecure: false, endpoint: null });
    const configured = await configure(t.admin, { enabled: true, url: receiver.url, insecure: true });
    expect(configured.data?.configureTelemetry.settings).toEqual({ enabled: true, url: receiver.url, insecure: true, endpoint: `${receiver.url}/v1/traces`, updatedBy: 'admin' });
    expect(t.app.services.telemetry.enabled).toBe(true);
    const audited = await t.admin.data(`{ auditEvents(first: 1, filter: { type: "telemetry_configured" }) { edges { node { status details } } } }`);
    expect(audited.auditEvents.edges[0].node).toEqual({ status: 'SUCCESS', details: { enabled: true, url: receiver.url, insecure: true } });
  });

  it('link the edge, the GraphQL operation, the tools/call and the upstream request in one trace; the upstream sees it in traceparent', async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = traceparentOf(traceId);
    const searched = await t.admin.request(SEARCH, { search: 'variable-needle' }, { traceparent });
    expect(codeOf(searched)).toBe('OK');
    expect(codeOf(await t.admin.request(`{ users(first: 1, filter: { search: "inline-needle" }) { totalCount } }`, undefined, { traceparent }))).toBe('OK');
    const mcp = await mcpClient(t.url, agentToken, '/mcp', { traceparent, 'x-caller-secret': 'header-needle' });
    expect(textOf(await mcp.callTool({ name: `${server}__echo`, arguments: { text: 'argument-needle' } }))).toBe('result-needle');
    await mcp.close();
    await flushed();

    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    const edge = spans.filter((s) => s.kind === KIND.server);
    const graphqlEdge = edge.find((s) => s.name === 'POST graphql')!;
    expect(graphqlEdge.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': 'graphql', 'http.response.status_code': 200 });
    expect(edge.map((s) => s.attributes['switchboard.correlation_id'])).toContain(searched.headers.get('x-correlation-id'));
    const operation = spans.find((s) => s.name === 'query.SearchUsers')!;
    expect(operation.parentSpanId).toBe(graphqlEdge.spanId);
    const toolCall = spans.find((s) => s.name === `tools/call ${server}/echo`)!;
    expect(toolCall.attributes).toMatchObject({ 'mcp.method.name': 'tools/call', 'mcp.server.name': server, 'gen_ai.tool.name': 'echo', 'switchboard.outcome': 'success' });
    expect(edge.find((s) => s.spanId === toolCall.parentSpanId)?.name).toBe('POST mcp');
    // The upstream's first use connects it within this call: its initialize requests are in the trace too.
    const outbound = spans.filter((s) => s.kind === KIND.client && s.parentSpanId === toolCall.spanId);
    expect(outbound.map((s) => s.attributes)).toContainEqual(expect.objectContaining({ 'http.request.method': 'POST', 'server.address': '127.0.0.1', 'http.response.status_code': 200 }));
    for (const span of outbound) expect(upstream.seen.map((h) => h.traceparent)).toContain(`00-${traceId}-${span.spanId}-01`);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['switchboard']));

    // What people send and get stays out of every span; the upstream gets traceparent and none of the caller's headers.
    const exported = receiver.bodies.join('\n');
    for (const secret of ['variable-needle', 'inline-needle', 'argument-needle', 'result-needle', 'header-needle', ADMIN_TOKEN, agentToken]) expect(exported).not.toContain(secret);
    const upstreamCall = upstream.seen.find((h) => h.traceparent?.includes(traceId))!;
    expect(upstreamCall.authorization).toBeUndefined();
    expect(upstreamCall['x-caller-secret']).toBeUndefined();
    expect(upstreamCall.tracestate).toBeUndefined();
    expect(receiver.paths.every((p) => p === 'POST /v1/traces application/json')).toBe(true);
  });

  it('switched off at run time export nothing more, and keep the collector URL', async () => {
    const off = await configure(t.admin, { enabled: false });
    expect(off.data?.configureTelemetry.settings).toMatchObject({ enabled: false, url: receiver.url, insecure: true });
    expect(t.app.services.telemetry.enabled).toBe(false);
    const before = receiver.spans.length;
    await t.admin.data(SEARCH, { search: 'x' });
    const mcp = await mcpClient(t.url, agentToken);
    await mcp.callTool({ name: `${server}__echo`, arguments: {} });
    await mcp.close();
    await flushed();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.spans.length).toBe(before);
    expect(upstream.seen.at(-1)?.traceparent).toBeUndefined();
  });

  it('are configured by system administrators only: a member and an organization admin are refused', async () => {
    const member = t.client((await createUser(t.admin)).token);
    const { admin: orgAdmin } = await twoOrganizations(t);
    for (const client of [member, orgAdmin]) {
      expect(codeOf(await client.request(SETTINGS))).toBe('FORBIDDEN');
      expect(codeOf(await configure(client, { enabled: true, url: receiver.url, insecure: true }))).toBe('FORBIDDEN');
    }
    expect((await t.admin.data(SETTINGS)).telemetrySettings.enabled).toBe(false);
  });

  it.each([
    ['ftp://collector.example:21', true, /only http:\/\/ and https:\/\//],
    ['file:///etc/passwd', true, /only http:\/\/ and https:\/\//],
    ['not a url', true, /not a URL/],
    ['http://collector.example:4318', false, /https:\/\/ is required unless insecure/],
    ['http://127.0.0.1:4317', true, /4317 is OTLP\/gRPC's port.*4318/],
    ['http://169.254.169.254/latest', true, /never reached/],
    ['http://[fe80::1]:4318', true, /never reached/],
    ['http://user:secret@collector.example:4318', true, /credentials/],
  ])('refuse the collector URL %s (insecure %s) with BAD_USER_INPUT naming url, and change nothing', async (url, insecure, message) => {
    const before = (await t.admin.data(SETTINGS)).telemetrySettings;
    const refused = await configure(t.admin, { enabled: true, url, insecure });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(/^url: /);
    expect(refused.errors![0]!.message).toMatch(message);
    expect(refused.errors![0]!.extensions?.details).toEqual({ field: 'url' });
    expect((await t.admin.data(SETTINGS)).telemetrySettings).toEqual(before);
    expect(t.app.services.telemetry.enabled).toBe(false);
  });

  it('sent to a collector that is down never fail or slow a call, nor end the process', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    expect(codeOf(await configure(t.admin, { enabled: true, url: dead, insecure: true }))).toBe('OK');
    const mcp = await mcpClient(t.url, agentToken);
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(textOf(await mcp.callTool({ name: `${server}__echo`, arguments: {} }))).toBe('result-needle');
    expect(codeOf(await t.admin.request(SEARCH, { search: 'y' }))).toBe('OK');
    expect(performance.now() - started).toBeLessThan(2_000);
    await mcp.close();
    await flushed();
    // Said in the log, once a minute at most, however many batches fail.
    expect(t.logs.filter((l) => l.includes('traces not exported') && l.includes('ECONNREFUSED'))).toHaveLength(1);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    expect(codeOf(await configure(t.admin, { enabled: false }))).toBe('OK');
  });
});

describe('from the environment', () => {
  it('OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME switch traces on until a setting is stored', async () => {
    const started = await startTestApp({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'gateway-east' });
    try {
      expect((await started.admin.data(`{ telemetrySettings { enabled url insecure updatedAt } }`)).telemetrySettings).toEqual({ enabled: true, url: receiver.url, insecure: true, updatedAt: null });
      const traceId = randomBytes(16).toString('hex');
      await started.admin.request(SEARCH, {}, { traceparent: traceparentOf(traceId) });
      await flushed(started);
      expect(new Set(receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.service))).toEqual(new Set(['gateway-east']));
    } finally {
      await started.stop();
    }
  });
});

// A second instance hears of the change through PostgreSQL's NOTIFY: the embedded database has one process.
describe.runIf(process.env.DATABASE_URL)('on several instances', () => {
  let b: TestApp;
  beforeAll(async () => {
    b = await startTestApp({}, t.db);
  }, 60_000);
  afterAll(() => b?.stop());

  it('a change on one is followed by the other at once', async () => {
    expect(b.app.services.telemetry.enabled).toBe(false);
    await configure(t.admin, { enabled: true, url: receiver.url, insecure: true });
    await eventually(async () => b.app.services.telemetry.enabled, (on) => on, 2_000);
    const traceId = randomBytes(16).toString('hex');
    await b.admin.request(SEARCH, { search: 'z' }, { traceparent: traceparentOf(traceId) });
    await flushed(b);
    expect(receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.name)).toEqual(expect.arrayContaining(['POST graphql', 'query.SearchUsers']));

    await configure(t.admin, { enabled: false });
    await eventually(async () => b.app.services.telemetry.enabled, (on) => !on, 2_000);
  });
});
