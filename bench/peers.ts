// The hot path against its peers: ../shared/peer-bench (LOAD=raw) with TARGET_URL at Switchboard's /mcp, a
// stdio echo fixture (peer-bench's own) behind it, durable audit on PostgreSQL (DATABASE_URL: a scratch
// database of that server). `node bench/peers.ts` runs C=1, 8 and 32; PEER_BENCH (the directory), PEER_C
// (e.g. "8,32") and PEER_AUDIT (durable, committed or buffered) adjust it. peer-bench prints its table and writes JSON
// to /tmp/peer-bench-C<n>.json. Both eras then run against the SDK v2 server, stateless, serving the same
// tool (peer-bench drives only the 2025 handshake): its table and /tmp/peer-bench-eras.json come last.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../test/support/database.ts';
import { graphqlClient } from '../test/support/graphql.ts';
import { freePort, startHttpUpstream } from '../test/support/mcp.ts';
import { childEnv, ROOT, startServer, SERVE } from '../test/support/process.ts';
import { rawLoad, type Era, type RawTarget } from './raw-load.ts';

const TOKEN = 'bench-admin-token-0123456789';
const PEER_BENCH = path.resolve(process.env.PEER_BENCH ?? path.join(ROOT, '../shared/peer-bench'));
const CONCURRENCY = (process.env.PEER_C ?? '1,8,32').split(',').map(Number);
const AUDIT = process.env.PEER_AUDIT ?? 'durable';

const DEPS = process.env.PEER_BENCH_DEPS ?? '/tmp/peer-bench-deps';
if (!process.env.DATABASE_URL) throw new Error('bench/peers.ts measures durable audit on PostgreSQL: set DATABASE_URL');
// The fixture imports peer-bench's pinned packages, which its run.sh installs on its first run.
if (!existsSync(path.join(DEPS, 'node_modules/@modelcontextprotocol/sdk'))) throw new Error(`run ${PEER_BENCH}/run.sh once first: it installs its packages into ${DEPS}`);
const database = await createTestDatabase();
const app = await startServer(process.execPath, SERVE, {
  env: childEnv({ SWITCHBOARD_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl, SWITCHBOARD_ADMIN_TOKEN: TOKEN, NODE_ENV: 'production', SWITCHBOARD_AUDIT_MODE: AUDIT }),
});
// The SDK v2 server of the 2026 era, stateless, recording nothing: the baseline of both eras below.
const modern = await startHttpUpstream([path.join(ROOT, 'test/fixtures/modern-server.ts'), 'http', 'quiet'], /modern fixture listening/, await freePort());
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
  await erasAgainstV2(`${app.url}/mcp`, { authorization: `Bearer ${agent}` });
} finally {
  modern.stop();
  await app.stop();
  await database.drop();
}

/** Both eras through the proxy against the SDK v2 server serving echo directly, each C in one run. */
async function erasAgainstV2(proxyUrl: string, headers: Record<string, string>) {
  const rows = [];
  for (const c of CONCURRENCY) {
    const direct = await rawLoad(DEPS, { url: modern.url, tool: 'echo', era: '2026-07-28' }, c, 2_000, 10_000);
    rows.push({ C: c, target: 'SDK v2 direct (stateless, 2026-07-28)', ...direct, vs_direct: 1, added_p50_ms: 0, added_p99_ms: 0 });
    for (const era of ['2026-07-28', '2025-11-25'] as Era[]) {
      const target: RawTarget = { url: proxyUrl, tool: 'peer__echo', era, headers };
      const r = await rawLoad(DEPS, target, c, 2_000, 10_000);
      rows.push({
        C: c, target: `switchboard ${era} → stdio (audit ${AUDIT})`, ...r, vs_direct: +(r.calls_per_s / direct.calls_per_s).toFixed(3),
        added_p50_ms: +(r.p50_ms - direct.p50_ms).toFixed(2), added_p99_ms: +(r.p99_ms - direct.p99_ms).toFixed(2),
      });
    }
  }
  const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
  console.log(`\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${columns.map((k) => row[k]).join(' | ')} |`);
  writeFileSync('/tmp/peer-bench-eras.json', JSON.stringify({ audit: AUDIT, rows }, null, 2));
}
