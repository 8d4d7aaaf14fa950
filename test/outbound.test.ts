import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { codeOf } from './support/graphql.ts';
import { FIXTURE, freePort, mcpClient, readyServer, registerServer, startHttpUpstream, textOf } from './support/mcp.ts';
import { jsonRpcUpstream, relayTo, startTrap, type Trap } from './support/trap.ts';

/** An instance that may dial no private address, and one that may dial 127.0.0.1 only. */
let strict: TestApp;
let narrow: TestApp;
let upstream: { url: string; stop(): void };
const traps: Trap[] = [];
beforeAll(async () => {
  strict = await startTestApp({ SWITCHBOARD_OUTBOUND_ALLOW: '' });
  narrow = await startTestApp({ SWITCHBOARD_OUTBOUND_ALLOW: '127.0.0.1/32' });
  upstream = await startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort());
}, 60_000);
afterAll(async () => {
  upstream?.stop();
  await Promise.all(traps.map((x) => x.close()));
  await strict?.stop();
  await narrow?.stop();
});

const CREATE = `mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`;
const VALIDATE = `mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }`;
const remote = (url: string) => ({ i: { name: unique('out').replaceAll('_', '-'), transport: 'STREAMABLE_HTTP', url } });

describe('where upstreams may be dialled', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/mcp',
    'http://100.100.100.200/',
    'http://0.0.0.0:4000/mcp',
  ])('%s (link-local, metadata or "this host") is refused, whatever the configuration', async (url) => {
    for (const app of [strict, narrow]) {
      const result = await app.admin.request(CREATE, remote(url));
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toMatch(/never reached/);
    }
  });

  it('loopback and private addresses are refused unless the operator allows them', async () => {
    for (const url of ['http://127.0.0.1:9/mcp', 'http://10.0.0.8/mcp', 'http://[::1]:9/mcp', 'http://192.168.1.1/']) {
      expect(codeOf(await strict.admin.request(CREATE, remote(url))), url).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await narrow.admin.request(CREATE, remote('http://127.0.0.1:9/mcp')))).toBe('OK');
    expect(codeOf(await narrow.admin.request(CREATE, remote('http://127.0.0.2:9/mcp')))).toBe('BAD_USER_INPUT');
  });

  it('a name is checked on the addresses it resolves to, when dialled', async () => {
    const target = await startTrap();
    traps.push(target);
    const port = new URL(target.url).port;
    const id = await registerServer(strict.admin, remote(`http://localhost:${port}/mcp`).i);
    const { validateMcpServer } = await strict.admin.data(VALIDATE, { id });
    expect(validateMcpServer).toMatchObject({ ok: false });
    expect(validateMcpServer.error).toMatch(/localhost resolves to a loopback or private address/);
    expect(target.seen).toEqual([]);
  });

  it('redirects are followed within the origin only, where the addresses were checked', async () => {
    const sameOrigin = await startTrap(relayTo(upstream.url, (req, res) => {
      if (req.url !== '/moved') return false;
      res.writeHead(307, { location: '/mcp' }).end();
      return true;
    }));
    const elsewhere = await startTrap((_req, res) => void res.writeHead(307, { location: 'http://127.0.0.2:9/mcp' }).end());
    traps.push(sameOrigin, elsewhere);
    const followed = await readyServer(narrow.admin, remote(sameOrigin.url.replace('/mcp', '/moved')).i, false);
    expect(Object.keys(followed.tools)).toContain('echo');
    const id = await registerServer(narrow.admin, remote(elsewhere.url).i);
    expect((await narrow.admin.data(VALIDATE, { id })).validateMcpServer.error).toMatch(/HTTP 307 from upstream: a redirect to another origin is not followed/);
  });

  it('refuses a configuration that would allow a network that is never reached', () => {
    expect(() => loadConfig({ SWITCHBOARD_OUTBOUND_ALLOW: '169.254.169.254/32' })).toThrow(/never reached/);
    expect(() => loadConfig({ SWITCHBOARD_OUTBOUND_ALLOW: 'not-a-network' })).toThrow(/not a network/);
  });
});

describe('what an upstream may send back', () => {
  let capped: TestApp;
  beforeAll(async () => {
    capped = await startTestApp({ SWITCHBOARD_MCP_MAX_RESULT_BYTES: '100000' });
  });
  afterAll(() => capped.stop());

  it('an answer over the size limit becomes a tool error, and the upstream stays in service (stdio and HTTP)', async () => {
    const stdioName = unique('big').replaceAll('_', '-');
    const httpName = unique('bighttp').replaceAll('_', '-');
    await readyServer(capped.admin, { name: stdioName, transport: 'STDIO', command: process.execPath, args: [FIXTURE] });
    await readyServer(capped.admin, { name: httpName, transport: 'STREAMABLE_HTTP', url: upstream.url });
    const client = await mcpClient(capped.url, capped.admin.token!);
    await capped.admin.data(`mutation { a: subscribeToServer(input: { serverId: "${(await capped.admin.data(`{ mcpServer(name: "${stdioName}") { id } }`)).mcpServer.id}" }) { server { id } } }`);
    await capped.admin.data(`mutation { a: subscribeToServer(input: { serverId: "${(await capped.admin.data(`{ mcpServer(name: "${httpName}") { id } }`)).mcpServer.id}" }) { server { id } } }`);
    try {
      const pid = textOf(await client.callTool({ name: `${stdioName}__pid` }));
      for (const server of [stdioName, httpName]) {
        const big = await client.callTool({ name: `${server}__big`, arguments: { bytes: 200_000 } });
        expect(big.isError, server).toBe(true);
        expect(textOf(big)).toMatch(/larger than 100000 bytes/);
        expect(textOf(await client.callTool({ name: `${server}__big`, arguments: { bytes: 1_000 } }))).toHaveLength(1_000);
      }
      expect(textOf(await client.callTool({ name: `${stdioName}__pid` }))).toBe(pid);

      // A process that floods stderr is logged line by line, up to its budget of 100 lines a minute.
      const logged = () => capped.logs.filter((l) => l.includes('upstream stderr') && l.includes('"text":"noise"')).length;
      await client.callTool({ name: `${stdioName}__shout`, arguments: { lines: 5_000 } });
      await new Promise((r) => setTimeout(r, 200));
      expect(logged()).toBe(100);
    } finally {
      await client.close();
    }
  });
});

describe('a hostile upstream', () => {
  const hostile = async (answer: Parameters<typeof startTrap>[0]) => {
    const server = await startTrap(answer);
    traps.push(server);
    return server;
  };

  it('naming an SSE endpoint that is not a URL fails its own connection, not the process', async () => {
    const sse = await hostile((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: endpoint\ndata: http://[\n\n');
    });
    const id = await registerServer(narrow.admin, { name: unique('sse').replaceAll('_', '-'), transport: 'SSE', url: sse.url });
    expect((await narrow.admin.data(VALIDATE, { id })).validateMcpServer.error).toMatch(/named an endpoint that is not a URL of its origin/);
    expect((await fetch(`${narrow.url}/health`)).status).toBe(200);
  });

  it('that pages its tool list forever is refused after 100 pages', async () => {
    let pages = 0;
    const endless = await hostile(jsonRpcUpstream((method, params) => {
      if (method !== 'tools/list') return undefined;
      pages++;
      return { tools: [{ name: `t${params.cursor ?? 0}`, inputSchema: { type: 'object' } }], nextCursor: String(Number(params.cursor ?? 0) + 1) };
    }));
    const id = await registerServer(narrow.admin, remote(endless.url).i);
    expect((await narrow.admin.data(VALIDATE, { id })).validateMcpServer.error).toMatch(/did not end within 100 pages/);
    expect(pages).toBe(100);
  });

  it('whose input schema has a backtracking pattern cannot stall the process: patterns run in linear time', async () => {
    const name = unique('redos').replaceAll('_', '-');
    const evil = await hostile(jsonRpcUpstream((method) => {
      if (method === 'tools/list') return { tools: [{ name: 'search', inputSchema: { type: 'object', properties: { q: { type: 'string', pattern: '^(a+)+$' } } } }] };
      if (method === 'tools/call') return { content: [{ type: 'text', text: 'called' }] };
      return undefined;
    }));
    const { id } = await readyServer(narrow.admin, { name, transport: 'STREAMABLE_HTTP', url: evil.url }, false);
    await narrow.admin.data(`mutation($id: ID!) { subscribeToServer(input: { serverId: $id }) { server { id } } }`, { id });
    const client = await mcpClient(narrow.url, narrow.admin.token!);
    try {
      const started = performance.now();
      const refused = await client.callTool({ name: `${name}__search`, arguments: { q: `${'a'.repeat(40)}!` } });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(textOf(refused)).toMatch(/must match pattern/);
      expect(textOf(await client.callTool({ name: `${name}__search`, arguments: { q: 'aaaa' } }))).toBe('called');
    } finally {
      await client.close();
    }
  });
});

