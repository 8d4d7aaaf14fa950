// `npm run bench`: every benchmark measures itself against a baseline taken in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { benchAuditWrites } from './audit.ts';
import { benchFanout } from './fanout.ts';
import { benchGraphQL, type Row } from './graphql.ts';
import { benchMcp } from './mcp.ts';
import { benchOpenApi } from './openapi.ts';
import { benchStartup, startupTable } from './startup.ts';
import { benchUsage } from './usage.ts';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const TOKEN = 'bench-admin-token-0123456789';

/** The audit, fan-out and usage benchmarks run against an app in this process, on a database of their own. */
async function inProcess(run: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<Row[]>): Promise<Row[]> {
  const database = await createTestDatabase();
  const app = await buildApp(loadConfig({
    NODE_ENV: 'production', PORT: '0', SWITCHBOARD_DATA_DIR: database.dataDir, SWITCHBOARD_ADMIN_TOKEN: TOKEN,
    SWITCHBOARD_LOG_LEVEL: 'warn',
    // 10,000 subscribers on one token: far over the per-principal caps a deployment keeps.
    SWITCHBOARD_MAX_CONNECTIONS_PER_PRINCIPAL: '20000', SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: '20000',
    // Usage is rolled up when read: the usage group times its rollup itself.
    SWITCHBOARD_USAGE_ROLLUP_SECONDS: '0',
    ...(database.databaseUrl && { DATABASE_URL: database.databaseUrl }),
  }), { announce: () => {} });
  await app.start();
  try {
    return await run(app);
  } finally {
    await app.stop();
    await database.drop();
  }
}

/** BENCH_ONLY=startup, graphql, audit, usage, mcp or openapi runs one group. */
const only = process.env.BENCH_ONLY;
// First, while the machine has none of the other groups' processes and files to clean up.
const startup = startupTable(!only || only === 'startup' ? await benchStartup() : []);
const rows: Row[] = [
  ...(!only || only === 'graphql' ? await benchGraphQL(durationMs) : []),
  ...(!only || only === 'audit' ? await inProcess(async (app) => [...(await benchAuditWrites(app, durationMs)), ...(await benchFanout(app, TOKEN, durationMs))]) : []),
  ...(!only || only === 'usage' ? await inProcess((app) => benchUsage(app, TOKEN, durationMs)) : []),
  ...(!only || only === 'mcp' ? await benchMcp(durationMs, 'durable') : []),
  ...(!only || only === 'mcp' ? await benchMcp(durationMs, 'committed') : []),
  ...(!only || only === 'mcp' ? await benchMcp(durationMs, 'buffered') : []),
  ...(!only || only === 'openapi' ? await benchOpenApi(durationMs) : []),
];

const byName = new Map(rows.map((r) => [r.name, r.result]));
const table = rows.map(({ name, result, baseline, unit, lost }) => ({
  name,
  rate: Math.round(result.rps),
  unit: unit ?? 'req/s',
  'p50 ms': result.p50ms.toFixed(2),
  'p99 ms': result.p99ms.toFixed(2),
  errors: result.errors,
  ...(lost !== undefined && { lost }),
  'vs baseline': baseline ? `${(result.rps / byName.get(baseline)!.rps).toFixed(2)}× ${baseline}` : 'baseline',
  'added p50/p99 ms': baseline
    ? `${(result.p50ms - byName.get(baseline)!.p50ms).toFixed(2)} / ${(result.p99ms - byName.get(baseline)!.p99ms).toFixed(2)}`
    : '',
}));
if (startup.length) console.table(startup);
if (table.length) console.table(table);
const out = path.resolve(import.meta.dirname, '../.bench');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ at: new Date().toISOString(), durationMs, database: process.env.DATABASE_URL ? 'postgres' : 'embedded', rows: table, startup }, null, 2));
console.log(`written to ${path.join(out, 'results.json')}`);
