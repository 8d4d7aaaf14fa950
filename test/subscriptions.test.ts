import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createUser, unique } from './support/fixtures.ts';
import { subscribe, wsClient } from './support/ws.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const EVENTS = `subscription($f: AuditEventFilter) { auditEvents(filter: $f) { seq type status actor { name } target { type name } } }`;

describe('subscriptions over graphql-ws', () => {
  it('delivers an audit event for a mutation made over HTTP', async () => {
    const client = wsClient(t.url, ADMIN_TOKEN);
    const sub = subscribe(client, EVENTS, { f: { type: 'user_created' } });
    await sub.drain(200);
    const username = unique('ws');
    await t.admin.data(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: username });
    const received = await sub.next();
    expect(received.auditEvents).toMatchObject({ type: 'user_created', status: 'SUCCESS', actor: { name: 'admin' }, target: { type: 'User', name: username } });
    sub.close();
    await client.dispose();
  });

  it('shows a user only the events they caused', async () => {
    const user = await createUser(t.admin);
    const client = wsClient(t.url, user.token);
    const sub = subscribe(client, EVENTS);
    await sub.drain(200);
    await t.admin.data(`mutation { createUser(input: { username: "${unique('hidden')}" }) { user { id } } }`);
    await t.client(user.token).data(`mutation { createApiToken(input: { name: "visible" }) { token } }`);
    const received = await sub.next();
    expect(received.auditEvents).toMatchObject({ type: 'credential_created', actor: { name: user.username } });
    expect(await sub.drain(200)).toEqual([]);
    sub.close();
    await client.dispose();
  });

  it('refuses a socket whose token is invalid', async () => {
    const client = wsClient(t.url, 'sbu_definitely-not-a-valid-token-value');
    const sub = subscribe(client, EVENTS);
    await expect(sub.next(2_000)).rejects.toMatchObject({ code: 4403 });
    await client.dispose();
  });
});

describe('subscriptions over server-sent events', () => {
  it('streams the same events to an SSE client', async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: EVENTS, variables: { f: { type: 'user_created' } } }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await new Promise((r) => setTimeout(r, 200));
    const username = unique('sse');
    await t.admin.data(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: username });
    let text = '';
    while (!text.includes(username)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: next\ndata: .*"type":"user_created"/);
    controller.abort();
  });
});
