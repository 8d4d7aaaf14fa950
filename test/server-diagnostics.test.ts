import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { FIXTURE, fixtureStdio, freePort, readyServer, registerServer, startHttpUpstream } from './support/mcp.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** An operator's diagnostics from the control plane: hosting checks, and smoke tests on a server's live runtime. */
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

const HOSTING = `mutation($id: ID!, $env: String) { checkMcpServerHosting(input: { id: $id, environment: $env }) { environment ok checks { name status message durationMs } } }`;
const checksOf = async (id: string, client = t.admin) => (await client.data(HOSTING, { id })).checkMcpServerHosting;
const statuses = (report: { checks: { name: string; status: string }[] }) => report.checks.map((c) => `${c.name}:${c.status}`);
const remote = async (url: string) => {
  const { mcpServer } = await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { organization { id } } }`, { id: server.id });
  return registerServer(t.admin, { name: unique('remote'), transport: 'STREAMABLE_HTTP', url, organizationId: mcpServer.organization.id });
};

describe('hosting checks', () => {
  let upstream: { url: string; stop(): void };
  let tlsServer: https.Server;
  beforeAll(async () => {
    upstream = await startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort());
    // A certificate nobody vouches for, made for this run only.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    tlsServer = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_, res) => res.end());
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  }, 30_000);
  afterAll(() => {
    upstream?.stop();
    tlsServer?.close();
  });

  it('of a server on the gateway’s host skip the network and start its runtime', async () => {
    const report = await checksOf(server.id);
    expect(report).toMatchObject({ environment: 'prod', ok: true });
    expect(statuses(report)).toEqual(['DNS:SKIPPED', 'ROUTING:SKIPPED', 'TLS:SKIPPED', 'RUNTIME:PASSED', 'TOOLS:PASSED']);
    expect(report.checks[3].message).toMatch(/legacy era, protocol 2025-11-25/);
  });

  it('of a remote server resolve, route, start and list it, changing nothing', async () => {
    const id = await remote(upstream.url.replace('127.0.0.1', 'localhost'));
    const report = await checksOf(id);
    expect(statuses(report)).toEqual(['DNS:PASSED', 'ROUTING:PASSED', 'TLS:SKIPPED', 'RUNTIME:PASSED', 'TOOLS:PASSED']);
    expect(report.checks[0].message).toMatch(/localhost resolves to .*127\.0\.0\.1|localhost resolves to .*::1/);
    expect(report.checks[4].message).toMatch(/\d+ tools listed/);
    expect((await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { toolCount status } }`, { id })).mcpServer).toEqual({ toolCount: 0, status: 'DRAFT' });
  });

  it('say where it fails: a name that does not resolve, a certificate nobody vouches for', async () => {
    const unresolved = await checksOf(await remote('http://no-such-host.invalid/mcp'));
    expect(unresolved.ok).toBe(false);
    expect(statuses(unresolved)).toEqual(['DNS:FAILED', 'ROUTING:SKIPPED', 'TLS:SKIPPED', 'RUNTIME:SKIPPED', 'TOOLS:SKIPPED']);
    expect(unresolved.checks[0].message).toMatch(/no-such-host\.invalid does not resolve \(ENOTFOUND\)/);
    const selfSigned = await checksOf(await remote(`https://localhost:${(tlsServer.address() as AddressInfo).port}/mcp`));
    expect(statuses(selfSigned)).toEqual(['DNS:PASSED', 'ROUTING:PASSED', 'TLS:FAILED', 'RUNTIME:SKIPPED', 'TOOLS:SKIPPED']);
    expect(selfSigned.checks[2].message).toMatch(/self[- ]signed/i);
  });

  it('say when the gateway may not dial the address, and are audited', async () => {
    const strict = await startTestApp({ SWITCHBOARD_OUTBOUND_ALLOW: '' });
    try {
      const id = await registerServer(strict.admin, { name: unique('lo'), transport: 'STREAMABLE_HTTP', url: upstream.url.replace('127.0.0.1', 'localhost') });
      const report = (await strict.admin.data(HOSTING, { id })).checkMcpServerHosting;
      expect(statuses(report)).toEqual(['DNS:PASSED', 'ROUTING:FAILED', 'TLS:SKIPPED', 'RUNTIME:SKIPPED', 'TOOLS:SKIPPED']);
      expect(report.checks[1].message).toMatch(/loopback or private address/);
      const events = await strict.admin.data(`{ auditEvents(first: 5, filter: { type: "server_hosting_checked" }) { edges { node { status details } } } }`);
      expect(events.auditEvents.edges[0].node).toMatchObject({ status: 'FAILURE', details: { environment: 'prod', checks: expect.arrayContaining([{ name: 'routing', status: 'failed' }]) } });
    } finally {
      await strict.stop();
    }
  });

  it('refuse an environment that does not exist, a viewer and another organization', async () => {
    const unknown = await t.admin.request(HOSTING, { id: server.id, env: 'staging' });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/environment/) });
    const org = await createOrganization(t.admin);
    const outsider = t.client((await orgMember(t.admin, org.id, 'ADMIN')).token);
    expect((await outsider.request(HOSTING, { id: server.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
