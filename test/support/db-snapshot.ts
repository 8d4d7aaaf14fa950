import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * What a request may leave behind without having done anything: the audit trail of the request itself
 * (and the usage figures rolled up from it, on a timer), the counters that limit guessing, when a
 * credential was last used, and what runtimes report as they start and stop (written off the request
 * path, so an earlier request's runtime may report during a later one).
 */
const TRACE_ONLY: Record<string, string[] | 'all'> = {
  audit_event: 'all',
  usage_bucket: 'all',
  usage_watermark: 'all',
  deployment_change: 'all',
  deployment: ['status', 'updated_at'],
  runtime_log: 'all',
  rate_limit: 'all',
  mikro_orm_migrations: 'all',
  credential: ['last_used_at'],
  preshared_key: ['last_used_at'],
};

export type Snapshot = Record<string, string>;

/** A digest of every row of every table (less TRACE_ONLY): two snapshots differ exactly when some stored fact changed. */
export async function snapshot(orm: MikroORM): Promise<Snapshot> {
  const connection = orm.em.fork().getConnection();
  const tables = await connection.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`);
  const digests: Snapshot = {};
  for (const { table_name: table } of tables) {
    const skipped = TRACE_ONLY[table];
    if (skipped === 'all') continue;
    const dropped = (skipped ?? []).map((column) => ` - '${column}'`).join('');
    const [row] = await connection.execute<{ digest: string }[]>(`select md5(coalesce(string_agg((to_jsonb(t)${dropped})::text, '|' order by (to_jsonb(t)${dropped})::text), '')) as digest from "${table}" t`);
    digests[table] = row!.digest;
  }
  return digests;
}

/** The tables whose rows differ between two snapshots. */
export const changedTables = (before: Snapshot, after: Snapshot) => Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
