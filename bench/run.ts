// `npm run bench`: every benchmark measures itself against a baseline taken in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchGraphQL, type Row } from './graphql.ts';
import { benchMcp } from './mcp.ts';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const rows: Row[] = [...(await benchGraphQL(durationMs)), ...(await benchMcp(durationMs, 'durable'))];

const byName = new Map(rows.map((r) => [r.name, r.result]));
const table = rows.map(({ name, result, baseline }) => ({
  name,
  'req/s': Math.round(result.rps),
  'p50 ms': result.p50ms.toFixed(2),
  'p99 ms': result.p99ms.toFixed(2),
  errors: result.errors,
  'vs baseline': baseline ? `${(result.rps / byName.get(baseline)!.rps).toFixed(2)}× ${baseline}` : 'baseline',
  'added p50/p99 ms': baseline
    ? `${(result.p50ms - byName.get(baseline)!.p50ms).toFixed(2)} / ${(result.p99ms - byName.get(baseline)!.p99ms).toFixed(2)}`
    : '',
}));
console.table(table);
const out = path.resolve(import.meta.dirname, '../.bench');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ at: new Date().toISOString(), durationMs, rows: table }, null, 2));
console.log(`written to ${path.join(out, 'results.json')}`);
