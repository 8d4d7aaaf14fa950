import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { fixtureStdio, readyServer, registerServer } from './support/mcp.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** Smoke tests from the control plane: an operator lists and calls a server's tools on its live runtime. */
let t: TestApp;
let server: { id: string; tools: Record<string, string> };
const LIST = `mutation($id: ID!) { smokeListMcpTools(input: { id: $id }) { ok error tools { name inputSchema } durationMs } }`;
const CALL = `mutation($id: ID!, $tool: String!, $args: JSON) { smokeCallMcpTool(input: { id: $id, tool: $tool, arguments: $args }) { tool ok error result isError durationMs } }`;

beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_MCP_TIMEOUT_MS: '3000' });
  server = await readyServer(t.admin, fixtureStdio(unique('smoke')), false);
}, 60_000);
afterAll(() => t?.stop());

async function invocations(tool: string) {
  const data = await t.admin.data(`query($f: AuditEventFilter) { auditEvents(first: 20, filter: $f) { edges { node { status actor { name } toolName details } } } }`, { f: { type: 'tool_invocation', tool } });
  return data.auditEvents.edges.map((e: { node: unknown }) => e.node);
}

describe('smoke tests of a server', () => {
  it('list what the live runtime offers, unpublished and unsubscribed, without storing it', async () => {
    const draft = await registerServer(t.admin, fixtureStdio(unique('smoke-draft')));
    const { smokeListMcpTools: listed } = await t.admin.data(LIST, { id: draft });
    expect((await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { toolCount status } }`, { id: draft })).mcpServer).toEqual({ toolCount: 0, status: 'DRAFT' });
    expect(listed.ok).toBe(true);
    expect(listed.tools.map((tool: { name: string }) => tool.name)).toEqual(expect.arrayContaining(['echo', 'add', 'fail', 'slow']));
    expect(listed.tools.find((tool: { name: string }) => tool.name === 'echo').inputSchema).toMatchObject({ properties: { text: { type: 'string' } } });
  });

  it('call one tool as its operator, audited as a call marked smoke', async () => {
    const { smokeCallMcpTool: called } = await t.admin.data(CALL, { id: server.id, tool: 'echo', args: { text: 'smoke signal' } });
    expect(called).toMatchObject({ tool: 'echo', ok: true, error: null, isError: false, result: { content: [{ type: 'text', text: 'smoke signal' }] } });
    expect(await invocations('echo')).toEqual([expect.objectContaining({ status: 'SUCCESS', actor: { name: 'admin' }, toolName: 'echo', details: { smoke: true } })]);
  });

  it('report a tool’s own error and a call that got no result, each audited', async () => {
    const failed = (await t.admin.data(CALL, { id: server.id, tool: 'fail', args: {} })).smokeCallMcpTool;
    expect(failed).toMatchObject({ ok: true, isError: true, result: { isError: true } });
    // The process exits mid-call: the upstream never answers.
    const crashed = (await t.admin.data(CALL, { id: server.id, tool: 'crash', args: {} })).smokeCallMcpTool;
    expect(crashed).toMatchObject({ ok: false, result: null, isError: false, error: expect.stringMatching(/-32000: .*closed/i) });
    expect((await invocations('fail'))[0]).toMatchObject({ status: 'FAILURE' });
    expect((await invocations('crash'))[0]).toMatchObject({ status: 'ERROR', details: { smoke: true, message: expect.stringMatching(/closed/i) } });
  });

  it('refuse a tool or server switched off, and an archived server', async () => {
    await t.admin.data(`mutation($id: ID!) { setToolKillSwitch(input: { id: $id, active: true, reason: "drill" }) { tool { id } } }`, { id: server.tools.add });
    const refused = await t.admin.request(CALL, { id: server.id, tool: 'add', args: { a: 1, b: 2 } });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/switched off \(drill\)/) });
    await t.admin.data(`mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: true, reason: "drill" }) { server { id } } }`, { id: server.id });
    expect((await t.admin.request(LIST, { id: server.id })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await t.admin.data(`mutation($id: ID!) { setServerKillSwitch(input: { id: $id, active: false }) { server { id } } }`, { id: server.id });
    const other = await readyServer(t.admin, fixtureStdio(unique('smoke-archived')));
    await t.admin.data(`mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { id } } }`, { id: other.id });
    expect((await t.admin.request(LIST, { id: other.id })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('report a runtime that cannot start, without storing anything', async () => {
    const id = (await t.admin.data(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`,
      { i: { name: unique('smoke-down'), transport: 'STDIO', command: process.execPath, args: ['-e', 'process.exit(7)'] } })).createMcpServer.server.id;
    const { smokeListMcpTools: listed } = await t.admin.data(LIST, { id });
    expect(listed).toMatchObject({ ok: false, tools: [], error: expect.stringMatching(/connect/i) });
    expect((await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { toolCount status } }`, { id })).mcpServer).toEqual({ toolCount: 0, status: 'DRAFT' });
  });

  it('are for operators of the server’s organization only', async () => {
    const org = await createOrganization(t.admin);
    const viewer = t.client((await orgMember(t.admin, org.id, 'VIEWER')).token);
    const outsider = t.client((await orgMember(t.admin, org.id, 'DEVELOPER')).token);
    expect((await viewer.request(LIST, { id: server.id })).errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await outsider.request(CALL, { id: server.id, tool: 'echo', args: { text: 'x' } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await invocations('echo')).toHaveLength(1);
  });
});
