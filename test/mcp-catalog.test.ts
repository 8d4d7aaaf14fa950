import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Membership } from '../src/db/membership.entity.ts';
import { exposedToolName } from '../src/mcp/names.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createUser, eventually, unique } from './support/fixtures.ts';
import { createAgent, fixtureStdio, mcpClient, readyServer, registerServer, textOf } from './support/mcp.ts';
import { subscribe, wsClient } from './support/ws.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const SERVER_FIELDS = `id name displayName description tags transport command args url envNames headerNames isolation status
  envSchema { name required secret scope } killSwitch { active reason } toolCount totalInvocations validatedAt validationError`;

describe('servers in the catalog', () => {
  it('keeps env values and headers write-only: only their names are ever shown', async () => {
    const id = await registerServer(t.admin, {
      name: 'secretive', transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp',
      env: [{ name: 'API_KEY', value: 'env-value-that-must-not-leak' }],
      headers: [{ name: 'X-Upstream-Key', value: 'header-value-that-must-not-leak' }],
    });
    const read = JSON.stringify(await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { ${SERVER_FIELDS} } mcpServers { edges { node { ${SERVER_FIELDS} } } } }`, { id }));
    expect(read).toContain('"envNames":["API_KEY"]');
    expect(read).toContain('"headerNames":["X-Upstream-Key"]');
    const audit = JSON.stringify(await t.admin.data(`{ auditEvents(first: 200) { edges { node { details target { name } } } } }`));
    for (const secret of ['env-value-that-must-not-leak', 'header-value-that-must-not-leak']) {
      expect(read).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(t.logs.join('\n')).not.toContain(secret);
    }
  });

  it('reports a server that cannot be reached instead of failing the request, and keeps it a draft', async () => {
    const id = await registerServer(t.admin, { name: 'broken', transport: 'STDIO', command: '/nonexistent/mcp-server' });
    const result = await t.admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { status validationError } } }`, { id });
    expect(result.validateMcpServer.ok).toBe(false);
    expect(result.validateMcpServer.error).toMatch(/Could not connect to "broken"/);
    expect(result.validateMcpServer.server).toMatchObject({ status: 'DRAFT', validationError: result.validateMcpServer.error });
    const events = await t.admin.data(`{ auditEvents(filter: { type: "server_validated" }) { edges { node { status target { name } } } } }`);
    expect(events.auditEvents.edges.at(-1).node).toEqual({ status: 'FAILURE', target: { name: 'broken' } });
    const publish = await t.admin.request(`mutation($id: ID!) { publishMcpServer(input: { id: $id }) { server { status } } }`, { id });
    expect(codeOf(publish)).toBe('CONFLICT');
  });

  it('refuses bad definitions with BAD_USER_INPUT and creates nothing', async () => {
    const before = (await t.admin.data(`{ mcpServers { totalCount } }`)).mcpServers.totalCount;
    for (const input of [
      { name: 'Bad_Name', transport: 'STDIO', command: 'x' },
      { name: 'no-command', transport: 'STDIO' },
      { name: 'no-url', transport: 'SSE' },
      { name: 'ftp', transport: 'STREAMABLE_HTTP', url: 'ftp://example.com/mcp' },
      { name: 'bad-env', transport: 'STDIO', command: 'x', env: [{ name: 'NOT A NAME', value: 'v' }] },
      { name: 'bad-header', transport: 'SSE', url: 'http://x.test/sse', headers: [{ name: 'Host', value: 'evil' }] },
    ]) {
      const result = await t.admin.request(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: input });
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect((await t.admin.data(`{ mcpServers { totalCount } }`)).mcpServers.totalCount).toBe(before);
  });

  it('lets developers register remote servers but only administrators commands', async () => {
    const dev = await createUser(t.admin);
    const em = t.app.services.orm.em.fork();
    await em.nativeUpdate(Membership, { user: dev.id }, { role: 'developer' });
    const developer = t.client(dev.token);
    const stdio = await developer.request(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: fixtureStdio(unique('dev')) });
    expect(codeOf(stdio)).toBe('FORBIDDEN');
    const remote = await developer.request(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, {
      i: { name: unique('remote'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:9/mcp' },
    });
    expect(codeOf(remote)).toBe('OK');
    const sneaky = await developer.request(`mutation($id: ID!) { updateMcpServer(input: { id: $id, transport: STDIO, command: "/bin/sh" }) { server { id } } }`, {
      id: remote.data!.createMcpServer.server.id,
    });
    expect(codeOf(sneaky)).toBe('FORBIDDEN');
  });
});

describe('tools', () => {
  it('keeps operator overrides across re-discovery and shows them to agents', async () => {
    const server = await readyServer(t.admin, fixtureStdio('overrides'));
    await t.admin.data(`mutation($id: ID!) { updateTool(input: { id: $id, displayName: "Echo back", descriptionOverride: "Repeats text.",
      instructions: "Keep it short.", whenToUse: "Testing.", whenNotToUse: "Production." }) { tool { id } } }`, { id: server.tools.echo });
    await t.admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok } }`, { id: server.id });
    const tool = (await t.admin.data(`query($id: ID!) { node(id: $id) { ... on Tool { name displayName descriptionOverride description exposedName } } }`, { id: server.tools.echo })).node;
    expect(tool).toEqual({ name: 'echo', displayName: 'Echo back', descriptionOverride: 'Repeats text.', description: 'Echoes the text back.', exposedName: 'overrides__echo' });
    const agent = await createAgent(t.admin, unique('ov'), ['overrides']);
    const client = await mcpClient(t.url, agent.token);
    const listed = (await client.listTools()).tools.find((x) => x.name === 'overrides__echo')!;
    expect(listed.title).toBe('Echo back');
    expect(listed.description).toBe('Repeats text.\n\nInstructions: Keep it short.\n\nUse when: Testing.\n\nDo not use when: Production.');
    await client.close();
  });

  it('changes several tools at once, or none when one id is wrong', async () => {
    const server = await readyServer(t.admin, fixtureStdio('bulk'));
    const wrong = await t.admin.request(`mutation($s: ID!, $a: ID!) { updateTools(input: { serverId: $s, tools: [{ id: $a, enabled: false }, { id: "tool_unknown", enabled: false }] }) { tools { id } } }`,
      { s: server.id, a: server.tools.add });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    const read = () => t.admin.data(`query($id: ID!) { mcpServer(id: $id) { tools { edges { node { name enabled } } } } }`, { id: server.id });
    expect((await read()).mcpServer.tools.edges.every((e: { node: { enabled: boolean } }) => e.node.enabled)).toBe(true);
    await t.admin.data(`mutation($s: ID!, $a: ID!, $b: ID!) { updateTools(input: { serverId: $s, tools: [{ id: $a, enabled: false }, { id: $b, enabled: false }] }) { tools { enabled } } }`,
      { s: server.id, a: server.tools.add, b: server.tools.echo });
    const disabled = (await read()).mcpServer.tools.edges.filter((e: { node: { enabled: boolean } }) => !e.node.enabled).map((e: { node: { name: string } }) => e.node.name);
    expect(disabled.sort()).toEqual(['add', 'echo']);
  });

  it('gives long tool names a stable, reversible name within 64 characters', () => {
    const long = 'a_tool_with_a_very_long_name_that_goes_on_and_on_beyond_any_client_limit';
    const exposed = exposedToolName('some-server-name', long);
    expect(exposed.length).toBeLessThanOrEqual(64);
    expect(exposed.startsWith('some-server-name__a_tool_with')).toBe(true);
    expect(exposedToolName('some-server-name', long)).toBe(exposed);
    expect(exposedToolName('some-server-name', `${long}_2`)).not.toBe(exposed);
    expect(exposedToolName('github', 'search')).toBe('github__search');
  });
});

describe('per-user servers', () => {
  it('run one upstream per user with that user’s own values, and ask users without values to set them', async () => {
    const server = await readyServer(t.admin, fixtureStdio('personal', {
      isolation: 'PER_USER', envSchema: [{ name: 'PERSONAL_TOKEN', scope: 'USER', required: true }],
    }));
    const group = (await t.admin.data(`mutation { createGroup(input: { name: "personal-users" }) { group { id } } }`)).createGroup.group.id;
    const [ann, bob, cat] = [await createUser(t.admin), await createUser(t.admin), await createUser(t.admin)];
    await t.admin.data(`mutation($g: ID!, $u: [ID!], $s: ID!) { updateGroupMembers(input: { id: $g, add: $u }) { group { id } }
      updateGroupServers(input: { id: $g, add: [$s] }) { group { id } } }`, { g: group, u: [ann.id, bob.id, cat.id], s: server.id });
    const answers: Record<string, { token: string; pid: string }> = {};
    for (const user of [ann, bob, cat]) {
      await t.client(user.token).data(`mutation($s: ID!) { subscribeToServer(input: { serverId: $s }) { server { id } } }`, { s: server.id });
    }
    for (const [who, user] of [['ann', ann], ['bob', bob]] as const) {
      await t.client(user.token).data(`mutation($s: ID!, $v: String!) { setMyServerSecrets(input: { serverId: $s, values: [{ name: "PERSONAL_TOKEN", value: $v }] }) { names } }`,
        { s: server.id, v: `${who}-own-token` });
      const client = await mcpClient(t.url, user.token);
      answers[who] = {
        token: textOf(await client.callTool({ name: 'personal__env', arguments: { name: 'PERSONAL_TOKEN' } })),
        pid: textOf(await client.callTool({ name: 'personal__pid' })),
      };
      await client.close();
    }
    expect(answers.ann!.token).toBe('ann-own-token');
    expect(answers.bob!.token).toBe('bob-own-token');
    expect(answers.ann!.pid).not.toBe(answers.bob!.pid);
    const catClient = await mcpClient(t.url, cat.token);
    const refused = await catClient.callTool({ name: 'personal__env', arguments: { name: 'PERSONAL_TOKEN' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Set your own values for PERSONAL_TOKEN/);
    await catClient.close();
    const mine = await t.client(ann.token).data(`query($id: ID!) { mcpServer(id: $id) { mySecretNames } }`, { id: server.id });
    expect(mine.mcpServer.mySecretNames).toEqual(['PERSONAL_TOKEN']);
    expect(JSON.stringify(await t.admin.data(`{ auditEvents(first: 200) { edges { node { details } } } }`))).not.toContain('ann-own-token');
  });
});

describe('runtime', () => {
  it('streams deployment status changes and counts invocations', async () => {
    const server = await readyServer(t.admin, fixtureStdio('watched'));
    const ws = wsClient(t.url, t.admin.token);
    const sub = subscribe(ws, `subscription($id: ID!) { deploymentStatus(serverId: $id) { status message } }`, { id: server.id });
    await sub.drain(200);
    const agent = await createAgent(t.admin, unique('watch'), ['watched']);
    const client = await mcpClient(t.url, agent.token);
    await client.callTool({ name: 'watched__echo', arguments: { text: '1' } });
    await client.callTool({ name: 'watched__echo', arguments: { text: '2' } });
    expect((await sub.next()).deploymentStatus.status).toBe('STARTING');
    expect((await sub.next()).deploymentStatus.status).toBe('RUNNING');
    await t.admin.data(`mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { status } } }`, { id: server.id });
    expect((await sub.next()).deploymentStatus).toMatchObject({ status: 'STOPPED' });
    sub.close();
    await ws.dispose();
    await client.close();
    const count = () => t.admin.data(`query($id: ID!) { mcpServer(id: $id) { totalInvocations } }`, { id: server.id });
    expect((await eventually(count, (c) => c.mcpServer.totalInvocations === 2)).mcpServer.totalInvocations).toBe(2);
  });

  it('new env values reach the upstream on the next call', async () => {
    const server = await readyServer(t.admin, fixtureStdio('reconfigured', { env: [{ name: 'MODE', value: 'before' }] }));
    const agent = await createAgent(t.admin, unique('reconf'), ['reconfigured']);
    const client = await mcpClient(t.url, agent.token);
    expect(textOf(await client.callTool({ name: 'reconfigured__env', arguments: { name: 'MODE' } }))).toBe('before');
    await t.admin.data(`mutation($id: ID!) { updateMcpServer(input: { id: $id, env: [{ name: "MODE", value: "after" }] }) { server { envNames } } }`, { id: server.id });
    expect(textOf(await client.callTool({ name: 'reconfigured__env', arguments: { name: 'MODE' } }))).toBe('after');
    await client.close();
  });
});
