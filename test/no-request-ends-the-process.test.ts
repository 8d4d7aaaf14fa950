import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { abortMidBody } from './support/raw-http.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_MAX_BODY_BYTES: String(64 * 1024) });
});
afterAll(() => t.stop());

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` };

async function mcp(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/mcp`, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function alive() {
  const response = await fetch(`${t.url}/health`);
  expect(response.status).toBe(200);
}

describe('a request cannot end the process', () => {
  for (const method of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype']) {
    it(`a JSON-RPC method named "${method}" is not found (own-property dispatch)`, async () => {
      const { status, body } = await mcp(JSON.stringify({ jsonrpc: '2.0', id: 1, method }));
      expect(status).toBe(200);
      expect(body).toEqual({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: `Method not found: ${method}` } });
      await alive();
    });
  }

  it('a client that sends part of its body and hangs up ends nothing, on /mcp and /graphql', async () => {
    const bearer = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    for (let i = 0; i < 5; i++) {
      await abortMidBody(t.url, '/mcp', bearer, '{"jsonrpc":"2.0","id":1,', 1_000);
      await abortMidBody(t.url, '/graphql', bearer, '{"query":"{ viewer', 1_000);
      await abortMidBody(t.url, '/graphql', { ...bearer, origin: t.url }, '{"query":"{ viewer', 1_000);
    }
    await alive();
    expect((await mcp(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }))).body).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
  });
});

describe('JSON-RPC ids are echoed as they were sent, or refused', () => {
  it.each([['1e400', 'Infinity'], ['1152921504606846976', 'beyond 2^53'], ['1.5', 'a fraction'], ['null', 'null'], ['{}', 'an object']])('id %s (%s) is refused', async (id) => {
    const { body } = await mcp(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`);
    expect(body).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Not a JSON-RPC 2.0 request' } });
  });

  it.each([['7', 7], ['"abc"', 'abc'], ['-3', -3], ['9007199254740991', 9007199254740991]])('id %s is echoed', async (id, echoed) => {
    expect((await mcp(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`)).body).toEqual({ jsonrpc: '2.0', id: echoed, result: {} });
  });
});

describe('sizes', () => {
  it('an MCP body over the limit gets 413, declared or streamed, and one under it is read', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(70 * 1024) } });
    expect((await mcp(big)).status).toBe(413);
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 20_000, (i + 1) * 20_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${t.url}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.message).toBe(`Request body larger than ${64 * 1024} bytes`);
    const fits = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(60 * 1024) } });
    expect((await mcp(fits)).body).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  });

  it('a batch of more than 100 messages is refused', async () => {
    const batch = JSON.stringify(Array.from({ length: 101 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'ping' })));
    const { status, body } = await mcp(batch);
    expect(status).toBe(400);
    expect(body.error.message).toBe('A batch holds at most 100 messages');
  });
});
