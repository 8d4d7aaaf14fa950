import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AUDIT_STATUSES = ['success', 'failure', 'denied', 'error'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** Append-only. `seq` is monotonic: it is the cursor for pagination and replay. */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  indexes: [{ properties: ['orgId', 'seq'] }, { properties: ['type', 'seq'] }, { properties: ['correlationId'] }],
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
  },
});

export type AuditEvent = InferEntity<typeof AuditEvent>;
