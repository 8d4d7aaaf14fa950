import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createUser, eventually, unique } from './support/fixtures.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, registerServer, textOf } from './support/mcp.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** A deployment's config: what its runtimes start with, taking effect on their next start. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.stop());

const UPDATE = `mutation($i: UpdateDeploymentConfigInput!) { updateDeploymentConfig(input: $i) { config { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs envNames } } }`;
const CONFIG = `query($id: ID!) { mcpServer(id: $id) { deploymentConfig { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs effectiveIdleStopSeconds envNames } } }`;
const SMOKE = `mutation($i: SmokeCallMcpToolInput!) { smokeCallMcpTool(input: $i) { ok error result } }`;
const configOf = async (id: string, client = t.admin) => (await client.data(CONFIG, { id })).mcpServer.deploymentConfig;
const smoke = async (id: string, tool: string, args: Record<string, unknown>) => (await t.admin.data(SMOKE, { i: { id, tool, arguments: args } })).smokeCallMcpTool;

describe('a deployment’s config', () => {
  it('is the installation’s until set; a short call timeout makes a slow tool time out, on /mcp too', async () => {
    const name = unique('cfg-slow');
    const { id } = await readyServer(t.admin, fixtureStdio(name));
    expect(await configOf(id)).toEqual({ environment: 'prod', callTimeoutMs: null, idleStopSeconds: null, effectiveCallTimeoutMs: 60_000, effectiveIdleStopSeconds: 300, envNames: [] });
    expect(await smoke(id, 'slow', { ms: 600 })).toMatchObject({ ok: true });

    const updated = (await t.admin.data(UPDATE, { i: { id, callTimeoutMs: 200, idleStopSeconds: 120 } })).updateDeploymentConfig.config;
    expect(updated).toEqual({ environment: 'prod', callTimeoutMs: 200, idleStopSeconds: 120, effectiveCallTimeoutMs: 200, envNames: [] });
    const slow = await smoke(id, 'slow', { ms: 600 });
    expect(slow).toMatchObject({ ok: false, error: expect.stringMatching(/-32001.*timed out/i) });
    expect(await smoke(id, 'slow', { ms: 10 })).toMatchObject({ ok: true });

    const agent = await createAgent(t.admin, unique('cfg-agent'), [name]);
    const client = await mcpClient(t.url, agent.token);
    const viaMcp = await client.callTool({ name: `${name}__slow`, arguments: { ms: 600 } });
    expect(viaMcp.isError).toBe(true);
    expect(textOf(viaMcp)).toMatch(/timed out/i);
    await client.close();

    // Back to the installation's.
    await t.admin.data(UPDATE, { i: { id, callTimeoutMs: null } });
    expect(await smoke(id, 'slow', { ms: 600 })).toMatchObject({ ok: true });
    expect((await configOf(id)).idleStopSeconds).toBe(120);
  });

  it('stops a runtime left unused for its idle stop, sooner than the installation would', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('cfg-idle')));
    await t.admin.data(UPDATE, { i: { id, idleStopSeconds: 1 } });
    await t.admin.data(`mutation($id: ID!) { restartMcpServer(input: { id: $id }) { ok } }`, { id });
    const LAST = `query($id: ID!) { mcpServer(id: $id) { currentDeployment { status changes(last: 1) { status message } } } }`;
    const stopped = await eventually(async () => (await t.admin.data(LAST, { id })).mcpServer.currentDeployment, (d) => d.status === 'STOPPED', 12_000);
    expect(stopped.changes).toEqual([{ status: 'STOPPED', message: 'idle' }]);
  }, 20_000);

  it('merges env overrides over the server’s env for a stdio process, sealed, names only', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('cfg-env'), { env: [{ name: 'FLAVOUR', value: 'server-flavour' }, { name: 'KEPT', value: 'kept-value' }] }));
    expect(textOf((await smoke(id, 'env', { name: 'FLAVOUR' })).result)).toBe('server-flavour');
    const secret = `override-${unique('secret')}`;
    const updated = await t.admin.request(UPDATE, { i: { id, env: [{ name: 'FLAVOUR', value: secret }, { name: 'EXTRA', value: 'extra-value' }] } });
    expect(updated.data!.updateDeploymentConfig.config.envNames).toEqual(['FLAVOUR', 'EXTRA']);
    expect(textOf((await smoke(id, 'env', { name: 'FLAVOUR' })).result)).toBe(secret);
    expect(textOf((await smoke(id, 'env', { name: 'KEPT' })).result)).toBe('kept-value');
    expect(textOf((await smoke(id, 'env', { name: 'EXTRA' })).result)).toBe('extra-value');

    // Never returned: not by the mutation, the config, the deployment, the audit log nor REST.
    const everything = await t.admin.request(`query($id: ID!) { mcpServer(id: $id) { envNames deploymentConfig { envNames }
      currentDeployment { id config { envNames } changes { message } } } auditEvents(first: 20, filter: { type: "deployment_config_updated" }) { edges { node { details } } } }`, { id });
    const rest = await fetch(`${t.url}/api/v1/organizations/${(await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { organization { id } } }`, { id })).mcpServer.organization.id}/mcp-servers/${id}/deployment-config`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    for (const body of [JSON.stringify(updated), JSON.stringify(everything), await rest.text()]) expect(body).not.toContain(secret);
    expect(everything.data!.mcpServer.deploymentConfig.envNames).toEqual(['FLAVOUR', 'EXTRA']);

    await t.admin.data(UPDATE, { i: { id, env: [] } });
    expect(textOf((await smoke(id, 'env', { name: 'FLAVOUR' })).result)).toBe('server-flavour');
  });

  it('is refused to another tenant and to lower roles; env overrides are for system administrators', async () => {
    // Founded by someone else, so the administrator's own organization stays their only one.
    const founder = t.client((await createUser(t.admin)).token);
    const org = await createOrganization(founder);
    const { id } = await readyServer(t.admin, { ...fixtureStdio(unique('cfg-auth')), organizationId: org.id });
    const viewer = t.client((await orgMember(t.admin, org.id, 'VIEWER')).token);
    const developer = t.client((await orgMember(t.admin, org.id, 'DEVELOPER')).token);
    const outsider = t.client((await orgMember(t.admin, (await createOrganization(founder)).id, 'ADMIN')).token);
    const code = async (client: typeof t.admin, query: string, variables: Record<string, unknown>) => (await client.request(query, variables)).errors?.[0]?.extensions?.code;

    expect(await code(viewer, UPDATE, { i: { id, callTimeoutMs: 1_000 } })).toBe('FORBIDDEN');
    expect(await code(outsider, UPDATE, { i: { id, callTimeoutMs: 1_000 } })).toBe('NOT_FOUND');
    expect(await code(outsider, CONFIG, { id })).toBe('NOT_FOUND');
    expect(await code(developer, UPDATE, { i: { id, env: [{ name: 'A', value: 'b' }] } })).toBe('FORBIDDEN');
    for (const name of ['restartMcpServer', 'stopMcpServer']) {
      expect(await code(viewer, `mutation($id: ID!) { ${name}(input: { id: $id }) { ok } }`, { id })).toBe('FORBIDDEN');
      expect(await code(outsider, `mutation($id: ID!) { ${name}(input: { id: $id }) { ok } }`, { id })).toBe('NOT_FOUND');
    }
    // Nothing changed, and no restart or stop was kept as an operation.
    expect(await configOf(id, viewer)).toMatchObject({ callTimeoutMs: null, envNames: [] });
    const ops = (await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { operations { edges { node { kind } } } } }`, { id })).mcpServer.operations.edges;
    expect(ops.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['VALIDATE', 'PUBLISH']);

    // The refusals are in the organization's audit log, as any refused change is.
    const LOG = `query($o: ID!, $type: String) { auditLog(filter: { organizationId: $o, type: $type }) { events { status actor { name } } } }`;
    for (const type of ['server_restarted', 'server_stopped', 'deployment_config_updated']) {
      expect((await t.admin.data(LOG, { o: org.id, type })).auditLog.events, type).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'DENIED' })]));
    }
    // A developer operates it: sets its timeout, restarts and stops it.
    expect((await developer.data(UPDATE, { i: { id, callTimeoutMs: 5_000 } })).updateDeploymentConfig.config.callTimeoutMs).toBe(5_000);
    expect((await developer.data(`mutation($id: ID!) { restartMcpServer(input: { id: $id }) { ok } }`, { id })).restartMcpServer.ok).toBe(true);
    expect((await developer.data(`mutation($id: ID!) { stopMcpServer(input: { id: $id }) { ok } }`, { id })).stopMcpServer.ok).toBe(true);
  });

  it('refuses bad values with BAD_USER_INPUT and changes nothing', async () => {
    const { id } = await readyServer(t.admin, fixtureStdio(unique('cfg-bad')));
    await t.admin.data(UPDATE, { i: { id, callTimeoutMs: 1_500, idleStopSeconds: 60 } });
    const before = await configOf(id);
    const bad: Record<string, unknown>[] = [
      { callTimeoutMs: -1 }, { callTimeoutMs: 0 }, { callTimeoutMs: 10_000_000 }, { callTimeoutMs: 2 ** 40 }, { callTimeoutMs: 'soon' }, { callTimeoutMs: 1.5 },
      { idleStopSeconds: -5 }, { idleStopSeconds: 10 ** 9 }, { idleStopSeconds: true },
      { environment: 'staging', callTimeoutMs: 1_000 }, { environment: 'Prod Env', callTimeoutMs: 1_000 }, { environment: 'x'.repeat(500) },
      { env: [{ name: 'BAD NAME', value: 'v' }] }, { env: [{ name: 'A', value: 'x'.repeat(10_000) }] }, { env: [{ name: 'NODE_OPTIONS', value: '--require /tmp/x.js' }] },
      { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }, { env: 'A=1' },
    ];
    for (const fields of bad) {
      const result = await t.admin.request(UPDATE, { i: { id, ...fields } });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(fields)).toBe('BAD_USER_INPUT');
    }
    expect(await configOf(id)).toEqual(before);
    const unknownEnv = await t.admin.request(`query($id: ID!) { mcpServer(id: $id) { deploymentConfig(environment: "staging") { environment } } }`, { id });
    expect(unknownEnv.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const remote = await registerServer(t.admin, { name: unique('cfg-remote'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:1/mcp' });
    const overridden = await t.admin.request(UPDATE, { i: { id: remote, env: [{ name: 'A', value: 'b' }] } });
    expect(overridden.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/stdio/) });
    expect((await configOf(remote)).envNames).toEqual([]);
    const unknownServer = await t.admin.request(UPDATE, { i: { id: 'srv_unknown', callTimeoutMs: 1_000 } });
    expect(unknownServer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
