import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployment } from '../src/db/deployment.entity.ts';
import { DeploymentHistory } from '../src/mcp/deployment-history.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createUser, eventually, unique } from './support/fixtures.ts';
import { fixtureStdio, readyServer, registerServer, validateServer } from './support/mcp.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** A server's deployment: created by publishing, its status and history from what its runtimes really did. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.stop());

const DEPLOYMENT = `query($id: ID!) { mcpServer(id: $id) { currentDeployment { id environment status createdAt updatedAt
  instances { status } changes(last: 50) { status message instanceId userId at } } } }`;
const deploymentOf = async (id: string) => (await t.admin.data(DEPLOYMENT, { id })).mcpServer.currentDeployment;
const control = (name: string) => `mutation($id: ID!) { ${name}(input: { id: $id }) { ok error deployment { id status changes { status message } } } }`;
const OPERATIONS = `query($id: ID!) { mcpServer(id: $id) { operations(last: 20) { edges { node { kind status error } } } } }`;
const operations = async (id: string) =>
  (await t.admin.data(OPERATIONS, { id })).mcpServer.operations.edges.map((e: { node: { kind: string; status: string } }) => [e.node.kind, e.node.status]);
const statuses = (changes: { status: string }[]) => changes.map((c) => c.status);

describe('a deployment', () => {
  it('is made by publishing, starts on a restart, records each change and stops on a stop', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('dep')));
    const published = await deploymentOf(id);
    expect(published).toMatchObject({ id: expect.stringMatching(/^dep_/), environment: 'prod', status: 'STOPPED', instances: [{ status: 'STOPPED' }] });
    // Validation's own reports are its history, not its runtimes' status.
    expect(statuses(published.changes)).toEqual(['VALIDATING', 'STOPPED']);
    expect(published.changes[1].message).toMatch(/^validated: \d+ tools$/);

    const restarted = (await t.admin.data(control('restartMcpServer'), { id })).restartMcpServer;
    expect(restarted).toMatchObject({ ok: true, error: null, deployment: { id: published.id, status: 'RUNNING' } });
    expect(statuses(restarted.deployment.changes).slice(2)).toEqual(['STARTING', 'RUNNING']);
    const running = await deploymentOf(id);
    expect(running.instances).toEqual([{ status: 'RUNNING' }]);
    expect(running.changes.at(-1)).toMatchObject({ instanceId: expect.any(String), userId: null, message: expect.stringMatching(/era, protocol/) });

    const stopped = (await t.admin.data(control('stopMcpServer'), { id })).stopMcpServer;
    expect(stopped).toMatchObject({ ok: true, deployment: { status: 'STOPPED' } });
    expect(stopped.deployment.changes.at(-1)).toEqual({ status: 'STOPPED', message: 'stopped by admin' });

    // A second restart: the running runtime is stopped first, then started again.
    await t.admin.data(control('restartMcpServer'), { id });
    await t.admin.data(control('restartMcpServer'), { id });
    const again = await deploymentOf(id);
    expect(statuses(again.changes).slice(-5)).toEqual(['STARTING', 'RUNNING', 'STOPPED', 'STARTING', 'RUNNING']);
    expect(again.changes.at(-3).message).toBe('restarted by admin');
    expect(await operations(id)).toEqual([['VALIDATE', 'SUCCEEDED'], ['PUBLISH', 'SUCCEEDED'], ['RESTART', 'SUCCEEDED'], ['STOP', 'SUCCEEDED'], ['RESTART', 'SUCCEEDED'], ['RESTART', 'SUCCEEDED']]);
    await t.admin.data(control('stopMcpServer'), { id });
  });

  it('of a server that fails to start is failed, with why, and so is its restart operation', async () => {
    const id = await registerServer(t.admin, { name: unique('dep-down'), transport: 'STDIO', command: process.execPath, args: ['-e', 'console.error("no config found"); process.exit(3)'] });
    const restarted = (await t.admin.data(control('restartMcpServer'), { id })).restartMcpServer;
    expect(restarted.ok).toBe(false);
    expect(restarted.error).toMatch(/connect|closed|exit/i);
    expect(restarted.deployment).toMatchObject({ status: 'FAILED' });
    expect(statuses(restarted.deployment.changes)).toEqual(['STARTING', 'FAILED']);
    expect(await operations(id)).toEqual([['RESTART', 'FAILED']]);
    const audit = await t.admin.data(`{ auditEvents(first: 50, filter: { type: "server_restarted" }) { edges { node { status details target { id } } } } }`);
    const mine = audit.auditEvents.edges.map((e: { node: { target: { id: string } } }) => e.node).filter((n: { target: { id: string } }) => n.target.id === id);
    expect(mine).toEqual([{ status: 'FAILURE', details: { error: restarted.error }, target: { id } }]);
  });

  it('is started by real use too: a tool call on its live runtime makes it running, an archive stops it', async () => {
    const name = unique('dep-use');
    const { id } = await readyServer(t.admin, fixtureStdio(name));
    await t.admin.data(`mutation($i: SmokeCallMcpToolInput!) { smokeCallMcpTool(input: $i) { ok } }`, { i: { id, tool: 'pid' } });
    expect((await eventually(() => deploymentOf(id), (d) => d.status === 'RUNNING')).status).toBe('RUNNING');
    await t.admin.data(`mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { id } } }`, { id });
    const archived = await eventually(() => deploymentOf(id), (d) => d.status === 'STOPPED');
    expect(archived.status).toBe('STOPPED');
    expect(archived.changes.at(-1)).toMatchObject({ status: 'STOPPED', message: 'configuration changed or server left service' });
  });

  it('is read by id in its organization only, and listed in the server’s history', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('dep-read')));
    const history = (await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { deploymentHistory { id environment status server { id } } } }`, { id })).mcpServer.deploymentHistory;
    expect(history).toEqual([{ id: expect.stringMatching(/^dep_/), environment: 'prod', status: 'STOPPED', server: { id } }]);
    const one = await t.admin.data(`query($id: ID!) { deployment(id: $id) { id status config { environment } } }`, { id: history[0].id });
    expect(one.deployment).toEqual({ id: history[0].id, status: 'STOPPED', config: { environment: 'prod' } });
    const founder = t.client((await createUser(t.admin)).token);
    const outsider = t.client((await orgMember(t.admin, (await createOrganization(founder)).id, 'ADMIN')).token);
    expect((await outsider.request(`query($id: ID!) { deployment(id: $id) { id } }`, { id: history[0].id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await t.admin.request(`query { deployment(id: "dep_unknown") { id } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await t.admin.request(`query($id: ID!) { deployment(id: $id) { changes(last: 5000) { status } } }`, { id: history[0].id });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps the old live fields: deployments and deployment are the instances', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('dep-old')));
    await t.admin.data(control('restartMcpServer'), { id });
    const server = (await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { deployment { status } deployments { status } instances { status serverId } } }`, { id })).mcpServer;
    expect(server).toEqual({ deployment: { status: 'RUNNING' }, deployments: [{ status: 'RUNNING' }], instances: [{ status: 'RUNNING', serverId: id }] });
    await t.admin.data(control('stopMcpServer'), { id });
  });

  it('keeps its newest 200 changes, and nothing for a server that is gone', async () => {
    const id = await registerServer(t.admin, fixtureStdio(unique('dep-many')));
    const history = new DeploymentHistory(t.app.services.orm, t.app.services.log);
    const change = (serverId: string, i: number) => ({ instanceId: 'elsewhere', serverId, userId: null, status: 'running' as const, message: `change ${i}`, at: new Date() });
    for (let i = 0; i < 210; i++) history.record(change(id, i), 'runtime');
    history.record(change('srv_gone', 0), 'runtime');
    await history.settled();
    const kept = (await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { currentDeployment { status changes(last: 200) { message } } } }`, { id })).mcpServer.currentDeployment;
    expect(kept.status).toBe('RUNNING');
    expect(kept.changes).toHaveLength(200);
    expect([kept.changes[0].message, kept.changes.at(-1).message]).toEqual(['change 10', 'change 209']);
    expect(await t.app.services.orm.em.fork().count(Deployment, { server: 'srv_gone' })).toBe(0);
    expect(t.logs.filter((line) => line.includes('deployment change not recorded'))).toEqual([]);
  });

  it('of a server not validated yet is a draft: its validation is recorded, its status stays draft', async () => {
    const id = await registerServer(t.admin, fixtureStdio(unique('dep-draft')));
    expect(await deploymentOf(id)).toBeNull();
    await validateServer(t.admin, id);
    const draft = await eventually(() => deploymentOf(id), (d) => d?.changes.length === 2);
    expect(draft).toMatchObject({ status: 'DRAFT' });
  });
});
