// The hot path against its peers: ../shared/peer-bench (LOAD=raw) with TARGET_URL at Switchboard's /mcp, a
// stdio echo fixture (peer-bench's own) behind it, durable audit on PostgreSQL (DATABASE_URL: a scratch
// database of that server). `node bench/peers.ts` runs C=1, 8 and 32; PEER_BENCH (the directory) and
// PEER_C (e.g. "8,32") adjust it. peer-bench prints its table and writes JSON to /tmp/peer-bench-C<n>.json.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../test/support/database.ts';
import { graphqlClient } from '../test/support/graphql.ts';
import { childEnv, ROOT, startServer, SERVE } from '../test/support/process.ts';

const TOKEN = 'bench-admin-token-0123456789';
const PEER_BENCH = path.resolve(process.env.PEER_BENCH ?? path.join(ROOT, '../shared/peer-bench'));
const CONCURRENCY = (process.env.PEER_C ?? '1,8,32').split(',').map(Number);

const DEPS = process.env.PEER_BENCH_DEPS ?? '/tmp/peer-bench-deps';
if (!process.env.DATABASE_URL) throw new Error('bench/peers.ts measures durable audit on PostgreSQL: set DATABASE_URL');
// The fixture imports peer-bench's pinned packages, which its run.sh installs on its first run.
if (!existsSync(path.join(DEPS, 'node_modules/@modelcontextprotocol/sdk'))) throw new Error(`run ${PEER_BENCH}/run.sh once first: it installs its packages into ${DEPS}`);
const database = await createTestDatabase();
const app = await startServer(process.execPath, SERVE, {
  env: childEnv({ SWITCHBOARD_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl, SWITCHBOARD_ADMIN_TOKEN: TOKEN, NODE_ENV: 'production', SWITCHBOARD_AUDIT_MODE: 'durable' }),
});
try {
  const admin = graphqlClient(app.url, TOKEN);
  const input = { name: 'peer', transport: 'STDIO', command: process.execPath, args: [path.join(PEER_BENCH, 'fixture.mjs')] };
  const id = (await admin.data(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: input })).createMcpServer.server.id;
  const validated = await admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }`, { id });
  if (!validated.validateMcpServer.ok) throw new Error(`the fixture did not validate: ${validated.validateMcpServer.error}`);
  const agent = (await admin.data(`mutation { createAgent(input: { name: "peer-bench", allowList: ["*"] }) { token } }`)).createAgent.token;
  for (const c of CONCURRENCY) {
    const code = await new Promise<number | null>((resolve) => {
      const run = spawn(path.join(PEER_BENCH, 'run.sh'), [], {
        stdio: 'inherit',
        env: {
          ...process.env, LOAD: 'raw', C: String(c), TARGETS: 'direct-http,mcp-proxy,target', OUT: `/tmp/peer-bench-C${c}.json`,
          TARGET_URL: `${app.url}/mcp`, TARGET_HEADERS: JSON.stringify({ authorization: `Bearer ${agent}` }), TARGET_TOOL: 'peer__echo', TARGET_PID: String(app.proc.pid),
        },
      });
      run.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`peer-bench at C=${c} exited with ${code}`);
  }
} finally {
  await app.stop();
  await database.drop();
}
