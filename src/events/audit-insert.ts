import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { AuditRow } from './audit-row.ts';

const column = <K extends keyof AuditRow>(rows: readonly AuditRow[], key: K) => rows.map((row) => row[key]);

/**
 * Inserts rows with one statement whatever their number (each column is one array parameter), in the
 * order given, and returns their `seq`s in that order. The table's trigger serialises appends, so the
 * rows of one statement get ascending seqs in the order `unnest` yields them.
 */
export async function insertAuditRows(em: EntityManager, rows: readonly AuditRow[]): Promise<number[]> {
  const result = await sql<{ seq: string }>`
    insert into audit_event (type, occurred_at, correlation_id, org_id, actor_kind, actor_id, actor_name, client_label,
      target_type, target_id, target_name, server_name, tool_name, status, duration_ms, details, changes_access)
    select * from unnest(
      ${column(rows, 'type')}::text[], ${column(rows, 'occurredAt')}::timestamptz[], ${column(rows, 'correlationId')}::text[],
      ${column(rows, 'orgId')}::text[], ${column(rows, 'actorKind')}::text[], ${column(rows, 'actorId')}::text[],
      ${column(rows, 'actorName')}::text[], ${column(rows, 'clientLabel')}::text[], ${column(rows, 'targetType')}::text[],
      ${column(rows, 'targetId')}::text[], ${column(rows, 'targetName')}::text[], ${column(rows, 'serverName')}::text[],
      ${column(rows, 'toolName')}::text[], ${column(rows, 'status')}::text[], ${column(rows, 'durationMs')}::int4[],
      ${rows.map((row) => (row.details ? JSON.stringify(row.details) : null))}::jsonb[], ${column(rows, 'changesAccess')}::bool[])
    returning seq`.execute(em.getKysely());
  return result.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
}
