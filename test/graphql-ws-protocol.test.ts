import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

/** A bare graphql-transport-ws socket: what it receives, and how it was closed. */
async function rawSocket(protocols: string[] = ['graphql-transport-ws']) {
  const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, protocols);
  const received: Record<string, any>[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const send = (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  /** Resolves with the first message received so far or later that matches. */
  const message = async (match: (m: Record<string, any>) => boolean) => {
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const init = async (token = ADMIN_TOKEN) => {
    send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    await message((m) => m.type === 'connection_ack');
  };
  return { socket, received, closed, send, message, init };
}

const USERS = 'subscription { auditEvents(filter: { type: "user_created" }) { type target { name } } }';
const createUser = (username: string) => t.admin.data(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: username });

describe('graphql-transport-ws', () => {
  it('closes with the protocol codes: no subprotocol, bad message, subscribe before init, init twice, refused token, reused id', async () => {
    expect((await (await rawSocket([])).closed).code).toBe(4406);

    const garbled = await rawSocket();
    garbled.send('{not json');
    expect(await garbled.closed).toEqual({ code: 4400, reason: 'Invalid message received' });

    const early = await rawSocket();
    early.send({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } });
    expect((await early.closed).code).toBe(4401);

    const twice = await rawSocket();
    await twice.init();
    twice.send({ type: 'connection_init' });
    expect((await twice.closed).code).toBe(4429);

    const refused = await rawSocket();
    refused.send({ type: 'connection_init', payload: { authorization: 'Bearer sbu_not_a_real_token' } });
    expect((await refused.closed).code).toBe(4403);

    const reused = await rawSocket();
    await reused.init();
    reused.send({ id: 'same', type: 'subscribe', payload: { query: USERS } });
    reused.send({ id: 'same', type: 'subscribe', payload: { query: USERS } });
    expect(await reused.closed).toEqual({ code: 4409, reason: 'Subscriber for same already exists' });
    await expect.poll(() => t.app.services.auditFeed.size).toBe(0);
  });

  it('closes a socket that never initialises', async () => {
    const idle = await rawSocket();
    expect((await idle.closed).code).toBe(4408);
  });

  it('answers pings, runs queries to completion, and reports bad documents without closing the socket', async () => {
    const s = await rawSocket();
    await s.init();
    s.send({ type: 'ping', payload: { at: 1 } });
    expect(await s.message((m) => m.type === 'pong')).toEqual({ type: 'pong', payload: { at: 1 } });
    s.send({ id: 'q', type: 'subscribe', payload: { query: '{ viewer { username } }' } });
    expect(await s.message((m) => m.id === 'q' && m.type === 'next')).toEqual({ id: 'q', type: 'next', payload: { data: { viewer: { username: 'admin' } } } });
    await s.message((m) => m.id === 'q' && m.type === 'complete');
    s.send({ id: 'bad', type: 'subscribe', payload: { query: '{ viewer { nope } }' } });
    expect((await s.message((m) => m.id === 'bad')).payload[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    s.send({ id: 'broken', type: 'subscribe', payload: { query: '{ viewer {' } });
    expect(await s.message((m) => m.id === 'broken')).toMatchObject({ type: 'error', payload: [{ message: expect.stringMatching(/^Syntax Error/) }] });
    expect(s.socket.readyState).toBe(WebSocket.OPEN);
    s.socket.close();
  });

  it('gives each subscriber of a shared event its own id around the same payload, and stops on complete or close', async () => {
    const first = await rawSocket();
    const second = await rawSocket();
    await Promise.all([first.init(), second.init()]);
    first.send({ id: 'one', type: 'subscribe', payload: { query: USERS } });
    second.send({ id: 'two', type: 'subscribe', payload: { query: USERS } });
    await expect.poll(() => t.app.services.auditFeed.size).toBe(2);
    const username = unique('proto');
    await createUser(username);
    const expected = { type: 'next', payload: { data: { auditEvents: { type: 'user_created', target: { name: username } } } } };
    expect(await first.message((m) => m.id === 'one')).toEqual({ id: 'one', ...expected });
    expect(await second.message((m) => m.id === 'two')).toEqual({ id: 'two', ...expected });

    first.send({ id: 'one', type: 'complete' });
    await expect.poll(() => t.app.services.auditFeed.size).toBe(1);
    second.socket.close();
    await expect.poll(() => t.app.services.auditFeed.size).toBe(0);
    await createUser(unique('proto'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(first.received.filter((m) => m.id === 'one' && m.type === 'next')).toHaveLength(1);
    first.socket.close();
  });
});
