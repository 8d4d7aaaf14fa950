import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN as ADMIN, startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { fixtureStdio, registerServer } from './support/mcp.ts';
import { bearer, restCall } from './support/rest.ts';
import { createOrganization, orgMember } from './support/tenancy.ts';

/** A server's deployment history: each validation, publication, archiving and hosting check, kept. */
let t: TestApp;
let org: { id: string };
const OPERATIONS = `query($id: ID!) { mcpServer(id: $id) { operations(last: 20) { edges { node { id kind status environment requestedBy durationMs error details finishedAt } } } } }`;
const history = async (id: string, client = t.admin) =>
  (await client.data(OPERATIONS, { id })).mcpServer.operations.edges.map((e: { node: unknown }) => e.node) as Record<string, unknown>[];
const mutation = (name: string, fields: string) => `mutation($id: ID!) { ${name}(input: { id: $id }) { ${fields} } }`;

beforeAll(async () => {
  t = await startTestApp();
  org = await createOrganization(t.admin);
}, 60_000);
afterAll(() => t?.stop());

describe('deployment operations', () => {
  it('record what was done, by whom, how it ended and how long it took', async () => {
    const id = await registerServer(t.admin, { ...fixtureStdio(unique('ops')), organizationId: org.id });
    await t.admin.data(mutation('validateMcpServer', 'ok'), { id });
    await t.admin.data(mutation('publishMcpServer', 'server { id }'), { id });
    await t.admin.data(mutation('checkMcpServerHosting', 'ok'), { id });
    await t.admin.data(mutation('archiveMcpServer', 'server { id }'), { id });
    const ops = await history(id);
    expect(ops.map((o) => [o.kind, o.status])).toEqual([['VALIDATE', 'SUCCEEDED'], ['PUBLISH', 'SUCCEEDED'], ['HOSTING_CHECK', 'SUCCEEDED'], ['ARCHIVE', 'SUCCEEDED']]);
    expect(ops[0]).toMatchObject({ id: expect.stringMatching(/^dop_/), environment: 'prod', requestedBy: 'admin', durationMs: expect.any(Number), finishedAt: expect.any(String), error: null });
    expect(ops[2]!.details).toEqual({ checks: expect.arrayContaining([{ name: 'runtime', status: 'passed' }]) });
  });

  it('record a failure with its error, and nothing for a caller who may not do it', async () => {
    const id = await registerServer(t.admin, { name: unique('ops-down'), organizationId: org.id, transport: 'STDIO', command: process.execPath, args: ['-e', 'process.exit(3)'] });
    await t.admin.data(mutation('validateMcpServer', 'ok'), { id });
    const refused = await t.admin.request(mutation('publishMcpServer', 'server { id }'), { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const viewer = t.client((await orgMember(t.admin, org.id, 'VIEWER')).token);
    expect((await viewer.request(mutation('validateMcpServer', 'ok'), { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ops = await history(id);
    expect(ops.map((o) => [o.kind, o.status])).toEqual([['VALIDATE', 'FAILED'], ['PUBLISH', 'FAILED']]);
    expect(ops[0]!.error).toMatch(/connect/i);
    expect(ops[1]!.error).toMatch(/Validate the server before publishing it/);
    // A viewer reads the history, not what failed: messages may quote the server's configuration.
    expect((await history(id, viewer)).map((o) => [o.kind, o.status, o.error])).toEqual([['VALIDATE', 'FAILED', null], ['PUBLISH', 'FAILED', null]]);
  });

  it('are read over seed 002’s deployment-operations, one by one, in their organization only', async () => {
    const id = await registerServer(t.admin, { ...fixtureStdio(unique('ops-rest')), organizationId: org.id });
    await t.admin.data(mutation('validateMcpServer', 'ok'), { id });
    await t.admin.data(mutation('checkMcpServerHosting', 'ok'), { id });
    const token = (await orgMember(t.admin, org.id, 'DEVELOPER')).token;
    const base = `/api/v1/organizations/${org.id}/mcp-servers/${id}/deployment-operations`;
    const listed = await restCall(t.url, 'GET', base, { headers: bearer(token) });
    expect(listed.status).toBe(200);
    expect(listed.body.operations.map((o: { kind: string; status: string }) => [o.kind, o.status])).toEqual([['hosting_check', 'succeeded'], ['validate', 'succeeded']]);
    const one = await restCall(t.url, 'GET', `${base}/${listed.body.operations[1].id}`, { headers: bearer(token) });
    expect(one).toMatchObject({ status: 200, body: { id: listed.body.operations[1].id, kind: 'validate', status: 'succeeded', environment: 'prod' } });
    const other = await createOrganization(t.admin);
    expect((await restCall(t.url, 'GET', `/api/v1/organizations/${other.id}/mcp-servers/${id}/deployment-operations/${listed.body.operations[1].id}`, { headers: bearer(ADMIN) })).status).toBe(404);
    expect((await restCall(t.url, 'GET', `${base}/dop_unknown`, { headers: bearer(token) })).status).toBe(404);
  });
});
