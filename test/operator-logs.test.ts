import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer } from './support/mcp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const lines = () => t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('what operators read at info', () => {
  it('one line per upstream start and stop, and per failed request with its correlation id', async () => {
    const name = unique('logged');
    const { id } = await readyServer(t.admin, fixtureStdio(name));
    const agent = (await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token } }`, { i: { name: unique('agt'), allowList: [name] } })).createAgent.token;
    const client = await mcpClient(t.url, agent);
    await client.callTool({ name: `${name}__echo`, arguments: { text: 'hi' } });
    await client.close();
    await t.admin.data(`mutation($id: ID!) { archiveMcpServer(input: { id: $id }) { server { id } } }`, { id });
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'info', msg: 'upstream started', serverId: id }));
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'info', msg: 'upstream stopped', serverId: id }));

    const refused = await fetch(`${t.url}/api/v0/clients`, { headers: { 'x-correlation-id': 'corr-refused-1' } });
    expect(refused.status).toBe(401);
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'info', msg: 'request failed', status: 401, path: '/api/v0/clients', correlationId: 'corr-refused-1' }));
    const fine = await fetch(`${t.url}/health`, { headers: { 'x-correlation-id': 'corr-fine-1' } });
    expect(fine.status).toBe(200);
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'debug', msg: 'request', correlationId: 'corr-fine-1' }));
  });

  it('never a secret a path carries: seed 003 addresses keys by their value', async () => {
    const { token } = (await t.admin.data(`mutation { createApiToken(input: { name: "in-a-path" }) { token } }`)).createApiToken;
    for (const path of [`/api/v1/api-keys/${token}`, `/api/v1/api-keys/${token}/disable`]) {
      await fetch(`${t.url}${path}`, { method: path.endsWith('disable') ? 'POST' : 'GET', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-correlation-id': 'corr-secret-path' } });
    }
    const logged = t.logs.join('\n');
    expect(logged).toContain('/api/v1/api-keys/[redacted]');
    expect(logged).not.toContain(token);
  });
});
