import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createAgent, fixtureStdio, readyServer } from './support/mcp.ts';
import { abortMidBody } from './support/raw-http.ts';

/**
 * Throws malformed, oversized, prototype-named and truncated JSON-RPC requests and GraphQL documents at
 * /mcp and /graphql, and hangs up mid-body, in batches. After each batch the process must still answer
 * /health, and no answer may be a 5xx but a deliberate 503.
 */
let t: TestApp;
let agentToken: string;
beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_MAX_BODY_BYTES: String(256 * 1024), SWITCHBOARD_MCP_TIMEOUT_MS: '2000' });
  await readyServer(t.admin, fixtureStdio('fuzz'));
  agentToken = (await createAgent(t.admin, 'fuzzer', ['*'])).token;
}, 60_000);
afterAll(() => t.stop());

const NASTY_NAMES = ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', '__defineGetter__'];
const name = fc.oneof(fc.constantFrom(...NASTY_NAMES), fc.string({ maxLength: 20 }));
const json = fc.jsonValue({ maxDepth: 4 });
const nasty = fc.dictionary(name, json, { maxKeys: 5 });
const METHODS = ['initialize', 'ping', 'tools/list', 'tools/call', 'prompts/list', 'prompts/get', 'resources/list', 'resources/read', 'resources/templates/list', 'completion/complete', 'logging/setLevel', 'notifications/initialized'];
const id = fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.double(), fc.constant(null), fc.constantFrom('1e400', '-0', '1152921504606846976').map(Number));
const rpc = fc.record({
  jsonrpc: fc.oneof(fc.constant('2.0'), json),
  id,
  method: fc.oneof(fc.constantFrom(...METHODS, ...NASTY_NAMES), name),
  params: fc.oneof(nasty, json, fc.record({ name: fc.constantFrom('fuzz__echo', 'fuzz__add', 'fuzz__big', 'fuzz__greet', '__proto__'), arguments: fc.oneof(nasty, json), uri: fc.string() })),
}, { requiredKeys: [] });

/** A body: a request (or a batch), then possibly cut short, padded past the limit, nested deeply or replaced by junk. */
const body = fc.oneof(
  { weight: 4, arbitrary: rpc.map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.array(rpc, { maxLength: 120 }).map((m) => JSON.stringify(m)) },
  { weight: 2, arbitrary: fc.tuple(rpc, fc.nat()).map(([m, cut]) => { const s = JSON.stringify(m); return s.slice(0, cut % (s.length + 1)); }) },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(300 * 1024) } })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

const QUERIES = ['{ viewer { username } }', 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }', 'query($id: ID!) { node(id: $id) { id } }', 'subscription { auditEvents { seq } }'];
const graphqlBody = fc.oneof(
  fc.record({ query: fc.oneof(fc.constantFrom(...QUERIES), fc.string({ maxLength: 300 })), variables: fc.oneof(nasty, fc.record({ i: nasty, id: json })), operationName: fc.oneof(name, fc.constant(null)) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.tuple(fc.constantFrom(...QUERIES), fc.nat()).map(([q, cut]) => JSON.stringify({ query: q }).slice(0, cut % 40)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const headerSet = fc.record({
  'content-type': fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/graphql-response+json')),
  accept: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json, text/event-stream') }, fc.constantFrom('text/event-stream', 'application/json', '*/*', 'text/html')),
  'mcp-protocol-version': fc.oneof({ weight: 6, arbitrary: fc.constant('') }, fc.constantFrom('2025-11-25', '2024-11-05', 'junk')),
});

const statuses: number[] = [];
async function send(path: string, payload: string, headers: Record<string, string>, token: string) {
  const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
  const response = await fetch(`${t.url}${path}`, { method: 'POST', headers: { ...clean, authorization: `Bearer ${token}` }, body: payload });
  statuses.push(response.status);
  await response.body?.cancel().catch(() => {});
}

async function healthy() {
  const response = await fetch(`${t.url}/health`);
  expect(response.status).toBe(200);
  const unexpected = statuses.filter((s) => s >= 500 && s !== 503);
  expect(unexpected).toEqual([]);
}

describe('fuzzing /mcp and /graphql', () => {
  it('no request, whatever its content or timing, ends the process or gets an unexpected 5xx', async () => {
    const request = fc.oneof(
      fc.tuple(fc.constant('/mcp'), body, headerSet, fc.constantFrom(ADMIN_TOKEN, 'agent')),
      fc.tuple(fc.constantFrom('/mcp/fuzz', '/mcp/__proto__', '/mcp/constructor'), body, headerSet, fc.constant('agent')),
      fc.tuple(fc.constant('/graphql'), graphqlBody, headerSet, fc.constantFrom(ADMIN_TOKEN, 'not-a-token')),
    );
    const batch = fc.array(fc.oneof({ weight: 6, arbitrary: request.map((r) => ({ abort: false as const, r })) }, { weight: 1, arbitrary: request.map((r) => ({ abort: true as const, r })) }), { minLength: 10, maxLength: 25 });
    await fc.assert(fc.asyncProperty(batch, async (requests) => {
      await Promise.all(requests.map(({ abort, r: [path, payload, headers, who] }) => {
        const token = who === 'agent' ? agentToken : who;
        if (abort) return abortMidBody(t.url, path, { ...headers, authorization: `Bearer ${token}` }, payload.slice(0, payload.length >> 1), payload.length + 10);
        return send(path, payload, headers, token);
      }));
      await healthy();
    }), { numRuns: 40, interruptAfterTimeLimit: 40_000 });
    expect(statuses.length).toBeGreaterThan(100);
  }, 90_000);
});
