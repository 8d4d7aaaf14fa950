import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../src/auth/authenticate.ts';
import { PrincipalCache } from '../src/auth/principal-cache.ts';
import { unauthenticated } from '../src/errors.ts';
import { AuditFeed } from '../src/events/audit-feed.ts';
import { AuditStream } from '../src/events/audit-stream.ts';
import { StreamEnd } from '../src/events/stream-end.ts';
import { tableSource } from '../src/events/realtime.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { AUDIT_SUBSCRIPTION, createOrganization, headSeq, setMembership, take, toolCall, type ReceivedEvent } from './support/audit.ts';
import { createToken, createUser, unique } from './support/fixtures.ts';
import { subscribe, wsClient } from './support/ws.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const record = (overrides: Parameters<typeof toolCall>[0]) => t.app.services.audit.record(toolCall(overrides));
const seqsOf = (events: ReceivedEvent[]) => events.map((e) => Number(e.seq));
const strictlyAscending = (seqs: number[]) => seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!);

describe('auditEvents(after): replay, then live', () => {
  it('replays the persisted events after the cursor, then streams the live ones, each once and in order', async () => {
    const server = unique('srv');
    const after = await headSeq(t.admin);
    const persisted = [];
    for (let i = 0; i < 30; i++) persisted.push(unique('corr_persisted'));
    for (const correlationId of persisted) await record({ serverName: server, correlationId });
    const client = wsClient(t.url, ADMIN_TOKEN);
    const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { f: { server }, after });
    const live = Array.from({ length: 30 }, () => unique('corr_live'));
    await Promise.all(live.map((correlationId) => record({ serverName: server, correlationId })));
    const received = await take(sub, 60);
    expect(received.slice(0, 30).map((e) => e.correlationId)).toEqual(persisted);
    expect(new Set(received.slice(30).map((e) => e.correlationId))).toEqual(new Set(live));
    expect(strictlyAscending(seqsOf(received))).toBe(true);
    // Anything repeated would come before this last event.
    const last = unique('corr_last');
    await record({ serverName: server, correlationId: last });
    expect((await take(sub, 1))[0]!.correlationId).toBe(last);
    sub.close();
    await client.dispose();
  });

  it('hands out the events that arrived during the replay as soon as the replay ends', async () => {
    const after = Number(await headSeq(t.admin));
    const replayed = (await t.app.services.audit.record(toolCall({ correlationId: 'corr_replayed' })))!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stream = await AuditStream.open(t.app.services.auditFeed, {
      after,
      credentialId: 'cred_test',
      verifiedAt: t.app.services.principals.ticket(),
      credentialExpiresAt: null,
      accept: () => true,
      replay: async (from, upTo) => {
        await gate;
        return from < replayed.seq && replayed.seq <= upTo ? [replayed] : [];
      },
      recheck: () => null,
    });
    const first = stream.next();
    const live = (await t.app.services.audit.record(toolCall({ correlationId: 'corr_arrived_meanwhile' })))!;
    await t.app.services.auditFeed.settled();
    release();
    expect((await first).value).toMatchObject({ seq: replayed.seq });
    expect((await stream.next()).value).toMatchObject({ seq: live.seq, correlationId: 'corr_arrived_meanwhile' });
    await stream.return();
  });

  it('a subscriber that keeps dropping and resuming with after gets every event exactly once while events keep coming', async () => {
    const owner = await createUser(t.admin, { role: 'ADMIN' });
    const ownerClient = t.client(owner.token);
    const filter = { user: owner.username };
    const after = await headSeq(t.admin);
    const produced: string[] = [];
    const producing = (async () => {
      for (let round = 0; round < 40; round++) {
        const batch = Array.from({ length: 10 }, () => unique('corr_load'));
        produced.push(...batch);
        await Promise.all(batch.map((correlationId) => record({ correlationId, actor: { kind: 'user', id: owner.id, name: owner.username } })));
        const correlationId = unique('corr_mutation');
        produced.push(correlationId);
        await ownerClient.request(`mutation { createApiToken(input: { name: "t${round}" }) { token } }`, {}, { 'x-correlation-id': correlationId });
      }
    })();

    const received: ReceivedEvent[] = [];
    let cursor = after;
    let done = false;
    void producing.then(() => (done = true));
    while (!done || received.length < produced.length) {
      const client = wsClient(t.url, ADMIN_TOKEN);
      const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { f: filter, after: cursor });
      const want = Math.min(37, Math.max(1, produced.length - received.length));
      const got = await take(sub, want);
      received.push(...got);
      cursor = got.at(-1)!.seq;
      sub.close();
      await client.dispose();
    }
    expect(strictlyAscending(seqsOf(received))).toBe(true);
    expect(received.map((e) => e.correlationId).sort()).toEqual([...produced].sort());
  });

  it('subscribers asking for different fields of the same event each get their own shape', async () => {
    const server = unique('srv');
    const after = await headSeq(t.admin);
    const client = wsClient(t.url, ADMIN_TOKEN);
    const narrow = subscribe<{ auditEvents: { seq: string } }>(client, `subscription($f: AuditEventFilter, $after: String) { auditEvents(filter: $f, after: $after) { seq } }`, { f: { server }, after });
    const wide = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { f: { server }, after });
    const other = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { f: { server, status: 'FAILURE' }, after });
    await record({ serverName: server, correlationId: 'corr_shape_1' });
    await record({ serverName: server, correlationId: 'corr_shape_2', status: 'failure' });
    const [n1, n2] = [await narrow.next(), await narrow.next()];
    expect(n1.auditEvents).toEqual({ seq: expect.any(String) });
    expect((await take(wide, 2)).map((e) => [e.seq, e.correlationId])).toEqual([[n1.auditEvents.seq, 'corr_shape_1'], [n2.auditEvents.seq, 'corr_shape_2']]);
    expect((await take(other, 1))[0]).toMatchObject({ correlationId: 'corr_shape_2', status: 'FAILURE' });
    await client.dispose();
  });

  it('over server-sent events too', async () => {
    const server = unique('srv');
    const after = await headSeq(t.admin);
    await record({ serverName: server, correlationId: 'corr_sse_1' });
    const controller = new AbortController();
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: AUDIT_SUBSCRIPTION, variables: { f: { server }, after } }),
    });
    const reader = response.body!.getReader();
    await record({ serverName: server, correlationId: 'corr_sse_2' });
    let text = '';
    while (!text.includes('corr_sse_2')) text += new TextDecoder().decode((await reader.read()).value);
    expect([...text.matchAll(/"correlationId":"(corr_sse_\d)"/g)].map((m) => m[1])).toEqual(['corr_sse_1', 'corr_sse_2']);
    controller.abort();
  });

  it('refuses an after that is not a seq', async () => {
    const client = wsClient(t.url, ADMIN_TOKEN);
    const sub = subscribe(client, AUDIT_SUBSCRIPTION, { after: 'evt_12' });
    await expect(sub.next()).rejects.toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    await client.dispose();
  });
});

describe('who sees what, while streaming', () => {
  it('a non-admin subscriber never sees another organization\'s events, replayed or live', async () => {
    const [orgA, orgB] = [await createOrganization(t.app), await createOrganization(t.app)];
    const [orgAdmin, viewer] = [await createUser(t.admin), await createUser(t.admin)];
    await setMembership(t.app, orgAdmin.id, orgA, 'admin');
    await setMembership(t.app, viewer.id, orgA, 'viewer');
    const server = unique('srv');
    const as = (user: { id: string; username: string }) => ({ kind: 'user' as const, id: user.id, name: user.username });
    const produce = async (phase: string) => {
      await record({ serverName: server, orgId: orgA, correlationId: `${phase}-a` });
      await record({ serverName: server, orgId: orgB, correlationId: `${phase}-b` });
      await record({ serverName: server, orgId: null, correlationId: `${phase}-none` });
      await record({ serverName: server, orgId: orgB, actor: as(viewer), correlationId: `${phase}-b-by-viewer` });
      await record({ serverName: server, orgId: orgB, actor: as(orgAdmin), correlationId: `${phase}-b-by-admin` });
    };
    const after = await headSeq(t.admin);
    await produce('replayed');
    const clients = [wsClient(t.url, orgAdmin.token), wsClient(t.url, viewer.token)];
    const [adminSub, viewerSub] = clients.map((c) => subscribe<{ auditEvents: ReceivedEvent }>(c, AUDIT_SUBSCRIPTION, { f: { server }, after }));
    await produce('live');
    await record({ serverName: server, orgId: orgA, actor: as(viewer), correlationId: 'end' });
    const until = async (sub: NonNullable<typeof adminSub>) => {
      const seen = [];
      for (let e = await take(sub, 1); e[0]!.correlationId !== 'end'; e = await take(sub, 1)) seen.push(e[0]!.correlationId);
      return seen;
    };
    expect(await until(adminSub!)).toEqual(['replayed-a', 'replayed-b-by-admin', 'live-a', 'live-b-by-admin']);
    expect(await until(viewerSub!)).toEqual(['replayed-b-by-viewer', 'live-b-by-viewer']);
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('ends with UNAUTHENTICATED once the subscriber\'s token is revoked, before any later event', async () => {
    const user = await createUser(t.admin);
    const { id, token } = await createToken(t.admin, { userId: user.id });
    const client = wsClient(t.url, token);
    const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { after: await headSeq(t.admin) });
    const mine = { kind: 'user' as const, id: user.id, name: user.username };
    await record({ actor: mine, correlationId: 'corr_before_revoke' });
    expect((await take(sub, 1))[0]!.correlationId).toBe('corr_before_revoke');
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`, { id });
    await record({ actor: mine, correlationId: 'corr_after_revoke' });
    await expect(sub.next()).rejects.toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await client.dispose();
  });

  it('checks access before an event committed with an access change, whether or not the signal came first', async () => {
    const user = await createUser(t.admin);
    const { id, token } = await createToken(t.admin, { userId: user.id });
    const principal = await authenticate(t.app.services.orm.em.fork(), token, { cache: new PrincipalCache(0) });
    // A feed of its own, woken by hand and deaf to "principals changed": only the events can tell it.
    const feed = new AuditFeed(tableSource(t.app.services.orm, t.app.services.principals), t.app.log);
    const rechecked: (string | null)[] = [];
    const stream = await AuditStream.open(feed, {
      after: null,
      credentialId: principal.credentialId,
      verifiedAt: t.app.services.principals.ticket(),
      credentialExpiresAt: null,
      accept: () => true,
      replay: async () => [],
      recheck: (fresh) => {
        rechecked.push(fresh?.id ?? null);
        return fresh ? null : unauthenticated('revoked');
      },
    });
    await record({ correlationId: 'corr_before_revoke_event' });
    feed.wake();
    expect((await stream.next()).value).toMatchObject({ correlationId: 'corr_before_revoke_event' });
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`, { id });
    feed.wake();
    const next = await stream.next();
    expect(next.value).toBeInstanceOf(StreamEnd);
    expect(rechecked).toEqual([null]);
    await feed.close();
  });

  it('ends with FORBIDDEN once what the subscriber may read changes', async () => {
    const admin = await createUser(t.admin, { role: 'ADMIN' });
    const client = wsClient(t.url, admin.token);
    const sub = subscribe<{ auditEvents: ReceivedEvent }>(client, AUDIT_SUBSCRIPTION, { after: await headSeq(t.admin) });
    await record({ correlationId: 'corr_while_admin' });
    expect((await take(sub, 1))[0]!.correlationId).toBe('corr_while_admin');
    await t.admin.data(`mutation($id: ID!) { updateUser(input: { id: $id, role: USER }) { user { role } } }`, { id: admin.id });
    await record({ correlationId: 'corr_after_demotion' });
    await expect(sub.next()).rejects.toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    await client.dispose();
  });

  it('ends with UNAUTHENTICATED when the subscriber\'s token expires', async () => {
    const user = await createUser(t.admin);
    const { token } = await createToken(t.admin, { userId: user.id, expiresAt: new Date(Date.now() + 1_500).toISOString() });
    const client = wsClient(t.url, token);
    const sub = subscribe(client, AUDIT_SUBSCRIPTION);
    await expect(sub.next(5_000)).rejects.toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await client.dispose();
  });

  it('a subscriber that falls too far behind is told where to resume', async () => {
    const stream = await AuditStream.open(t.app.services.auditFeed, {
      after: null,
      credentialId: 'cred_test',
      verifiedAt: t.app.services.principals.ticket(),
      credentialExpiresAt: null,
      accept: () => true,
      replay: async () => [],
      recheck: () => null,
    });
    await Promise.all(Array.from({ length: 10_001 }, () => record({})));
    await t.app.services.auditFeed.settled();
    const first = await stream.next();
    expect(first.value).toBeInstanceOf(StreamEnd);
    expect((first.value as StreamEnd).error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', details: { after: expect.stringMatching(/^\d+$/) } });
    expect((await stream.next()).done).toBe(true);
  });
});
