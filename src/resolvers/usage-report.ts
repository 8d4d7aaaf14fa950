import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { addHistogram, BUCKETS, emptyHistogram, percentile } from '../events/usage-histogram.ts';

export const GRANULARITIES = ['hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const STEP_MS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };

/** Whose calls: an organization's, narrowed to one server or one agent. */
export interface UsageScope {
  orgId: string;
  serverId?: string;
  agentId?: string;
}

/** Figures for a set of calls; durations in whole milliseconds (see usage-histogram.ts for their precision). */
export interface UsageFigures {
  calls: number;
  errors: number;
  errorRate: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** Summed buckets: what figures are computed from. */
export interface Tally {
  calls: number;
  errors: number;
  duration: number;
  histogram: number[];
}

export const emptyTally = (): Tally => ({ calls: 0, errors: 0, duration: 0, histogram: emptyHistogram() });

export function addTally(into: Tally, from: Tally): Tally {
  into.calls += from.calls;
  into.errors += from.errors;
  into.duration += from.duration;
  addHistogram(into.histogram, from.histogram);
  return into;
}

export function figuresOf(tally: Tally): UsageFigures {
  return {
    calls: tally.calls,
    errors: tally.errors,
    errorRate: tally.calls ? tally.errors / tally.calls : 0,
    avgMs: tally.calls ? Math.round(tally.duration / tally.calls) : null,
    p50Ms: percentile(tally.histogram, 0.5),
    p95Ms: percentile(tally.histogram, 0.95),
  };
}

type GroupBy = 'time' | 'server' | 'agent';

/** Each histogram cell summed on its own, in one pass (unnesting the arrays instead sorts every cell: about 20× slower, measured). */
const HISTOGRAM_SUMS = sql.raw(Array.from({ length: BUCKETS }, (_, i) => `sum(histogram[${i + 1}])`).join(', '));

/**
 * The scope's buckets in [from, to), summed per group: per period start (epoch ms, as text) of the
 * granularity, per server id or per agent id ('' for none).
 */
export async function tallies(em: EntityManager, scope: UsageScope, from: Date, to: Date, granularity: Granularity, groupBy: GroupBy): Promise<Map<string, Tally>> {
  const key = groupBy === 'time' ? sql`(extract(epoch from date_trunc(${granularity}, hour, 'UTC')) * 1000)::bigint::text`
    : groupBy === 'server' ? sql`coalesce(server_id, '')` : sql`coalesce(agent_id, '')`;
  const { rows } = await sql<{ key: string; calls: string; errors: string; duration: string; histogram: string }>`
    select ${key} as key, sum(calls)::text as calls, sum(errors)::text as errors, sum(duration_ms_sum)::text as duration,
      array_to_string(array[${HISTOGRAM_SUMS}], ',') as histogram
    from usage_bucket
    where org_id = ${scope.orgId} and hour >= ${from.toISOString()}::timestamptz and hour < ${to.toISOString()}::timestamptz
      ${scope.serverId ? sql`and server_id = ${scope.serverId}` : sql``} ${scope.agentId ? sql`and agent_id = ${scope.agentId}` : sql``}
    group by 1`.execute(em.getKysely());
  return new Map(rows.map((row) => [row.key, {
    calls: Number(row.calls), errors: Number(row.errors), duration: Number(row.duration), histogram: row.histogram.split(',').map(Number),
  }]));
}
