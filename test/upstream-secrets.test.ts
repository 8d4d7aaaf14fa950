import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { setMembership } from './support/audit.ts';
import { createUser, unique, type CreatedUser } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import { FIXTURE, fixtureStdio, freePort, readyServer, registerServer, startHttpUpstream } from './support/mcp.ts';
import { INTERNAL_SECRET, relayTo, startTrap, type Trap } from './support/trap.ts';

let t: TestApp;
let upstream: { url: string; stop(): void };
let developer: CreatedUser;
let viewer: CreatedUser;
const traps: Trap[] = [];
const trap = async (...args: Parameters<typeof startTrap>) => {
  const started = await startTrap(...args);
  traps.push(started);
  return started;
};

beforeAll(async () => {
  t = await startTestApp();
  upstream = await startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort());
  const orgId = (await t.admin.data(`{ viewer { organization { id } } }`)).viewer.organization.id;
  [developer, viewer] = [await createUser(t.admin), await createUser(t.admin)];
  await setMembership(t.app, developer.id, orgId, 'developer');
  await setMembership(t.app, viewer.id, orgId, 'viewer');
}, 60_000);
afterAll(async () => {
  upstream?.stop();
  await Promise.all(traps.map((x) => x.close()));
  await t?.stop();
});

const UPDATE = `mutation($i: UpdateMcpServerInput!) { updateMcpServer(input: $i) { server { url urlHasCredentials headerNames envNames } } }`;
const VALIDATE = `mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { validationError deployment { message } } } }`;
const SERVER = `query($id: ID!) { mcpServer(id: $id) { url urlHasCredentials command args headerNames } }`;
const bearerOf = (headers: Record<string, unknown>[]) => headers.map((h) => h.authorization ?? null);

describe('sealed values stay with the destination they were set for', () => {
  it('a developer who points a server at their own address receives none of its sealed headers', async () => {
    const name = unique('remote').replaceAll('_', '-');
    const { id } = await readyServer(t.admin, { name, transport: 'STREAMABLE_HTTP', url: upstream.url, headers: [{ name: 'authorization', value: 'Bearer upstream-secret' }] });
    const collector = await trap();
    const moved = await t.client(developer.token).data(UPDATE, { i: { id, url: collector.url } });
    expect(moved.updateMcpServer.server.headerNames).toEqual([]);
    const validation = (await t.client(developer.token).data(VALIDATE, { id })).validateMcpServer;
    expect(validation.ok).toBe(false);
    expect(collector.seen.length).toBeGreaterThan(0);
    expect(bearerOf(collector.seen)).not.toContain('Bearer upstream-secret');
    const updates = await t.admin.data(`query($u: String!) { auditLog(filter: { type: "server_updated", user: $u }) { events { target { name } details } } }`, { u: developer.username });
    expect(updates.auditLog.events.find((e: { target: { name: string } }) => e.target.name === name).details.dropped).toEqual(['headers']);

    // Supplied again in the same update, they go to the new destination: it is the operator's choice.
    await t.client(developer.token).data(UPDATE, { i: { id, url: collector.url, headers: [{ name: 'authorization', value: 'Bearer chosen-again' }] } });
    await t.client(developer.token).data(VALIDATE, { id });
    expect(bearerOf(collector.seen)).toContain('Bearer chosen-again');
  });

  it('an upstream’s error body is never shown: the validation error, the deployment and the audit carry the status', async () => {
    const internal = await trap();
    const id = await registerServer(t.admin, { name: unique('internal').replaceAll('_', '-'), transport: 'STREAMABLE_HTTP', url: internal.url });
    const validation = (await t.client(developer.token).data(VALIDATE, { id })).validateMcpServer;
    expect(validation.error).toMatch(/HTTP 500 from upstream/);
    const seenByViewer = await t.client(viewer.token).data(`query($id: ID!) { mcpServer(id: $id) { validationError deployment { message } } }`, { id });
    expect(seenByViewer.mcpServer.validationError).toMatch(/HTTP 500 from upstream/);
    const audit = await t.admin.data(`{ auditLog(filter: { type: "server_validated" }) { events { details } } }`);
    expect(JSON.stringify([validation, seenByViewer, audit])).not.toContain(INTERNAL_SECRET);
  });

  it('credentials in a URL are sealed like headers: sent to the upstream, never shown, and dropped when the URL changes', async () => {
    const server = await trap(relayTo(upstream.url));
    const withCredentials = server.url.replace('http://', 'http://alice:s3cr%40t@');
    const id = await registerServer(t.admin, { name: unique('basic').replaceAll('_', '-'), transport: 'STREAMABLE_HTTP', url: withCredentials });
    expect((await t.admin.data(SERVER, { id })).mcpServer).toMatchObject({ url: server.url, urlHasCredentials: true });
    expect((await t.admin.data(VALIDATE, { id })).validateMcpServer.ok).toBe(true);
    expect(bearerOf(server.seen)).toContain(`Basic ${Buffer.from('alice:s3cr@t').toString('base64')}`);

    await t.client(developer.token).data(UPDATE, { i: { id, url: server.url } });
    expect((await t.admin.data(SERVER, { id })).mcpServer.urlHasCredentials).toBe(true);
    const elsewhere = server.url.replace('/mcp', '/other');
    expect((await t.client(developer.token).data(UPDATE, { i: { id, url: elsewhere } })).updateMcpServer.server.urlHasCredentials).toBe(false);
  });

  it('changing what a stdio server runs drops its env values unless the same update gives them again', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('envbound').replaceAll('_', '-'), { env: [{ name: 'FIXTURE_SECRET', value: 'for-this-program' }] }), false);
    const moved = await t.admin.data(UPDATE, { i: { id, args: [FIXTURE, 'stdio'] } });
    expect(moved.updateMcpServer.server.envNames).toEqual([]);
    const kept = await t.admin.data(UPDATE, { i: { id, args: [FIXTURE], env: [{ name: 'FIXTURE_SECRET', value: 'given-again' }] } });
    expect(kept.updateMcpServer.server.envNames).toEqual(['FIXTURE_SECRET']);
  });
});

describe('what viewers see of a server', () => {
  it('operators see how it is reached; viewers see its origin, and no command or args', async () => {
    const remoteId = await registerServer(t.admin, { name: unique('seen').replaceAll('_', '-'), transport: 'STREAMABLE_HTTP', url: `${upstream.url}?key=in-query` });
    const stdioId = await registerServer(t.admin, fixtureStdio(unique('cmd').replaceAll('_', '-')));
    const asViewer = t.client(viewer.token);
    expect((await asViewer.data(SERVER, { id: remoteId })).mcpServer.url).toBe(new URL(upstream.url).origin);
    expect((await asViewer.data(SERVER, { id: stdioId })).mcpServer).toMatchObject({ command: null, args: null });
    expect((await t.client(developer.token).data(SERVER, { id: remoteId })).mcpServer.url).toBe(`${upstream.url}?key=in-query`);
    expect((await t.client(developer.token).data(SERVER, { id: stdioId })).mcpServer).toMatchObject({ command: process.execPath, args: [FIXTURE] });
    expect(codeOf(await asViewer.request(UPDATE, { i: { id: remoteId, description: 'x' } }))).toBe('FORBIDDEN');
  });
});
