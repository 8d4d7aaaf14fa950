import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createAgent, mcpClient, textOf } from './support/mcp.ts';
import { startTestApi, type TestApi } from './support/openapi-api.ts';
import { CREATE_OPENAPI, createOpenApiServer, labSpec, serverName } from './support/openapi.ts';

/** `strict` may dial no private address; `open` allows loopback (as every suite does) and times calls out at 1.5 s. */
let strict: TestApp;
let open: TestApp;
let api: TestApi;
const clients: Client[] = [];
beforeAll(async () => {
  [strict, open, api] = await Promise.all([startTestApp({ SWITCHBOARD_OUTBOUND_ALLOW: '' }), startTestApp({ SWITCHBOARD_MCP_TIMEOUT_MS: '1500' }), startTestApi()]);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await api?.close();
  await Promise.all([strict?.stop(), open?.stop()]);
});

/** A lab server on `app` whose spec says its API is at `apiUrl`, and an agent's MCP client for it. */
async function labOn(app: TestApp, apiUrl = `${api.origin}/api`) {
  const spec = labSpec(api.origin).replace(/servers:[\s\S]*?(?=security:)/, `servers: [{ url: '${apiUrl}' }]\n`);
  const server = await createOpenApiServer(app.admin, { spec });
  const { token } = await createAgent(app.admin, serverName('agent'), [server.name]);
  const client = await mcpClient(app.url, token);
  clients.push(client);
  return { server, call: (tool: string, args: Record<string, unknown> = {}) => client.callTool({ name: `${server.name}__${tool}`, arguments: args }) };
}

describe('where an OpenAPI server’s calls may go', () => {
  it('an address never dialled, in a base URL or a spec URL, is refused when the server is made', async () => {
    for (const input of [{ baseUrl: 'http://169.254.169.254/latest' }, { specUrl: 'http://[::ffff:169.254.169.254]/spec.json' }, { baseUrl: 'http://127.0.0.1:9/' }]) {
      const result = await strict.admin.request(CREATE_OPENAPI, { i: { name: serverName('ssrf'), spec: input.specUrl ? undefined : labSpec(api.origin), ...input } });
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
  });

  it('a spec whose servers[0] is the metadata address or loopback: the call is refused, the API never reached', async () => {
    const before = api.seen.length;
    const metadata = await labOn(strict, 'http://169.254.169.254/latest');
    const refused = await metadata.call('answer_slowly');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/never reached/);
    const loopback = await labOn(strict, `http://localhost:${new URL(api.origin).port}/api`);
    const local = await loopback.call('answer_slowly');
    expect(local.isError).toBe(true);
    expect(textOf(local)).toMatch(/localhost resolves to a loopback or private address/);
    expect(api.seen.length).toBe(before);
  });

  it('a redirect is followed within the API’s origin only: never to the metadata address or another host', async () => {
    const { call } = await labOn(open);
    for (const to of ['http://169.254.169.254/latest/meta-data/', 'http://localhost:9/elsewhere']) {
      const result = await call('follow_redirect', { to });
      expect(result.isError, to).toBe(true);
      expect(textOf(result)).toMatch(/redirect to another origin .* is not followed/);
    }
    const same = await call('follow_redirect', { to: `${api.origin}/api/status/200` });
    expect(api.seen.at(-1)!.url).toBe('/api/status/200');
    expect(same.isError).toBeFalsy();
  });

  it('a call the API does not answer in time is a tool error, and the gateway stays up', async () => {
    const { call } = await labOn(open);
    const started = Date.now();
    const late = await call('answer_slowly').catch((error: Error) => ({ isError: true, content: [{ type: 'text', text: error.message }] }));
    expect(late.isError).toBe(true);
    expect(textOf(late)).toMatch(/within 1500 ms|timed out/i);
    expect(Date.now() - started).toBeLessThan(2_900);
    expect((await call('answer_with_status', { code: 204 })).isError).toBeFalsy();
  });
});
