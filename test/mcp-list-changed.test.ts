import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { createToken, createUser, unique } from './support/fixtures.ts';
import type { GraphQLClient } from './support/graphql.ts';
import { createAgent, fixtureStdio, readyServer } from './support/mcp.ts';
import { getStream, listeningClient, readStream, type Listening } from './support/mcp-listen.ts';
import { createOrganization } from './support/tenancy.ts';

const KEEP_ALIVE_MS = 200;
const MAX_STREAMS = 3;
let t: TestApp;
let seen: { id: string; tools: Record<string, string> };
let unseen: { id: string; tools: Record<string, string> };
let foreign: { id: string; tools: Record<string, string> };
const SEEN = unique('seen').replaceAll('_', '-');
const UNSEEN = unique('unseen').replaceAll('_', '-');
const open: Listening[] = [];

beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_KEEPALIVE_MS: String(KEEP_ALIVE_MS), SWITCHBOARD_MAX_CONNECTIONS_PER_PRINCIPAL: String(MAX_STREAMS) });
  seen = await readyServer(t.admin, fixtureStdio(SEEN));
  unseen = await readyServer(t.admin, fixtureStdio(UNSEEN));
  // The same server name in another organization: its changes are that organization's alone.
  const other = await createOrganization(t.client((await createUser(t.admin)).token));
  foreign = await readyServer(t.admin, { ...fixtureStdio(SEEN), organizationId: other.id });
}, 60_000);

afterAll(async () => {
  await Promise.all(open.map((l) => l.client.close().catch(() => {})));
  await t?.stop();
});

const listen = async (app: TestApp, token: string, endpoint = '/mcp') => {
  const listening = await listeningClient(app.url, token, endpoint);
  open.push(listening);
  return listening;
};
const kill = (admin: GraphQLClient, toolId: string, active = true) =>
  admin.data(`mutation($id: ID!, $a: Boolean!) { setToolKillSwitch(input: { id: $id, active: $a }) { tool { id } } }`, { id: toolId, a: active });
/** Every check the change caused has run, and a little longer: a notification it caused would be here. */
const settled = async (app: TestApp) => {
  await app.app.services.accessWatch.settled();
  await new Promise((r) => setTimeout(r, 300));
};

describe('notifications/tools/list_changed on the GET stream of /mcp', () => {
  it('is announced in the capabilities, and arrives when a tool the agent sees is switched off and on', async () => {
    const agent = await createAgent(t.admin, unique('kill'), [SEEN]);
    const listening = await listen(t, agent.token);
    expect(listening.client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    const before = (await listening.client.listTools()).tools.length;
    const heard = listening.next();
    await kill(t.admin, seen.tools.echo!);
    await heard;
    expect((await listening.client.listTools()).tools.length).toBe(before - 1);
    const again = listening.next();
    await kill(t.admin, seen.tools.echo!, false);
    await again;
    expect(listening.heard()).toBe(2);
  });

  it('does not arrive for a tool the agent cannot see, nor for the same server name in another organization', async () => {
    const agent = await createAgent(t.admin, unique('quiet'), [SEEN]);
    const listening = await listen(t, agent.token);
    await kill(t.admin, unseen.tools.echo!);
    await kill(t.admin, foreign.tools.echo!);
    await settled(t);
    expect(listening.heard()).toBe(0);
    const heard = listening.next();
    await kill(t.admin, seen.tools.add!);
    await heard;
    await Promise.all([kill(t.admin, seen.tools.add!, false), kill(t.admin, unseen.tools.echo!, false), kill(t.admin, foreign.tools.echo!, false)]);
  });

  it('arrives when the agent’s allow list grows, and on /mcp/<server> only for that server', async () => {
    const agent = await createAgent(t.admin, unique('grow'), [SEEN]);
    const everything = await listen(t, agent.token);
    const oneServer = await listen(t, agent.token, `/mcp/${SEEN}`);
    const heard = everything.next();
    await t.admin.data(`mutation($id: ID!, $l: [String!]) { updateAgent(input: { id: $id, allowList: $l }) { agent { id } } }`, { id: agent.id, l: [SEEN, UNSEEN] });
    await heard;
    expect((await everything.client.listTools()).tools.map((tool) => tool.name)).toContain(`${UNSEEN}__env`);
    await settled(t);
    expect(oneServer.heard()).toBe(0);
  });

  it('arrives for a person who subscribes to a server', async () => {
    const person = await createUser(t.admin, { role: 'ADMIN' });
    const listening = await listen(t, person.token);
    const heard = listening.next();
    await t.client(person.token).data(`mutation($s: ID!) { subscribeToServer(input: { serverId: $s }) { server { id } } }`, { s: unseen.id });
    await heard;
    expect((await listening.client.listTools()).tools.map((tool) => tool.name)).toContain(`${UNSEEN}__env`);
  });

  it.runIf(process.env.DATABASE_URL)('arrives on instance A when the change is made through instance B', async () => {
    const b = await startTestApp({}, t.db);
    try {
      const agent = await createAgent(t.admin, unique('far'), [SEEN]);
      const listening = await listen(t, agent.token);
      const heard = listening.next();
      await kill(b.admin, seen.tools.pid!);
      await heard;
      await kill(b.admin, seen.tools.pid!, false);
    } finally {
      await b.stop();
    }
  });
});

describe('the GET stream itself', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('carries keep-alive comments at the configured interval', async () => {
    const agent = await createAgent(t.admin, unique('alive'), [SEEN]);
    const response = await getStream(`${t.url}/mcp`, bearer(agent.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const started = Date.now();
    const { text, cancel } = await readStream(response, (s) => s.split(': keep-alive\n\n').length > 2);
    await cancel();
    expect(text).toBe(': keep-alive\n\n: keep-alive\n\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(KEEP_ALIVE_MS * 2 - 50);
  });

  it('is refused without credentials (401), from another site’s page (403), and without Accept: text/event-stream (406)', async () => {
    const agent = await createAgent(t.admin, unique('door'), [SEEN]);
    const anonymous = await getStream(`${t.url}/mcp`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await getStream(`${t.url}/mcp`, { ...bearer(agent.token), origin: 'https://evil.example' })).status).toBe(403);
    const own = await getStream(`${t.url}/mcp`, { ...bearer(agent.token), origin: t.url });
    expect(own.status).toBe(200);
    await own.body!.cancel();
    expect((await getStream(`${t.url}/mcp`, { ...bearer(agent.token), accept: 'application/json' })).status).toBe(406);
    expect((await getStream(`${t.url}/mcp/${UNSEEN}`, bearer(agent.token))).status).toBe(404);
    const deleted = await fetch(`${t.url}/mcp`, { method: 'DELETE', headers: bearer(agent.token) });
    expect([deleted.status, deleted.headers.get('allow')]).toEqual([405, 'GET, POST']);
  });

  it('ends when its token is revoked, and the token opens no other', async () => {
    const agent = await createAgent(t.admin, unique('revoked'), [SEEN]);
    const response = await getStream(`${t.url}/mcp`, bearer(agent.token));
    expect(response.status).toBe(200);
    const credential = (await t.admin.data(`query($id: ID!) { node(id: $id) { ... on Agent { credential { id } } } }`, { id: agent.id })).node.credential.id;
    const reading = readStream(response, () => false);
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }`, { id: credential });
    expect((await reading).ended).toBe(true);
    expect((await getStream(`${t.url}/mcp`, bearer(agent.token))).status).toBe(401);
  });

  it('ends when its token expires', async () => {
    const person = await createUser(t.admin);
    const { token } = await createToken(t.client(person.token), { expiresAt: new Date(Date.now() + 1_500).toISOString() });
    const response = await getStream(`${t.url}/mcp`, bearer(token));
    expect(response.status).toBe(200);
    expect((await readStream(response, (s) => s.includes('data:'), 5_000)).ended).toBe(true);
  });

  it(`is counted among live connections, at most ${MAX_STREAMS} per principal`, async () => {
    const agent = await createAgent(t.admin, unique('many'), [SEEN]);
    const before = t.app.services.streams.totals().connections;
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS }, () => getStream(`${t.url}/mcp`, bearer(agent.token))));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS).fill(200));
    expect(t.app.services.streams.totals().connections).toBe(before + MAX_STREAMS);
    expect((await getStream(`${t.url}/mcp`, bearer(agent.token))).status).toBe(429);
    await Promise.all(streams.map((s) => s.body!.cancel()));
  });

  it('ends when the app stops, and the app stops at once', async () => {
    const other = await startTestApp();
    const agent = await createAgent(other.admin, unique('stop'), ['*']);
    const response = await getStream(`${other.url}/mcp`, bearer(agent.token));
    expect(response.status).toBe(200);
    const reading = readStream(response, () => false);
    const started = Date.now();
    await other.stop();
    expect((await reading).ended).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
