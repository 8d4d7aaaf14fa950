import { createTestDatabase } from '../test/support/database.ts';
import { graphqlClient } from '../test/support/graphql.ts';
import path from 'node:path';
import { FIXTURE, freePort, startHttpUpstream } from '../test/support/mcp.ts';
import { childEnv, ROOT, startServer, SERVE } from '../test/support/process.ts';
import { load } from './load.ts';
import type { Row } from './graphql.ts';

const TOKEN = 'bench-admin-token-0123456789';
const HEADERS = { accept: 'application/json, text/event-stream' };

const call = (name: string) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: { text: 'hi' } } });
const ENVELOPE = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' } };
/** A 2026-07-28 tools/call: the envelope in the body, the headers mirroring it. */
const modernCall = (name: string) => ({
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: { text: 'hi' }, _meta: ENVELOPE } }),
  headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': name },
});
const answered = (body: string) => body.includes('"text":"hi"');

/**
 * Tool calls through the proxy (auth, policy, audit on) against the same fixture served directly by the
 * SDK's Streamable HTTP server: light HTTP load with pre-serialised JSON-RPC bodies, as DESIGN.md asks.
 */
export async function benchMcp(durationMs: number, auditMode: string): Promise<Row[]> {
  const database = await createTestDatabase();
  const direct = await startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort());
  // The SDK v2 server, stateless and of the 2026 era only, recording nothing.
  const modern = await startHttpUpstream([path.join(ROOT, 'test/fixtures/modern-server.ts'), 'http', 'quiet'], /modern fixture listening/, await freePort());
  const app = await startServer(process.execPath, SERVE, {
    env: childEnv({
      SWITCHBOARD_DATA_DIR: database.dataDir, SWITCHBOARD_ADMIN_TOKEN: TOKEN, NODE_ENV: 'production', SWITCHBOARD_AUDIT_MODE: auditMode,
      DATABASE_URL: database.databaseUrl, SWITCHBOARD_OUTBOUND_ALLOW: 'loopback',
    }),
  });
  try {
    const admin = graphqlClient(app.url, TOKEN);
    for (const input of [
      { name: 'stdio', transport: 'STDIO', command: process.execPath, args: [FIXTURE] },
      { name: 'http', transport: 'STREAMABLE_HTTP', url: direct.url },
      { name: 'modern', transport: 'STREAMABLE_HTTP', url: modern.url },
    ]) {
      const id = (await admin.data(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: input })).createMcpServer.server.id;
      await admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok } }`, { id });
    }
    const agent = (await admin.data(`mutation { createAgent(input: { name: "bench", allowList: ["*"] }) { token } }`)).createAgent.token;
    type Target = { url: string; headers: Record<string, string>; check: typeof answered };
    const viaProxy: Target = { url: `${app.url}/mcp`, headers: { ...HEADERS, authorization: `Bearer ${agent}` }, check: answered };
    const toDirect: Target = { url: direct.url, headers: HEADERS, check: answered };
    const run = (target: Target, name: string, connections: number, ms = durationMs) =>
      load({ ...target, body: call(name), connections, durationMs: ms });
    const runModern = (target: Target, name: string, connections: number, ms = durationMs) => {
      const { body, headers } = modernCall(name);
      return load({ ...target, headers: { ...target.headers, ...headers }, body, connections, durationMs: ms });
    };
    const toModern: Target = { url: modern.url, headers: HEADERS, check: answered };

    await run(viaProxy, 'stdio__echo', 4, 1_000);
    await run(viaProxy, 'http__echo', 4, 1_000);
    await run(toDirect, 'echo', 4, 1_000);
    await runModern(viaProxy, 'stdio__echo', 4, 1_000);
    await runModern(viaProxy, 'modern__echo', 4, 1_000);
    await runModern(toModern, 'echo', 4, 1_000);
    const label = `audit ${auditMode}`;
    return [
      { name: 'SDK server direct, 16 conn', result: await run(toDirect, 'echo', 16) },
      { name: `proxy → stdio, 16 conn (${label})`, baseline: 'SDK server direct, 16 conn', result: await run(viaProxy, 'stdio__echo', 16) },
      { name: `proxy → same HTTP server, 16 conn (${label})`, baseline: 'SDK server direct, 16 conn', result: await run(viaProxy, 'http__echo', 16) },
      { name: 'SDK server direct, 1 conn', result: await run(toDirect, 'echo', 1) },
      { name: `proxy → stdio, 1 conn (${label})`, baseline: 'SDK server direct, 1 conn', result: await run(viaProxy, 'stdio__echo', 1) },
      { name: `proxy → same HTTP server, 1 conn (${label})`, baseline: 'SDK server direct, 1 conn', result: await run(viaProxy, 'http__echo', 1) },
      { name: 'SDK v2 server direct, 2026-07-28, 16 conn', result: await runModern(toModern, 'echo', 16) },
      { name: `proxy 2026-07-28 → same v2 server, 16 conn (${label})`, baseline: 'SDK v2 server direct, 2026-07-28, 16 conn', result: await runModern(viaProxy, 'modern__echo', 16) },
      // Against the v2 server as the 2025 rows are against v1: the proxy in front of a stdio upstream. Its
      // rate beside `proxy → stdio` above is the 2026 path against the 2025 one.
      { name: `proxy 2026-07-28 → stdio, 16 conn (${label})`, baseline: 'SDK v2 server direct, 2026-07-28, 16 conn', result: await runModern(viaProxy, 'stdio__echo', 16) },
    ];
  } finally {
    direct.stop();
    modern.stop();
    await app.stop();
    await database.drop();
  }
}
