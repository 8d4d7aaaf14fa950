import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSid } from '../../src/rest/apitraffic.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { orgMember, twoOrganizations } from '../support/tenancy.ts';

/** Seed 001 (APITraffic): MCP tokens of an account (an organization), as its curl examples make them. */
let t: TestApp;
let org: { id: string };
let other: { id: string };
let adminToken: string;
let alpha: string;
let beta: string;

const call = (method: string, path: string, body?: unknown, token = adminToken) => restCall(t.url, method, path, { headers: bearer(token), body });

beforeAll(async () => {
  t = await startTestApp();
  ({ org, other } = await twoOrganizations(t));
  adminToken = (await orgMember(t.admin, org.id, 'ADMIN')).token;
  [alpha, beta] = [unique('alpha'), unique('beta')];
  await readyServer(t.admin, { ...fixtureStdio(alpha), organizationId: org.id });
  await readyServer(t.admin, { ...fixtureStdio(beta), organizationId: org.id });
}, 60_000);
afterAll(() => t.stop());

describe('MCP tokens', () => {
  it('are created for an environment and buckets (none: all of them), listed masked, updated and revoked', async () => {
    const account = accountSid(org.id);
    expect(account).toMatch(/^acc_[A-Za-z0-9]{27}$/);
    const created = await call('POST', `/v1/accounts/${account}/mcpTokens`, { name: 'Claude Desktop - Production', environmentSid: 'prod01', bucketSids: [] });
    expect(created).toMatchObject({ status: 201, body: {
      sid: expect.stringMatching(/^agt_/), accountSid: account, environmentSid: 'prod01', bucketSids: [], name: 'Claude Desktop - Production',
      token: expect.stringMatching(/^sba_/), isRevoked: false, lastUsedAt: null, revokedAt: null,
    } });
    const { sid, token } = created.body;
    const client = await mcpClient(t.url, token);
    const names = async () => (await client.listTools()).tools.map((tool) => tool.name.split('__')[0]);
    expect(new Set(await names())).toEqual(new Set([alpha, beta]));

    // By the organization's own id too.
    const listed = await call('GET', `/v1/accounts/${org.id}/mcpTokens`);
    expect(listed.body.hasMore).toBe(false);
    const record = listed.body.records.find((r: { sid: string }) => r.sid === sid);
    expect(record).toMatchObject({ name: 'Claude Desktop - Production', environmentSid: 'prod01', isRevoked: false });
    expect(record.token).not.toBe(token);

    const updated = await call('PUT', `/v1/accounts/${account}/mcpTokens/${sid}`, { name: 'Claude Desktop - Staging', bucketSids: [alpha] });
    expect(updated.body).toMatchObject({ sid, name: 'Claude Desktop - Staging', bucketSids: [alpha], environmentSid: 'prod01' });
    expect(new Set(await names())).toEqual(new Set([alpha]));
    await client.close();

    expect((await call('DELETE', `/v1/accounts/${account}/mcpTokens/${sid}`)).body).toEqual({ sid, deleted: true });
    const after = (await call('GET', `/v1/accounts/${account}/mcpTokens`)).body.records.find((r: { sid: string }) => r.sid === sid);
    expect(after).toMatchObject({ isRevoked: true, revokedAt: expect.any(String) });
    await expect(mcpClient(t.url, token)).rejects.toThrow();
    expect((await call('DELETE', `/v1/accounts/${account}/mcpTokens/${sid}`)).status).toBe(404);
  });

  it('of another account are as unknown as missing ones, and bad input names its field', async () => {
    const mine = (await call('POST', `/v1/accounts/${org.id}/mcpTokens`, { name: unique('mine') })).body.sid;
    expect(await call('PUT', `/v1/accounts/${accountSid(other.id)}/mcpTokens/${mine}`, { name: 'stolen' })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await call('GET', `/v1/accounts/${accountSid(other.id)}/mcpTokens`)).status).toBe(404);
    expect((await call('GET', `/v1/accounts/acc_nothing/mcpTokens`)).status).toBe(404);
    expect(await call('POST', `/v1/accounts/${org.id}/mcpTokens`, { environmentSid: 'prod01' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('name') } } });
    expect((await call('GET', `/v1/accounts/${org.id}/mcpTokens`, undefined, 'not-a-token-0123456789abcdef')).status).toBe(401);
  });
});
