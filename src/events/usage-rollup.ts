import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { ROLLUP_LOCK_KEY } from '../db/usage-bucket.entity.ts';
import type { Logger } from '../log.ts';
import { BUCKETS, THRESHOLDS } from './usage-histogram.ts';

/** Audit seqs read per statement: a long backlog is caught up in bounded steps. */
const STEP = 50_000;
const WATERMARK = 'tool_invocation';

interface Cell {
  org_id: string;
  server_id: string | null;
  agent_id: string | null;
  hour: string;
  bucket: number;
  calls: string;
  errors: string;
  duration: string;
}

/** One bucket row to add: its counts and its histogram, keyed as the table's unique index is. */
interface Row {
  orgId: string;
  serverId: string | null;
  agentId: string | null;
  hour: string;
  calls: number;
  errors: number;
  duration: number;
  histogram: number[];
}

function rowsOf(cells: Cell[]): Row[] {
  const rows = new Map<string, Row>();
  for (const cell of cells) {
    const key = JSON.stringify([cell.org_id, cell.server_id, cell.agent_id, cell.hour]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { orgId: cell.org_id, serverId: cell.server_id, agentId: cell.agent_id, hour: cell.hour, calls: 0, errors: 0, duration: 0, histogram: new Array<number>(BUCKETS).fill(0) }));
    row.calls += Number(cell.calls);
    row.errors += Number(cell.errors);
    row.duration += Number(cell.duration);
    row.histogram[cell.bucket]! += Number(cell.calls);
  }
  return [...rows.values()];
}

/**
 * Rolls the log's tool calls up into hourly usage buckets, past a stored watermark, under an advisory
 * lock: instances sharing a database take turns, and each event is counted once. Appends commit in seq
 * order (see AuditEvent), so every event up to the head read here is committed and visible. Buckets are
 * their own rows: pruning the audit log later leaves them as they are. A call is counted for the server
 * its event names by id (a server deleted since counts as none); events recorded before they carried the
 * id, by the server's name in their organization.
 */
export class UsageRollup {
  readonly #orm: MikroORM;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(orm: MikroORM, log: Logger) {
    this.#orm = orm;
    this.#log = log;
  }

  /** Rolls up every `everyMs` (0: never by itself, only when read), from soon after start: a backlog is not left to the first reader. */
  start(everyMs: number): void {
    if (!everyMs) return;
    const run = () => {
      this.#running = this.catchUp().catch((error) => this.#log.error('usage rollup failed', { error: String(error) }));
      this.#timer = setTimeout(run, everyMs).unref();
    };
    this.#timer = setTimeout(run, 0).unref();
  }

  /** Rolls up every event committed so far; returns how many tool calls it counted. Cheap when nothing is new. */
  async catchUp(): Promise<number> {
    const em = this.#orm.em.fork();
    const { rows: [state] } = await sql<{ mark: string | null; head: string | null }>`
      select (select last_seq from usage_watermark where name = ${WATERMARK}) as mark, (select max(seq) from audit_event) as head`.execute(em.getKysely());
    if (Number(state?.mark ?? 0) >= Number(state?.head ?? 0)) return 0;
    let counted = 0;
    while (!this.#stopped) {
      const step = await em.transactional((tem) => this.#step(tem));
      counted += step.counted;
      if (step.done) break;
    }
    return counted;
  }

  async #step(em: EntityManager): Promise<{ counted: number; done: boolean }> {
    const db = em.getKysely();
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`.execute(db);
    await sql`insert into usage_watermark (name, last_seq) values (${WATERMARK}, 0) on conflict do nothing`.execute(db);
    const { rows: [state] } = await sql<{ mark: string; head: string | null }>`
      select last_seq as mark, (select max(seq) from audit_event) as head from usage_watermark where name = ${WATERMARK}`.execute(db);
    const mark = Number(state!.mark);
    const head = Number(state!.head ?? 0);
    if (mark >= head) return { counted: 0, done: true };
    const upTo = Math.min(head, mark + STEP);
    const { rows: cells } = await sql<Cell>`
      select e.org_id, coalesce(by_id.id, by_name.id) as server_id, case when e.actor_kind = 'agent' then e.actor_id end as agent_id,
        to_char(date_trunc('hour', e.occurred_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') as hour,
        width_bucket(coalesce(e.duration_ms, 0), ${`{${THRESHOLDS.join(',')}}`}::int[]) as bucket,
        count(*) as calls, count(*) filter (where e.status not in ('success', 'cancelled')) as errors, coalesce(sum(e.duration_ms), 0) as duration
      from audit_event e
        left join mcp_server by_id on e.target_type = 'McpServer' and by_id.id = e.target_id
        left join mcp_server by_name on e.target_id is null and by_name.org_id = e.org_id and by_name.name = e.server_name
      where e.type = 'tool_invocation' and e.seq > ${mark} and e.seq <= ${upTo} and e.org_id is not null
      group by 1, 2, 3, 4, 5`.execute(db);
    const rows = rowsOf(cells);
    if (rows.length) await addRows(em, rows);
    await sql`update usage_watermark set last_seq = ${upTo} where name = ${WATERMARK}`.execute(db);
    return { counted: rows.reduce((sum, row) => sum + row.calls, 0), done: upTo >= head };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}

async function addRows(em: EntityManager, rows: Row[]): Promise<void> {
  const column = <K extends keyof Row>(key: K) => rows.map((row) => row[key]);
  await sql`
    insert into usage_bucket (org_id, server_id, agent_id, hour, calls, errors, duration_ms_sum, histogram)
    select org_id, server_id, agent_id, hour, calls, errors, duration, histogram::int[]
    from unnest(${column('orgId')}::text[], ${column('serverId')}::text[], ${column('agentId')}::text[], ${column('hour')}::timestamptz[],
      ${column('calls')}::int[], ${column('errors')}::int[], ${column('duration')}::bigint[], ${rows.map((row) => `{${row.histogram.join(',')}}`)}::text[])
      as t(org_id, server_id, agent_id, hour, calls, errors, duration, histogram)
    on conflict (org_id, coalesce(server_id, ''), coalesce(agent_id, ''), hour) do update set
      calls = usage_bucket.calls + excluded.calls,
      errors = usage_bucket.errors + excluded.errors,
      duration_ms_sum = usage_bucket.duration_ms_sum + excluded.duration_ms_sum,
      histogram = array(select a + b from unnest(usage_bucket.histogram, excluded.histogram) with ordinality as h(a, b, i) order by i)`.execute(em.getKysely());
}
