import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsEventStream, jsonResponseType } from '../src/graphql/accept.ts';
import { createGraphQLHttpHandler } from '../src/graphql/graphql-json.ts';
import { GRAPHQL_POLICY } from '../src/graphql/route.ts';
import { createGraphQLServer } from '../src/graphql/yoga.ts';
import { createExchange } from '../src/http/exchange.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A request as sent, and the same request with an Origin header, which always goes through yoga. */
async function bothWays(body: string, headers: Record<string, string> = {}) {
  const send = async (extra: Record<string, string>) => {
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...extra }, body });
    return { status: response.status, type: response.headers.get('content-type'), correlated: response.headers.has('x-correlation-id'), body: await response.text() };
  };
  return { lean: await send({}), yoga: await send({ origin: t.url }) };
}

const query = (q: string, rest: object = {}) => JSON.stringify({ query: q, ...rest });

describe('GraphQL over HTTP for JSON POSTs without the Fetch adapter', () => {
  it.each([
    ['a query, no Accept', query('{ viewer { username } }'), {}],
    ['a query, Accept */*', query('{ viewer { username } }'), { accept: '*/*' }],
    ['a query, graphql-response+json first', query('{ viewer { username } }'), { accept: 'application/graphql-response+json, application/json;q=0.9' }],
    ['a query, json first', query('{ viewer { username } }'), { accept: 'application/json, application/graphql-response+json' }],
    ['a query with variables', query('query($n: Int) { auditLog(limit: $n) { limit } }', { variables: { n: 3 } }), {}],
    ['a resolver error', query('{ user(id: "usr_missing") { id } }'), { accept: 'application/graphql-response+json' }],
    ['a validation error', query('{ viewer { nope } }'), { accept: 'application/graphql-response+json' }],
    ['a validation error, legacy JSON', query('{ viewer { nope } }'), { accept: 'application/json' }],
    ['a syntax error', query('{ viewer {'), {}],
    ['invalid JSON', '{"query": ', {}],
    ['a query that is not a string', JSON.stringify({ query: 1 }), {}],
    ['variables that are not an object', query('{ __typename }', { variables: [1] }), {}],
    ['an unknown parameter', query('{ __typename }', { extra: 1 }), {}],
    ['a batch', `[${query('{ __typename }')}]`, {}],
    ['an ambiguous operation', query('query A { __typename } query B { __typename }'), {}],
    ['a chosen operation', query('query A { __typename } query B { viewer { username } }', { operationName: 'B' }), {}],
    ['a variable of the wrong type', query('query($n: Int!) { auditLog(limit: $n) { limit } }', { variables: { n: 'x' } }), {}],
    ['a refused mutation', query('mutation { createUser(input: { username: "no spaces" }) { user { id } } }'), {}],
    ['too deep a query', query(`{ viewer { ${'organization { '.repeat(14)}id${' }'.repeat(14)} } }`), {}],
  ])('answers %s exactly as yoga does', async (_, body, headers) => {
    const { lean, yoga } = await bothWays(body, { ...bearer, ...headers });
    expect(lean).toEqual(yoga);
  });

  it('leaves parse errors in the shared cache marked as yoga marks them (HTTP 400 for graphql-response+json)', async () => {
    const { lean, yoga } = await bothWays(query('{ cached {'), { ...bearer, accept: 'application/graphql-response+json' });
    expect([lean.status, yoga.status]).toEqual([400, 400]);
  });

  it('answers a bad credential as yoga does, before executing anything', async () => {
    const { lean, yoga } = await bothWays(query('{ viewer { username } }'), { authorization: 'Bearer sbu_not_a_real_token' });
    expect(lean).toEqual(yoga);
    expect(lean.status).toBe(401);
  });

  it('executes a mutation once and sets the session cookie of a login', async () => {
    const username = unique('json');
    const made = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer },
      body: query('mutation($u: String!, $p: String!) { createUser(input: { username: $u, password: $p }) { user { username } } }', { variables: { u: username, p: 'a-long-enough-password' } }),
    });
    expect(await made.json()).toEqual({ data: { createUser: { user: { username } } } });
    const login = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query('mutation($u: String!) { login(input: { username: $u, password: "a-long-enough-password" }) { user { username } } }', { variables: { u: username } }),
    });
    expect(await login.json()).toEqual({ data: { login: { user: { username } } } });
    expect(login.headers.get('set-cookie')).toMatch(/^sb_session=.+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(made.headers.get('x-correlation-id')).toMatch(/^corr_/);
    const { events } = (await t.admin.data(`{ auditLog(filter: { correlationId: "${made.headers.get('x-correlation-id')}" }) { events { type target { name } } } }`)).auditLog;
    expect(events).toEqual([{ type: 'user_created', target: { name: username } }]);
  });

  it('refuses a subscription over HTTP that the client would not read as a stream, without starting it', async () => {
    const { lean, yoga } = await bothWays(query('subscription { auditEvents { seq } }'), { ...bearer, accept: 'application/json' });
    expect(lean).toEqual(yoga);
    expect(lean.status).toBe(406);
    expect(JSON.parse(lean.body).errors[0].message).toMatch(/text\/event-stream/);
    expect(t.app.services.auditFeed.size).toBe(0);
  });

  it('relays a subscription as yoga streams it, and ends it when the client leaves', async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', ...bearer },
      body: query('subscription { auditEvents(filter: { type: "user_created" }) { type target { name } } }'),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    await expect.poll(() => t.app.services.auditFeed.size).toBe(1);
    const username = unique('sse');
    await t.admin.data(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: username });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(username)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: next\ndata: .*"type":"user_created"/);
    controller.abort();
    await expect.poll(() => t.app.services.auditFeed.size).toBe(0);
  });
});

describe('which requests the lean path answers itself', () => {
  /** The lean handler on a server of its own, with yoga's Fetch entry point counted. */
  async function leanServer() {
    const yoga = createGraphQLServer(t.app.services);
    const relayed: string[] = [];
    const counted = new Proxy(yoga, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === 'fetch') return (...args: unknown[]) => (relayed.push(String(args[0])), value(...args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const handle = createGraphQLHttpHandler(counted, t.app.services);
    const server = http.createServer((req, res) => void handle(createExchange(req, res, { trustedProxies: [], ...GRAPHQL_POLICY })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    return { url, relayed, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('executes valid queries and mutations without yoga\'s adapter, and hands everything else to it', async () => {
    const lean = await leanServer();
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(lean.url, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer, ...headers }, body });
    expect((await (await post(query('{ viewer { username } }'))).json()).data.viewer.username).toBe('admin');
    expect((await post(query('mutation { logout }'))).status).toBe(200);
    expect(lean.relayed).toEqual([]);
    for (const body of [query('{ viewer {'), '{"query": ', query('{ viewer { nope } }'), query('subscription { auditEvents { seq } }')]) {
      await (await post(body, { accept: 'application/json' })).text();
    }
    expect(lean.relayed).toHaveLength(4);
    const fromBrowser = await fetch(lean.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.url, ...bearer }, body: query('{ __typename }') });
    expect(await fromBrowser.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${lean.url}?query=%7B__typename%7D`, { headers: bearer })).status).toBe(200);
    expect(lean.relayed).toHaveLength(6);
    await lean.close();
  });
});

describe('content negotiation', () => {
  it('gives JSON the type yoga negotiates, or none when yoga would not answer with JSON, and knows who takes a stream', () => {
    expect(jsonResponseType(undefined)).toBe('application/json');
    expect(jsonResponseType('application/graphql-response+json, application/json')).toBe('application/graphql-response+json');
    expect(jsonResponseType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(jsonResponseType('text/event-stream')).toBeNull();
    expect(jsonResponseType('application/json; charset=latin1')).toBeNull();
    expect(acceptsEventStream(undefined)).toBe(true);
    expect(acceptsEventStream('text/*')).toBe(true);
    expect(acceptsEventStream('application/json')).toBe(false);
  });
});
