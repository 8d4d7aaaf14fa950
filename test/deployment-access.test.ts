import { authenticate } from '../src/auth/authenticate.ts';
import { PrincipalCache } from '../src/auth/principal-cache.ts';
import { unauthenticated } from '../src/errors.ts';
import { AccessWatch } from '../src/events/access-watch.ts';
import { tableSource } from '../src/events/realtime.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMembership } from './support/audit.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createToken, createUser, eventually, unique, type CreatedUser } from './support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer, validateServer } from './support/mcp.ts';
import { subscribe, wsClient } from './support/ws.ts';

const STATUS = `subscription($id: ID!) { deploymentStatus(serverId: $id) { status userId } }`;
const CURRENT = `query($id: ID!) { mcpServer(id: $id) { deployment { status userId } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function watch(token: string, serverId: string) {
  const client = wsClient(t.url, token);
  const sub = subscribe<{ deploymentStatus: { status: string; userId: string | null } }>(client, STATUS, { id: serverId });
  await sub.drain(200);
  return { sub, close: () => (sub.close(), client.dispose()) };
}

describe('per-user runtimes', () => {
  it('are seen by their user and the server\'s operators, never by the other users of the server', async () => {
    const name = unique('mine');
    const server = await readyServer(t.admin, fixtureStdio(name, {
      isolation: 'PER_USER', envSchema: [{ name: 'PERSONAL_TOKEN', scope: 'USER', required: true }],
    }));
    const group = (await t.admin.data(`mutation($n: String!) { createGroup(input: { name: $n }) { group { id } } }`, { n: unique('grp') })).createGroup.group.id;
    const ann: CreatedUser = await createUser(t.admin);
    const bob: CreatedUser = await createUser(t.admin);
    await t.admin.data(`mutation($g: ID!, $u: [ID!], $s: ID!) { updateGroupMembers(input: { id: $g, add: $u }) { group { id } }
      updateGroupServers(input: { id: $g, add: [$s] }) { group { id } } }`, { g: group, u: [ann.id, bob.id], s: server.id });
    for (const user of [ann, bob]) {
      await t.client(user.token).data(`mutation($s: ID!) { subscribeToServer(input: { serverId: $s }) { server { id } } }`, { s: server.id });
    }
    await t.client(ann.token).data(`mutation($s: ID!) { setMyServerSecrets(input: { serverId: $s, values: [{ name: "PERSONAL_TOKEN", value: "ann-token" }] }) { names } }`, { s: server.id });
    const [annView, bobView, adminView] = [await watch(ann.token, server.id), await watch(bob.token, server.id), await watch(ADMIN_TOKEN, server.id)];

    const client = await mcpClient(t.url, ann.token);
    await client.callTool({ name: `${name}__pid` });
    await client.close();

    for (const view of [annView, adminView]) {
      expect((await view.sub.next()).deploymentStatus).toEqual({ status: 'STARTING', userId: ann.id });
      expect((await view.sub.next()).deploymentStatus).toEqual({ status: 'RUNNING', userId: ann.id });
    }
    expect(await bobView.sub.drain(300)).toEqual([]);
    expect((await t.client(ann.token).data(CURRENT, { id: server.id })).mcpServer.deployment).toEqual({ status: 'RUNNING', userId: ann.id });
    expect((await t.admin.data(CURRENT, { id: server.id })).mcpServer.deployment).toEqual({ status: 'RUNNING', userId: ann.id });
    // Bob sees the shared runtime's last change, the validation run, and nothing of Ann's.
    expect((await t.client(bob.token).data(CURRENT, { id: server.id })).mcpServer.deployment).toEqual({ status: 'STOPPED', userId: null });
    // Its deployment's history shows each of them what the stream showed them.
    const HISTORY = `query($id: ID!) { mcpServer(id: $id) { currentDeployment { changes { status userId } } } }`;
    const historyOf = (token: string) => t.client(token).data(HISTORY, { id: server.id }).then((d) => d.mcpServer.currentDeployment.changes);
    const mine = [{ status: 'STARTING', userId: ann.id }, { status: 'RUNNING', userId: ann.id }];
    const validation = [{ status: 'VALIDATING', userId: null }, { status: 'STOPPED', userId: null }];
    expect(await eventually(() => historyOf(ADMIN_TOKEN), (c) => c.length === 4)).toEqual([...validation, ...mine]);
    expect(await historyOf(ann.token)).toEqual([...validation, ...mine]);
    expect(await historyOf(bob.token)).toEqual(validation);
    await Promise.all([annView, bobView, adminView].map((view) => view.close()));
  });
});

describe('deploymentStatus subscribers', () => {
  const shared = async () => readyServer(t.admin, fixtureStdio(unique('shared')));

  it('end with UNAUTHENTICATED as soon as their token is revoked, with no status change needed', async () => {
    const server = await shared();
    const user = await createUser(t.admin);
    const { id, token } = await createToken(t.admin, { userId: user.id });
    const view = await watch(token, server.id);
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`, { id });
    await expect(view.sub.next()).rejects.toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await view.close();
  });

  it('end with FORBIDDEN once what they may see of the server changes', async () => {
    const server = await shared();
    const operator = await createUser(t.admin);
    const { viewer } = await t.client(operator.token).data(`{ viewer { organization { id } } }`);
    await setMembership(t.app, operator.id, viewer.organization.id, 'developer');
    const view = await watch(operator.token, server.id);
    await setMembership(t.app, operator.id, viewer.organization.id, 'viewer');
    await expect(view.sub.next()).rejects.toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    await view.close();
  });

  it('end with UNAUTHENTICATED when their token expires', async () => {
    const server = await shared();
    const user = await createUser(t.admin);
    const { token } = await createToken(t.admin, { userId: user.id, expiresAt: new Date(Date.now() + 1_500).toISOString() });
    const view = await watch(token, server.id);
    await expect(view.sub.next(5_000)).rejects.toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await view.close();
  });

  it('are checked at once when access changed while their principal was being read', async () => {
    const user = await createUser(t.admin);
    const { id, token } = await createToken(t.admin, { userId: user.id });
    const principal = await authenticate(t.app.services.orm.em.fork(), token, { cache: new PrincipalCache(0) });
    const verifiedAt = t.app.services.principals.ticket();
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`, { id });
    // A watch of its own, deaf to "principals changed": only the stale ticket can tell it.
    const watch = new AccessWatch(tableSource(t.app.services.orm, t.app.services.principals), t.app.log);
    const ended = new Promise<Error>((end) => watch.watch({
      credentialId: principal.credentialId, verifiedAt, credentialExpiresAt: null,
      recheck: (fresh) => (fresh ? null : unauthenticated('revoked')),
      end,
    }));
    expect(await ended).toMatchObject({ code: 'UNAUTHENTICATED' });
    watch.close();
  });

  it('whose access is unchanged keep receiving after someone else\'s changes', async () => {
    const server = await shared();
    const view = await watch(ADMIN_TOKEN, server.id);
    const bystander = await createUser(t.admin);
    const { id } = await createToken(t.admin, { userId: bystander.id });
    await t.admin.data(`mutation($id: ID!) { revokeCredential(input: { id: $id }) { credential { status } } }`, { id });
    await t.app.services.accessWatch.settled();
    await validateServer(t.admin, server.id);
    expect((await view.sub.next()).deploymentStatus).toEqual({ status: 'VALIDATING', userId: null });
    await view.close();
  });
});
