import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createUser } from './support/fixtures.ts';
import { trickle } from './support/raw-http.ts';
import { subscribe, wsClient } from './support/ws.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
    SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: '5',
    SWITCHBOARD_MAX_CONNECTIONS_PER_PRINCIPAL: '2',
    SWITCHBOARD_HEADERS_TIMEOUT_MS: '1000',
    SWITCHBOARD_REQUEST_TIMEOUT_MS: '1500',
  });
});
afterAll(() => t.stop());

const EVENTS = 'subscription { auditEvents { seq } }';

/** A graphql-transport-ws socket through `connection_init`; resolves with how it was answered. */
function connect(token: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, ['graphql-transport-ws'], { headers });
  const messages: Record<string, any>[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  socket.on('error', () => {});
  const acked = new Promise<boolean>((resolve) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', () => messages.some((m) => m.type === 'connection_ack') && resolve(true));
    void closed.then(() => resolve(false));
  });
  return { socket, messages, closed, acked };
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('live connections and subscriptions are capped', () => {
  it('per connection: the subscription past the cap gets RESOURCE_EXHAUSTED and the socket goes on', async () => {
    const person = await createUser(t.admin);
    const connection = connect(person.token);
    expect(await connection.acked).toBe(true);
    for (let id = 1; id <= 4; id++) connection.socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query: EVENTS } }));
    await settle();
    const refused = connection.messages.filter((m) => m.type === 'error');
    expect(refused.map((m) => [m.id, m.payload[0].extensions.code])).toEqual([['4', 'RESOURCE_EXHAUSTED']]);
    connection.socket.send(JSON.stringify({ id: '1', type: 'complete' }));
    connection.socket.send(JSON.stringify({ id: '5', type: 'subscribe', payload: { query: EVENTS } }));
    await settle();
    expect(connection.messages.filter((m) => m.type === 'error')).toHaveLength(1);
    connection.socket.close();
  });

  it('per principal, across its connections and over server-sent events too', async () => {
    const person = await createUser(t.admin);
    const [first, second] = [wsClient(t.url, person.token), wsClient(t.url, person.token)];
    const subscriptions = [...[1, 2, 3].map(() => subscribe(first, EVENTS)), ...[1, 2].map(() => subscribe(second, EVENTS))];
    await settle();
    const sixth = subscribe(second, EVENTS);
    await expect(sixth.next(2_000)).rejects.toEqual([expect.objectContaining({ extensions: { code: 'RESOURCE_EXHAUSTED' } })]);
    const overSse = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${person.token}` },
      body: JSON.stringify({ query: EVENTS }),
    });
    expect(await overSse.text()).toContain('RESOURCE_EXHAUSTED');
    subscriptions[0]!.close();
    await settle();
    const again = subscribe(second, EVENTS);
    await expect(again.drain(300)).resolves.toEqual([]);
    for (const s of [...subscriptions, again]) s.close();
    await Promise.all([first.dispose(), second.dispose()]);
  });

  it('connections per principal: the one past the cap is closed with a reason, and a slot frees when one closes', async () => {
    const person = await createUser(t.admin);
    const [a, b] = [connect(person.token), connect(person.token)];
    expect(await Promise.all([a.acked, b.acked])).toEqual([true, true]);
    const c = connect(person.token);
    expect(await c.acked).toBe(false);
    expect(await c.closed).toEqual({ code: 4403, reason: 'At most 2 connections per principal' });
    a.socket.close();
    await a.closed;
    const d = connect(person.token);
    expect(await d.acked).toBe(true);
    for (const open of [b, d]) open.socket.close();
  });

  it('subscribe, complete and subscribe again with one id, in a burst, leaves no stream or slot behind', async () => {
    const person = await createUser(t.admin);
    for (let round = 0; round < 3; round++) {
      const racer = connect(person.token);
      expect(await racer.acked).toBe(true);
      for (const message of [{ id: 'x', type: 'subscribe', payload: { query: EVENTS } }, { id: 'x', type: 'complete' }, { id: 'x', type: 'subscribe', payload: { query: EVENTS } }]) {
        racer.socket.send(JSON.stringify(message));
      }
      await settle();
      racer.socket.close();
      await racer.closed;
    }
    await settle();
    const clients = [wsClient(t.url, person.token), wsClient(t.url, person.token)];
    const fresh = [0, 0, 0, 1, 1].map((which) => subscribe(clients[which]!, EVENTS));
    await expect(Promise.all(fresh.map((s) => s.drain(300)))).resolves.toEqual([[], [], [], [], []]);
    for (const s of fresh) s.close();
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('a client that hangs up while its connection is being authenticated gives its slot back', async () => {
    const person = await createUser(t.admin);
    for (let i = 0; i < 4; i++) {
      const quitter = connect(person.token);
      quitter.socket.once('open', () => setImmediate(() => quitter.socket.terminate()));
      await quitter.closed;
    }
    await settle();
    const [a, b] = [connect(person.token), connect(person.token)];
    expect(await Promise.all([a.acked, b.acked])).toEqual([true, true]);
    for (const open of [a, b]) open.socket.close();
  });

  it('a WebSocket upgrade is refused for an unknown Host (DNS rebinding), as HTTP requests are', async () => {
    const rebound = connect(ADMIN_TOKEN, { host: 'evil.example' });
    expect(await rebound.acked).toBe(false);
    const response = await new Promise<string>((resolve) => {
      const { port } = new URL(t.url);
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(
        'GET /graphql HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => resolve(answer));
    });
    expect(response).toMatch(/^HTTP\/1\.1 421 /);
  });

  it('an HTTP request for an unknown Host is refused with 421, saying how to allow it', async () => {
    const response = await new Promise<string>((resolve) => {
      const { port } = new URL(t.url);
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /graphql HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => resolve(answer));
    });
    expect(response).toMatch(/^HTTP\/1\.1 421 /);
    expect(response).toContain('unknown Host: add it to SWITCHBOARD_ALLOWED_HOSTS');
  });
});

describe('slow clients', () => {
  it('a client that sends its headers a byte at a time is cut off by the headers timeout', async () => {
    const { closedAfterMs } = await trickle(t.url, 'GET /health HTTP/1.1\r\n', 'Host: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(200), 100);
    expect(closedAfterMs).toBeLessThan(4_000);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it('a client that sends its body a byte at a time is answered 408 by the request timeout', async () => {
    const body = JSON.stringify({ query: '{ viewer { username } }' });
    const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, closedAfterMs } = await trickle(t.url, head, body, 200);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(4_000);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
