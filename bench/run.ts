// `npm run bench`: every benchmark measures itself against a baseline taken in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchGraphQL, type Row } from './graphql.ts';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const rows: Row[] = [...(await benchGraphQL(durationMs))];

const byName = new Map(rows.map((r) => [r.name, r.result]));
const table = rows.map(({ name, result, baseline }) => ({
  name,
  'req/s': Math.round(result.rps),
  'p50 ms': result.p50ms.toFixed(2),
  'p99 ms': result.p99ms.toFixed(2),
  errors: result.errors,
  'vs baseline': baseline ? `${(result.rps / byName.get(baseline)!.rps).toFixed(2)}× ${baseline}` : 'baseline',
}));
console.table(table);
const out = path.resolve(import.meta.dirname, '../.bench');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'results.json'), JSON.stringify({ at: new Date().toISOString(), durationMs, rows: table }, null, 2));
console.log(`written to ${path.join(out, 'results.json')}`);
