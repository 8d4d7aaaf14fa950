import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client as ModernClient, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { createAgent, freePort, mcpClient, readyServer, startHttpUpstream, textOf } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

/**
 * Multi round-trip requests (MCP 2026-07-28) through the gateway: a modern upstream's input_required is
 * relayed with a requestState the gateway seals, and any instance sharing the key completes the retry.
 */
const MODERN = path.join(ROOT, 'test/fixtures/modern-server.ts');
const ASKING = path.join(ROOT, 'test/fixtures/asking-server.ts');
const TIMEOUT_MS = 1_500;
const VERSION = '2026-07-28';
const KEY = randomBytes(32).toString('hex');
const SHORT_TTL_MS = 400;
const IDLE_MS = 300;
const capabilities = { elicitation: { form: {} } };
const envelope = { 'io.modelcontextprotocol/protocolVersion': VERSION, 'io.modelcontextprotocol/clientCapabilities': capabilities, 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' } };

let database: TestDatabase;
/** Three instances on one database and one key; `b` issues states that expire quickly, `c` stops runtimes unused for IDLE_MS. */
let a: TestApp;
let b: TestApp;
let c: TestApp;
let upstream: { url: string; stop(): void };
let alice: string;
let bob: string;

interface Answer {
  status: number;
  body: { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string; data?: Record<string, unknown> } };
}

async function post(app: TestApp, token: string, method: string, params: Record<string, unknown>, meta: Record<string, unknown> = envelope, signal?: AbortSignal): Promise<Answer> {
  const name = method === 'resources/read' ? params.uri : params.name;
  const response = await fetch(`${app.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': VERSION,
      'mcp-method': method,
      ...(typeof name === 'string' && { 'mcp-name': name }),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { ...params, _meta: meta } }),
    signal,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const greet = (app: TestApp, token: string, extra: Record<string, unknown> = {}, greeting = 'Hello') =>
  post(app, token, 'tools/call', { name: 'asker__greet', arguments: { greeting }, ...extra });
const accept = (key: string, value: string) => ({ [key]: { action: 'accept', content: { [key]: value } } });
const stateOf = (answer: Answer) => answer.body.result!.requestState as string;
const reply = (value: Record<string, unknown>) => ({ upstream: value });
const ask = (app: TestApp, token: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = envelope) =>
  post(app, token, 'tools/call', { name: 'asking__ask', arguments: { greeting: 'Hi' }, ...extra }, meta);
/** A v2 SDK client that answers elicitation (name, then mood) and sampling itself. */
async function answeringClient(app: TestApp, token: string) {
  const client = new ModernClient({ name: 'mrtr', version: '1' }, {
    versionNegotiation: { mode: 'auto' }, inputRequired: { autoFulfill: true }, capabilities: { elicitation: { form: {} }, sampling: {} },
  });
  const asked: string[] = [];
  client.setRequestHandler('elicitation/create', async (request) => {
    const params = request.params as { message: string; requestedSchema: { properties: Record<string, unknown> } };
    asked.push(params.message);
    const key = Object.keys(params.requestedSchema.properties)[0]!;
    return { action: 'accept', content: { [key]: key === 'name' ? 'Ada' : 'fine' } };
  });
  client.setRequestHandler('sampling/createMessage', async (request) => {
    asked.push(JSON.stringify(request.params.messages));
    return { role: 'assistant', content: { type: 'text', text: 'Paris' }, model: 'test-model' };
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return { client, asked };
}

interface Seen { method: string; params?: Record<string, unknown> }
const seenUpstream = async (): Promise<Seen[]> => (await fetch(upstream.url.replace(/\/mcp$/, '/seen'))).json();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const upstreamCalls = async () => (await seenUpstream()).filter((seen) => seen.method === 'tools/call');

const refused = (answer: Answer) => {
  expect(answer.status).toBe(200);
  expect(answer.body.error).toEqual({ code: -32602, message: 'Invalid or expired requestState', data: { reason: 'invalid_request_state' } });
};

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestApp({ SWITCHBOARD_SECRET_KEY: KEY, SWITCHBOARD_MCP_TIMEOUT_MS: String(TIMEOUT_MS) }, database);
  b = await startTestApp({ SWITCHBOARD_SECRET_KEY: KEY, SWITCHBOARD_MCP_INPUT_TTL_MS: String(SHORT_TTL_MS) }, database);
  c = await startTestApp({ SWITCHBOARD_SECRET_KEY: KEY, SWITCHBOARD_MCP_IDLE_MS: String(IDLE_MS) }, database);
  upstream = await startHttpUpstream([MODERN, 'http'], /modern fixture listening/, await freePort());
  await readyServer(a.admin, { name: 'asker', transport: 'STREAMABLE_HTTP', url: upstream.url });
  await readyServer(a.admin, { name: 'asking', transport: 'STDIO', command: process.execPath, args: [ASKING] });
  alice = (await createAgent(a.admin, 'alice', ['asker', 'asking'])).token;
  bob = (await createAgent(a.admin, 'bob', ['asker', 'asking'])).token;
}, 60_000);

afterAll(async () => {
  upstream?.stop();
  await c?.stop();
  await b?.stop();
  await a?.stop();
  await database?.drop();
});

describe('a modern upstream that asks for input, to a 2026-07-28 caller', () => {
  it('is answered by a v2 SDK client that fulfils the input requests itself, round after round', async () => {
    const { client, asked } = await answeringClient(a, alice);
    expect(client.getNegotiatedProtocolVersion()).toBe(VERSION);
    const result = await client.callTool({ name: 'asker__greet', arguments: { greeting: 'Hello' } });
    expect(textOf(result)).toBe('Hello, Ada (fine)');
    expect(asked).toEqual(['Who are you?', 'How are you, Ada?']);
    await client.close();
  });

  it('gets the input requests as the upstream sent them and a state of the gateway’s own, opaque; the retry reaches the upstream with the upstream’s state', async () => {
    const first = await greet(a, alice);
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: { name: { method: 'elicitation/create', params: { message: 'Who are you?' } } },
    });
    const state = stateOf(first);
    expect(state).not.toContain('upstream-secret');
    expect(state.split('.').map((part) => Buffer.from(part, 'base64').toString('latin1')).join('')).not.toContain('upstream-secret');
    expect(state).not.toContain(a.config.secretKey!);

    const second = await greet(a, alice, { inputResponses: accept('name', 'Ada'), requestState: state });
    expect(second.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { mood: { params: { message: 'How are you, Ada?' } } } });
    expect(stateOf(second)).not.toBe(state);
    expect(stateOf(second)).not.toContain('asked-mood');
    const retried = (await seenUpstream()).findLast((s) => s.method === 'tools/call' && s.params?.requestState === 'upstream-secret-asked-name')!;
    expect(retried.params).toMatchObject({ name: 'greet', arguments: { greeting: 'Hello' }, inputResponses: accept('name', 'Ada') });

    const third = await greet(a, alice, { inputResponses: accept('mood', 'glad'), requestState: stateOf(second) });
    expect(third.body.result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'Hello, Ada (glad)' }] });
  });

  it('is completed on another instance sharing the key: the state is self-contained', async () => {
    const first = await greet(a, alice);
    const second = await greet(b, alice, { inputResponses: accept('name', 'Grace'), requestState: stateOf(first) });
    expect(second.body.result).toMatchObject({ resultType: 'input_required' });
    const third = await greet(a, alice, { inputResponses: accept('mood', 'curious'), requestState: stateOf(second) });
    expect(textOf(third.body.result)).toBe('Hello, Grace (curious)');
  });

  it('refuses a tampered state, in band', async () => {
    const state = stateOf(await greet(a, alice));
    const parts = state.split('.');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    refused(await greet(a, alice, { inputResponses: accept('name', 'Eve'), requestState: [...parts.slice(0, 3), body.toString('base64')].join('.') }));
    refused(await greet(a, alice, { inputResponses: accept('name', 'Eve'), requestState: 'upstream-secret-asked-name' }));
    refused(await greet(a, alice, { inputResponses: accept('name', 'Eve'), requestState: 42 }));
  });

  it('refuses a valid state brought by another principal, or for other arguments or another tool', async () => {
    const state = stateOf(await greet(a, alice));
    refused(await greet(a, bob, { inputResponses: accept('name', 'Bob'), requestState: state }));
    refused(await greet(a, alice, { inputResponses: accept('name', 'Ada'), requestState: state }, 'Goodbye'));
    refused(await post(a, alice, 'tools/call', { name: 'asker__busy', requestState: state }));
    // The state itself was not spent by the refusals.
    expect((await greet(a, alice, { inputResponses: accept('name', 'Ada'), requestState: state })).body.result).toMatchObject({ resultType: 'input_required' });
  });

  it('refuses inputResponses that are not an object as a protocol error, and sends nothing upstream', async () => {
    const before = (await upstreamCalls()).length;
    for (const inputResponses of [null, 12345, ['name']]) {
      const answer = await greet(a, alice, { inputResponses });
      expect(answer.body.error).toEqual({ code: -32602, message: 'params.inputResponses must be an object' });
    }
    expect((await upstreamCalls()).length).toBe(before);
  });

  it('sends a replayed state on with the upstream’s own state each time: whether a state is spent once is the upstream’s to say', async () => {
    const state = stateOf(await greet(a, alice, {}, 'Replayed'));
    const retry = { inputResponses: accept('name', 'Ada'), requestState: state };
    for (const answer of [await greet(a, alice, retry, 'Replayed'), await greet(b, alice, retry, 'Replayed')]) {
      expect(answer.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { mood: {} } });
    }
    const retried = (await upstreamCalls()).filter((seen) => (seen.params?.arguments as { greeting?: string } | undefined)?.greeting === 'Replayed' && seen.params?.requestState);
    expect(retried.map((seen) => seen.params!.requestState)).toEqual(['upstream-secret-asked-name', 'upstream-secret-asked-name']);
  });

  it('refuses an expired state', async () => {
    const state = stateOf(await greet(b, alice));
    await new Promise((r) => setTimeout(r, SHORT_TTL_MS + 200));
    refused(await greet(b, alice, { inputResponses: accept('name', 'Late'), requestState: state }));
    refused(await greet(a, alice, { inputResponses: accept('name', 'Late'), requestState: state }));
  });

  it('carries a requestState-only round (load shedding) through the gateway’s state', async () => {
    const first = await post(a, alice, 'tools/call', { name: 'asker__busy' });
    expect(first.body.result).toMatchObject({ resultType: 'input_required' });
    expect(first.body.result).not.toHaveProperty('inputRequests');
    expect(stateOf(first)).not.toContain('come-back-later');
    const second = await post(a, alice, 'tools/call', { name: 'asker__busy', requestState: stateOf(first) });
    expect(textOf(second.body.result)).toBe('done with come-back-later');
  });

  it('works for prompts/get too, bound to the prompt and its arguments', async () => {
    const first = await post(a, alice, 'prompts/get', { name: 'asker__poem', arguments: { form: 'haiku' } });
    expect(first.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { topic: { method: 'elicitation/create' } } });
    const state = stateOf(first);
    refused(await post(a, alice, 'prompts/get', { name: 'asker__poem', arguments: { form: 'sonnet' }, inputResponses: accept('topic', 'rain'), requestState: state }));
    refused(await greet(a, alice, { inputResponses: accept('topic', 'rain'), requestState: state }));
    const second = await post(b, alice, 'prompts/get', { name: 'asker__poem', arguments: { form: 'haiku' }, inputResponses: accept('topic', 'rain'), requestState: state });
    expect(second.body.result).toMatchObject({ resultType: 'complete', messages: [{ content: { text: 'Write a haiku on rain' } }] });
    const old = await mcpClient(a.url, alice);
    await expect(old.getPrompt({ name: 'asker__poem', arguments: { form: 'haiku' } })).rejects.toThrow(/only a 2026-07-28 client can give/);
    await old.close();
  });

  it('audits a round that ended in input_required as a failure that says so', async () => {
    await greet(a, alice, {}, 'Audited');
    const events = await a.admin.data(`{ auditEvents(filter: { type: "tool_invocation" }, first: 100) { edges { node { status toolName details } } } }`);
    const nodes = events.auditEvents.edges.map((e: { node: { status: string; toolName: string; details: unknown } }) => e.node);
    expect(nodes).toContainEqual({ status: 'FAILURE', toolName: 'greet', details: { inputRequired: true } });
    expect(nodes).toContainEqual(expect.objectContaining({ status: 'SUCCESS', toolName: 'greet' }));
  });
});

describe('a modern upstream that asks for input, to a 2025 caller', () => {
  it('is a tool error saying only a 2026-07-28 client can give the input, never the raw input_required', async () => {
    const client = await mcpClient(a.url, alice);
    for (const name of ['asker__greet', 'asker__busy']) {
      const result = await client.callTool({ name, arguments: name === 'asker__greet' ? { greeting: 'Hi' } : {} }) as Record<string, unknown>;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/needs input .*only a 2026-07-28 client can give/);
      expect(result).not.toHaveProperty('resultType');
      expect(result).not.toHaveProperty('requestState');
    }
    await client.close();
  });
});

describe('a legacy upstream that asks its client mid-call, for a 2026-07-28 caller', () => {
  it('is answered by a v2 SDK client, round after round, while the call is held on the instance', async () => {
    const { client, asked } = await answeringClient(a, alice);
    expect(textOf(await client.callTool({ name: 'asking__ask', arguments: { greeting: 'Hello' } }))).toBe('Hello, Ada (fine)');
    expect(asked).toEqual(['Who are you?', 'How are you, Ada?']);
    expect(textOf(await client.callTool({ name: 'asking__sample', arguments: { question: 'The capital of France?' } }))).toBe('the model said: Paris');
    await client.close();
  });

  it('puts the upstream’s request as an input request, and a state that only this instance, this round and this caller complete', async () => {
    const first = await ask(a, alice);
    expect(first.body.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: { upstream: { method: 'elicitation/create', params: { mode: 'form', message: 'Who are you?' } } },
    });
    const name = reply({ action: 'accept', content: { name: 'Ada' } });
    const elsewhere = await ask(b, alice, { inputResponses: name, requestState: stateOf(first) });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.error).toMatchObject({ code: -32602, data: { reason: 'held_elsewhere' } });
    expect(elsewhere.body.error!.message).toMatch(/another Switchboard instance.*call the tool again without requestState/);
    refused(await ask(a, bob, { inputResponses: name, requestState: stateOf(first) }));

    // No answer: the same question again, in a new round.
    const again = await ask(a, alice, { requestState: stateOf(first) });
    expect(again.body.result).toMatchObject({ inputRequests: { upstream: { params: { message: 'Who are you?' } } } });
    const stale = await ask(a, alice, { inputResponses: name, requestState: stateOf(first) });
    expect(stale.body.error).toMatchObject({ code: -32602, data: { reason: 'held_call_gone' } });

    // Longer than the upstream timeout: the clock stops while the caller is asked.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS + 300));
    const second = await ask(a, alice, { inputResponses: name, requestState: stateOf(again) });
    expect(second.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { upstream: { params: { message: 'How are you, Ada?' } } } });
    const third = await ask(a, alice, { inputResponses: reply({ action: 'accept', content: { mood: 'well' } }), requestState: stateOf(second) });
    expect(third.body.result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'Hi, Ada (well)' }] });
    const after = await ask(a, alice, { inputResponses: name, requestState: stateOf(second) });
    expect(after.body.error).toMatchObject({ data: { reason: 'held_call_gone' } });
  }, 20_000);

  it('puts the upstream’s roots/list to a caller that declared roots, and hands it the roots it answers', async () => {
    const meta = { ...envelope, 'io.modelcontextprotocol/clientCapabilities': { roots: {} } };
    const first = await post(a, alice, 'tools/call', { name: 'asking__roots' }, meta);
    expect(first.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { upstream: { method: 'roots/list' } } });
    const roots = reply({ roots: [{ uri: 'file:///work', name: 'work' }, { uri: 'file:///home' }] });
    const second = await post(a, alice, 'tools/call', { name: 'asking__roots', inputResponses: roots, requestState: stateOf(first) }, meta);
    expect(second.body.result).toMatchObject({ resultType: 'complete', content: [{ text: 'roots: file:///work, file:///home' }] });
  });

  it('continues a held call once per state: of two retries bringing the same state at once, one is refused', async () => {
    const first = await ask(a, alice);
    const retry = { inputResponses: reply({ action: 'accept', content: { name: 'Ada' } }), requestState: stateOf(first) };
    const answers = await Promise.all([ask(a, alice, retry), ask(a, alice, retry)]);
    expect(answers.map((answer) => answer.body.result?.resultType ?? answer.body.error?.data?.reason).sort()).toEqual(['held_call_gone', 'input_required']);
    const asked = answers.find((answer) => answer.body.result)!;
    const done = await ask(a, alice, { inputResponses: reply({ action: 'accept', content: { mood: 'calm' } }), requestState: stateOf(asked) });
    expect(textOf(done.body.result)).toBe('Hi, Ada (calm)');
  });

  it('cancels a held call upstream when its caller closes the response before the answer', async () => {
    const proceed = (extra: Record<string, unknown> = {}, signal?: AbortSignal) =>
      post(a, alice, 'tools/call', { name: 'asking__proceed', arguments: { ms: 2_000 }, ...extra }, envelope, signal);
    const first = await proceed();
    expect(first.body.result).toMatchObject({ inputRequests: { upstream: { params: { message: 'Go ahead?' } } } });
    const gone = new AbortController();
    const retry = proceed({ inputResponses: reply({ action: 'accept', content: { go: 'yes' } }), requestState: stateOf(first) }, gone.signal);
    await sleep(300);
    gone.abort();
    await expect(retry).rejects.toThrow();
    await sleep(200);
    expect(textOf((await post(a, alice, 'tools/call', { name: 'asking__cancellations', arguments: {} })).body.result)).toBe('1');
  });

  it('keeps the runtime of a held call while its caller answers, however long past the idle time, and lets it go once the call ends', async () => {
    const first = await ask(c, alice);
    await sleep(IDLE_MS * 4);
    const second = await ask(c, alice, { inputResponses: reply({ action: 'accept', content: { name: 'Ada' } }), requestState: stateOf(first) });
    expect(second.body.result).toMatchObject({ resultType: 'input_required', inputRequests: { upstream: { params: { message: 'How are you, Ada?' } } } });
    await sleep(IDLE_MS * 4);
    const third = await ask(c, alice, { inputResponses: reply({ action: 'accept', content: { mood: 'patient' } }), requestState: stateOf(second) });
    expect(textOf(third.body.result)).toBe('Hi, Ada (patient)');
    const stopped = () => c.logs.filter((line) => /"msg":"upstream stopped"/.test(line) && /"why":"idle"/.test(line));
    expect(stopped()).toEqual([]);
    await sleep(IDLE_MS * 4);
    expect(stopped()).toHaveLength(1);
  }, 20_000);

  it('answers the upstream with an error when the caller cannot give the input, or the call is not the only one in flight', async () => {
    const bare = { ...envelope, 'io.modelcontextprotocol/clientCapabilities': {} };
    const undeclared = await ask(a, alice, {}, bare);
    expect(undeclared.body.result).toMatchObject({ isError: true });
    expect(textOf(undeclared.body.result)).toMatch(/^could not ask: /);

    const old = await mcpClient(a.url, alice);
    const fromOld = await old.callTool({ name: 'asking__ask', arguments: { greeting: 'Hi' } });
    expect(fromOld.isError).toBe(true);
    expect(textOf(fromOld)).toMatch(/^could not ask: .*cannot relay elicitation\/create/);
    await old.close();

    const slow = post(a, bob, 'tools/call', { name: 'asking__slow', arguments: { ms: 1000 } });
    await new Promise((r) => setTimeout(r, 200));
    const crowded = await ask(a, alice);
    expect(textOf(crowded.body.result)).toMatch(/^could not ask: .*cannot relay/);
    expect(textOf((await slow).body.result)).toBe('waited 1000 ms');
  }, 20_000);
});
