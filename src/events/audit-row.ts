import type { AuditEvent, AuditStatus } from '../db/audit-event.entity.ts';
import type { Principal } from '../auth/principal.ts';

export interface AuditInput {
  type: string;
  status: AuditStatus;
  correlationId: string;
  orgId?: string | null;
  actor?: Pick<Principal, 'kind' | 'id' | 'name'> | { kind?: undefined; id?: undefined; name: string } | null;
  clientLabel?: string | null;
  target?: { type: string; id: string; name?: string | null } | null;
  serverName?: string | null;
  toolName?: string | null;
  durationMs?: number | null;
  details?: Record<string, unknown> | null;
  /** The event is committed with a change to who may do what (mutations). */
  changesAccess?: boolean;
}

/** An audit event before the database gave it its `seq`. */
export type AuditRow = Omit<AuditEvent, 'seq'>;

const MAX_TEXT = 255;
const MAX_DURATION_MS = 2_147_483_647;
const SECRET_KEY = /pass(word|phrase)|secret|authorization|cookie|api[-_]?key|private[-_]?key|token$/i;

/** Fits the column and drops NUL, which PostgreSQL refuses in text: one odd value must not fail a whole batch. */
function text(value: string | null | undefined): string | null {
  if (value == null) return null;
  return value.replaceAll('\0', '\uFFFD').slice(0, MAX_TEXT);
}

/** Details are for people reading the log: values under secret-looking keys never reach it. */
function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replaceAll('\0', '\uFFFD');
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [
    key.replaceAll('\0', '\uFFFD'),
    SECRET_KEY.test(key) && v != null ? '[redacted]' : redact(v, depth + 1),
  ]));
}

export function toRow(input: AuditInput, occurredAt = new Date()): AuditRow {
  return {
    type: text(input.type)!,
    occurredAt,
    correlationId: text(input.correlationId)!,
    orgId: text(input.orgId),
    actorKind: text(input.actor?.kind),
    actorId: text(input.actor?.id),
    actorName: text(input.actor?.name),
    clientLabel: text(input.clientLabel),
    targetType: text(input.target?.type),
    targetId: text(input.target?.id),
    targetName: text(input.target?.name),
    serverName: text(input.serverName),
    toolName: text(input.toolName),
    status: input.status,
    durationMs: input.durationMs == null ? null : Math.min(MAX_DURATION_MS, Math.max(0, Math.round(input.durationMs))),
    details: input.details ? (redact(input.details) as Record<string, unknown>) : null,
    changesAccess: input.changesAccess ?? false,
  };
}
