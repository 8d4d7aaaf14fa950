import { sql } from 'kysely';
import type { App } from '../src/app.ts';
import { toRow } from '../src/events/audit-row.ts';
import type { Row } from './graphql.ts';
import type { LoadResult } from './load.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** `writers` concurrent loops, each waiting for its write to be committed before the next one. */
export async function drive(durationMs: number, writers: number, write: (i: number) => Promise<unknown>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(Array.from({ length: writers }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await write(n++);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50ms: percentile(latencies, 0.5), p99ms: percentile(latencies, 0.99) };
}

const event = (i: number) => ({
  type: 'tool_invocation', status: 'success' as const, correlationId: `corr-bench-${i}`, serverName: 'bench', toolName: 'echo', durationMs: 1,
  actor: { kind: 'user' as const, id: 'usr_bench', name: 'bench' }, details: { arguments: { query: 'select' } },
});

/**
 * Audit writes: record() through group commit (durable: each call waits for its batch to commit) against
 * single-row inserts into the same table, each its own statement and transaction, same run. The
 * acknowledged writes are counted back from the table: `lost` must be 0.
 */
export async function benchAuditWrites(app: App, durationMs: number): Promise<Row[]> {
  const em = () => app.services.orm.em.fork();
  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_event`.execute(em().getKysely())).rows[0]!.n);
  let rows = await count();
  const lostSince = async (acknowledged: number) => {
    const now = await count();
    const lost = rows + acknowledged - now;
    rows = now;
    return Math.max(0, lost);
  };
  const single = await drive(durationMs, 64, async (i) => {
    const r = toRow(event(i));
    await sql`insert into audit_event (type, occurred_at, correlation_id, actor_kind, actor_id, actor_name, server_name, tool_name, status, duration_ms, details)
      values (${r.type}, ${r.occurredAt}, ${r.correlationId}, ${r.actorKind}, ${r.actorId}, ${r.actorName}, ${r.serverName}, ${r.toolName}, ${r.status}, ${r.durationMs}, ${JSON.stringify(r.details)})`
      .execute(em().getKysely());
  });
  const singleLost = await lostSince(single.requests);
  const batched = await drive(durationMs, 2_000, (i) => app.services.audit.record(event(i)));
  const batchedLost = await lostSince(batched.requests);
  const baseline = 'audit: single-row inserts';
  return [
    { name: baseline, unit: 'events/s', lost: singleLost, result: single },
    { name: 'audit: record() with group commit (durable)', unit: 'events/s', lost: batchedLost, baseline, result: batched },
  ];
}
