import { createTestDatabase } from '../test/support/database.ts';
import { graphqlClient } from '../test/support/graphql.ts';
import { FIXTURE, freePort, startHttpUpstream } from '../test/support/mcp.ts';
import { childEnv, startServer, SERVE } from '../test/support/process.ts';
import { load } from './load.ts';
import type { Row } from './graphql.ts';

const TOKEN = 'bench-admin-token-0123456789';
const HEADERS = { accept: 'application/json, text/event-stream' };

const call = (name: string) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: { text: 'hi' } } });
const answered = (body: string) => body.includes('"text":"hi"');

/**
 * Tool calls through the proxy (auth, policy, audit on) against the same fixture served directly by the
 * SDK's Streamable HTTP server: light HTTP load with pre-serialised JSON-RPC bodies, as DESIGN.md asks.
 */
export async function benchMcp(durationMs: number, auditMode: string): Promise<Row[]> {
  const database = await createTestDatabase();
  const direct = await startHttpUpstream([FIXTURE, 'http'], /fixture listening/, await freePort());
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

    await run(viaProxy, 'stdio__echo', 4, 1_000);
    await run(viaProxy, 'http__echo', 4, 1_000);
    await run(toDirect, 'echo', 4, 1_000);
    const label = `audit ${auditMode}`;
    return [
      { name: 'SDK server direct, 16 conn', result: await run(toDirect, 'echo', 16) },
      { name: `proxy → stdio, 16 conn (${label})`, baseline: 'SDK server direct, 16 conn', result: await run(viaProxy, 'stdio__echo', 16) },
      { name: `proxy → same HTTP server, 16 conn (${label})`, baseline: 'SDK server direct, 16 conn', result: await run(viaProxy, 'http__echo', 16) },
      { name: 'SDK server direct, 1 conn', result: await run(toDirect, 'echo', 1) },
      { name: `proxy → stdio, 1 conn (${label})`, baseline: 'SDK server direct, 1 conn', result: await run(viaProxy, 'stdio__echo', 1) },
      { name: `proxy → same HTTP server, 1 conn (${label})`, baseline: 'SDK server direct, 1 conn', result: await run(viaProxy, 'http__echo', 1) },
    ];
  } finally {
    direct.stop();
    await app.stop();
    await database.drop();
  }
}
