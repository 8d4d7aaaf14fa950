import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';
import { createAgent, mcpClient, textOf } from './support/mcp.ts';
import { OAUTH_CLIENT, startTestApi, type TestApi } from './support/openapi-api.ts';
import { createOpenApiServer, labSpec, serverName } from './support/openapi.ts';

let t: TestApp;
let api: TestApi;
let lab: { id: string; name: string };
let mcp: Client;
const KEY = 'lab-api-key-7f3a9c';
beforeAll(async () => {
  [t, api] = await Promise.all([startTestApp(), startTestApi()]);
  lab = await createOpenApiServer(t.admin, { spec: labSpec(api.origin), auth: { type: 'API_KEY', in: 'HEADER', name: 'X-Api-Key', secret: KEY } });
  const { token } = await createAgent(t.admin, serverName('agent'), [lab.name]);
  mcp = await mcpClient(t.url, token);
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await api?.close();
  await t?.stop();
});

const SET_AUTH = `mutation($i: SetOpenApiAuthInput!) { setOpenApiAuth(input: $i) { server { openApi { auth { type in name username tokenUrl scopes hasSecret } } } } }`;
const DISCOVER = `mutation($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery { required schemes { name type in paramName scheme tokenUrl scopes operations } probe { method url status authenticate error } } } }`;
const STYLES = { simple: ['a'], label: ['b'], matrix: { c: 'd' } };

async function lastRequest(tool: string, args: Record<string, unknown> = {}) {
  const result = await mcp.callTool({ name: `${lab.name}__${tool}`, arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  return api.seen.at(-1)!;
}
const setAuth = (auth: Record<string, unknown>) => t.admin.data(SET_AUTH, { i: { id: lab.id, auth } });

describe('how the gateway authenticates to an OpenAPI server’s API', () => {
  it('an API key in a header: sent on every call, never returned nor logged', async () => {
    expect((await lastRequest('get_styles', STYLES)).headers['x-api-key']).toBe(KEY);
    const { mcpServer } = await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { openApi { auth { type in name hasSecret } } } }`, { id: lab.id });
    expect(mcpServer.openApi.auth).toEqual({ type: 'API_KEY', in: 'HEADER', name: 'X-Api-Key', hasSecret: true });
    expect(JSON.stringify(mcpServer)).not.toContain(KEY);
    expect(t.logs.join('\n')).not.toContain(KEY);
  });

  it('an API key in the query or a cookie, beside the arguments’ own', async () => {
    await setAuth({ type: 'API_KEY', in: 'QUERY', name: 'api_key', secret: 'q-key' });
    expect(new URL((await lastRequest('get_styles', { ...STYLES, tags: ['x'] })).url, 'http://api').search).toBe('?tags=x&api_key=q-key');
    await setAuth({ type: 'API_KEY', in: 'COOKIE', name: 'key', secret: 'c key' });
    expect((await lastRequest('get_styles', { ...STYLES, session: 's1' })).headers.cookie).toBe('session=s1; key=c%20key');
  });

  it('a bearer token and basic credentials', async () => {
    await setAuth({ type: 'BEARER', secret: 'bearer-token-1' });
    expect((await lastRequest('get_styles', STYLES)).headers.authorization).toBe('Bearer bearer-token-1');
    await setAuth({ type: 'BASIC', username: 'ops', secret: 'pa:ss' });
    expect((await lastRequest('get_styles', STYLES)).headers.authorization).toBe(`Basic ${Buffer.from('ops:pa:ss').toString('base64')}`);
    await setAuth({ type: 'NONE' });
    expect((await lastRequest('get_styles', STYLES)).headers.authorization).toBeUndefined();
  });

  it('OAuth 2 client credentials: the token is fetched once, cached, and fetched again when the API refuses it', async () => {
    const auth = { type: 'OAUTH2_CLIENT_CREDENTIALS', tokenUrl: `${api.origin}/oauth/token`, username: OAUTH_CLIENT.id, secret: OAUTH_CLIENT.secret, scopes: ['read'] };
    expect((await setAuth(auth)).setOpenApiAuth.server.openApi.auth).toMatchObject({ type: 'OAUTH2_CLIENT_CREDENTIALS', username: OAUTH_CLIENT.id, scopes: ['read'], hasSecret: true });
    const before = api.tokenRequests.length;
    const first = await lastRequest('needs_oauth');
    await lastRequest('needs_oauth');
    expect(api.tokenRequests.length).toBe(before + 1);
    expect(api.tokenRequests.at(-1)!.body).toBe('grant_type=client_credentials&scope=read');
    expect(api.seen.at(-1)!.headers.authorization).toBe(first.headers.authorization);
    api.tokens.clear();
    const renewed = await lastRequest('needs_oauth');
    expect(api.tokenRequests.length).toBe(before + 2);
    expect(renewed.headers.authorization).not.toBe(first.headers.authorization);
  });

  it('incomplete auth settings are refused and change nothing', async () => {
    await setAuth({ type: 'BEARER', secret: 'kept-token' });
    for (const auth of [{ type: 'API_KEY', secret: 'x' }, { type: 'BASIC', secret: 'x' }, { type: 'BEARER' }, { type: 'OAUTH2_CLIENT_CREDENTIALS', username: 'c', secret: 's' }, { type: 'OAUTH2_CLIENT_CREDENTIALS', username: 'c', secret: 's', tokenUrl: 'http://169.254.169.254/token' }]) {
      const result = await t.admin.request(SET_AUTH, { i: { id: lab.id, auth } });
      expect(codeOf(result), JSON.stringify(auth)).toBe('BAD_USER_INPUT');
    }
    expect((await lastRequest('get_styles', STYLES)).headers.authorization).toBe('Bearer kept-token');
  });

  it('authDiscovery: the spec’s security schemes with the operations that need them, and the API’s 401 challenge', async () => {
    const { discovery } = (await t.admin.data(DISCOVER, { id: lab.id })).discoverOpenApiAuth;
    const schemes = Object.fromEntries(discovery.schemes.map((s: { name: string }) => [s.name, s]));
    expect(Object.keys(schemes).sort()).toEqual(['apiKeyCookie', 'apiKeyHeader', 'apiKeyQuery', 'basic', 'bearer', 'oauth']);
    expect(schemes.apiKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', paramName: 'X-Api-Key', operations: 8 });
    expect(schemes.oauth).toMatchObject({ type: 'oauth2', tokenUrl: '/oauth/token', scopes: ['read'], operations: 1 });
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', operations: 0 });
    expect(discovery.required).toBe(true);
    expect(discovery.probe).toEqual({ method: 'GET', url: `${api.origin}/api/oauth-only`, status: 401, authenticate: 'Bearer realm="lab", error="invalid_token"', error: null });
    // The probe carries no credentials.
    expect(api.seen.at(-1)!.headers.authorization).toBeUndefined();
  });
});
