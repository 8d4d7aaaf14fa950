import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { AuditEvent, AuditStatus } from '../db/audit-event.entity.ts';
import type { AuditRow } from './audit-row.ts';

/** A column's values; null when all of them are (unnest pads a null array with nulls), which spares encoding and parsing them. */
function column<K extends keyof AuditRow>(rows: readonly AuditRow[], key: K): AuditRow[K][] | null {
  const values = rows.map((row) => row[key]);
  return values.every((value) => value === null) ? null : values;
}

/** The pg pool under the ORM, or one of its clients (inside a transaction of its own). */
export interface SqlClient {
  query<Row = Record<string, unknown>>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

export interface InsertOptions {
  /**
   * False commits the statement without waiting for its WAL to reach the disk (synchronous_commit off for
   * this transaction only, set inside the one statement): the rows are committed and visible at once, and
   * PostgreSQL writes them out within three wal_writer_delays (600 ms by default).
   */
  flush?: boolean;
  /**
   * Named, so each connection parses and plans the statement once (measured: half its cost on the
   * server). Not on the embedded database: its connections share one session, where a name outlives
   * the connection that prepared it.
   */
  prepared?: boolean;
}

const INSERT = `insert into audit_event (type, occurred_at, correlation_id, org_id, actor_kind, actor_id, actor_name, client_label,
    target_type, target_id, target_name, server_name, tool_name, status, duration_ms, details, changes_access)
  select row.* from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int4[], $16::jsonb[], $17::bool[]) as row`;
const STATEMENTS = {
  flushed: { name: 'switchboard.audit_insert', text: `${INSERT} returning seq` },
  unflushed: { name: 'switchboard.audit_insert_unflushed', text: `${INSERT}, (select set_config('synchronous_commit', 'off', true)) as async_commit returning seq` },
};

/**
 * Inserts rows with one statement whatever their number (each column is one array parameter), in the
 * order given, and returns their `seq`s in that order. The table's trigger serialises appends, so the
 * rows of one statement get ascending seqs in the order `unnest` yields them.
 */
export async function insertAuditRows(client: SqlClient, rows: readonly AuditRow[], { flush = true, prepared = false }: InsertOptions = {}): Promise<number[]> {
  const { name, text } = flush ? STATEMENTS.flushed : STATEMENTS.unflushed;
  const values = [
    column(rows, 'type'), rows.map((row) => row.occurredAt.toISOString()), column(rows, 'correlationId'), column(rows, 'orgId'),
    column(rows, 'actorKind'), column(rows, 'actorId'), column(rows, 'actorName'), column(rows, 'clientLabel'), column(rows, 'targetType'),
    column(rows, 'targetId'), column(rows, 'targetName'), column(rows, 'serverName'), column(rows, 'toolName'), column(rows, 'status'),
    column(rows, 'durationMs'), rows.some((row) => row.details) ? rows.map((row) => (row.details ? JSON.stringify(row.details) : null)) : null,
    column(rows, 'changesAccess'),
  ];
  const result = await client.query<{ seq: string }>({ ...(prepared && { name }), text, values });
  return result.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
}

interface StoredRow {
  seq: string;
  type: string;
  /** Text: MikroORM installs its own type parsers on the pool, and dates stay strings. */
  occurred_at: string;
  correlation_id: string;
  org_id: string | null;
  actor_kind: string | null;
  actor_id: string | null;
  actor_name: string | null;
  client_label: string | null;
  target_type: string | null;
  target_id: string | null;
  target_name: string | null;
  server_name: string | null;
  tool_name: string | null;
  status: AuditStatus;
  duration_ms: number | null;
  details: Record<string, unknown> | null;
  changes_access: boolean;
}

/**
 * Committed events with seq > `after`, oldest first, as plain objects: the feed shares each one with every
 * subscriber, and reading an entity's fields through the ORM's accessors costs more than the rest of a delivery.
 */
export async function readAuditEventsAfter(em: EntityManager, after: number, limit: number): Promise<AuditEvent[]> {
  const { rows } = await sql<StoredRow>`select * from audit_event where seq > ${after} order by seq limit ${limit}`.execute(em.getKysely());
  return rows.map((row) => ({
    seq: Number(row.seq),
    type: row.type,
    occurredAt: new Date(row.occurred_at),
    correlationId: row.correlation_id,
    orgId: row.org_id,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    clientLabel: row.client_label,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name,
    serverName: row.server_name,
    toolName: row.tool_name,
    status: row.status,
    durationMs: row.duration_ms,
    details: row.details,
    changesAccess: row.changes_access,
  }));
}

/** The highest committed seq (0 for an empty log): every event below it is committed or never will be. */
export async function readAuditHead(em: EntityManager): Promise<number> {
  const { rows } = await sql<{ head: string | null }>`select max(seq) as head from audit_event`.execute(em.getKysely());
  return Number(rows[0]?.head ?? 0);
}
