import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AUDIT_STATUSES = ['success', 'failure', 'denied', 'error', 'cancelled'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** Readers of the log LISTEN on this channel; the payload `audit` says events were committed. */
export const SIGNAL_CHANNEL = 'switchboard';

/** The advisory lock that serialises appends (a bigint, so kept as text). */
export const APPEND_LOCK_KEY = '7304118229401633537';

/**
 * Appends are serialised from the insert to the commit (a transaction-level advisory lock), so `seq`
 * order is commit order: whoever has read seq N has seen every event below N that will ever exist, and
 * readers that resume from `seq > last seen` never skip one. The trigger also tells other instances
 * that events were committed (PostgreSQL sends the notification on commit only).
 */
const appendTrigger = {
  name: 'append',
  timing: 'before',
  events: ['insert'],
  forEach: 'statement',
  body: `perform pg_advisory_xact_lock(${APPEND_LOCK_KEY}); perform pg_notify('${SIGNAL_CHANNEL}', 'audit'); return null;`,
} as const;

/** Append-only. `seq` is monotonic: it is the cursor for pagination and replay. */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  indexes: [{ properties: ['orgId', 'seq'] }, { properties: ['type', 'seq'] }, { properties: ['correlationId'] }],
  triggers: [{ ...appendTrigger, events: [...appendTrigger.events] }],
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    type: p.string(),
    occurredAt: p.datetime(),
    correlationId: p.string(),
    orgId: p.string().nullable(),
    actorKind: p.string().nullable(),
    actorId: p.string().nullable(),
    actorName: p.string().nullable(),
    clientLabel: p.string().nullable(),
    targetType: p.string().nullable(),
    targetId: p.string().nullable(),
    targetName: p.string().nullable(),
    serverName: p.string().nullable(),
    toolName: p.string().nullable(),
    status: p.enum(AUDIT_STATUSES),
    durationMs: p.integer().nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
    /** Committed together with a change to who may do what: live readers check their access before it. */
    changesAccess: p.boolean().default(false),
  },
});

export type AuditEvent = InferEntity<typeof AuditEvent>;
