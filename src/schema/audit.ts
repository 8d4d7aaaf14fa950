import { AUDIT_STATUSES, type AuditEvent } from '../db/audit-event.entity.ts';
import { listAuditEvents, subscribeAuditEvents } from '../resolvers/audit.ts';
import { builder } from './builder.ts';
import { connectionOf, pageComplexity } from './common.ts';

const AuditStatusEnum = builder.enumType('AuditStatus', {
  values: Object.fromEntries(AUDIT_STATUSES.map((s) => [s.toUpperCase(), { value: s }])) as Record<
    Uppercase<(typeof AUDIT_STATUSES)[number]>,
    { value: (typeof AUDIT_STATUSES)[number] }
  >,
});

const AuditActorRef = builder.objectRef<AuditEvent>('AuditActor').implement({
  fields: (t) => ({
    kind: t.string({ nullable: true, resolve: (e) => e.actorKind }),
    id: t.id({ nullable: true, resolve: (e) => e.actorId }),
    name: t.string({ nullable: true, resolve: (e) => e.actorName }),
  }),
});

const AuditTargetRef = builder.objectRef<AuditEvent>('AuditTarget').implement({
  fields: (t) => ({
    type: t.string({ resolve: (e) => e.targetType! }),
    id: t.id({ resolve: (e) => e.targetId! }),
    name: t.string({ nullable: true, resolve: (e) => e.targetName }),
  }),
});

export const AuditEventRef = builder.objectRef<AuditEvent>('AuditEvent').implement({
  description: 'One entry of the append-only audit log.',
  fields: (t) => ({
    id: t.id({ resolve: (e) => `evt_${e.seq}` }),
    seq: t.string({ description: 'Monotonic position in the log; pass it as `after` to resume.', resolve: (e) => String(e.seq) }),
    type: t.exposeString('type'),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    correlationId: t.exposeString('correlationId'),
    organizationId: t.id({ nullable: true, resolve: (e) => e.orgId }),
    actor: t.field({ type: AuditActorRef, nullable: true, resolve: (e) => (e.actorName || e.actorId ? e : null) }),
    clientLabel: t.exposeString('clientLabel', { nullable: true }),
    target: t.field({ type: AuditTargetRef, nullable: true, resolve: (e) => (e.targetId ? e : null) }),
    serverName: t.exposeString('serverName', { nullable: true }),
    toolName: t.exposeString('toolName', { nullable: true }),
    status: t.field({ type: AuditStatusEnum, resolve: (e) => e.status }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    details: t.expose('details', { type: 'JSON', nullable: true }),
  }),
});

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  fields: (t) => ({
    type: t.string(),
    organizationId: t.id(),
    user: t.string({ description: 'Username of the actor.' }),
    server: t.string(),
    tool: t.string(),
    status: t.field({ type: AuditStatusEnum }),
    correlationId: t.string(),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime' }),
  }),
});

const AuditEventConnection = connectionOf(AuditEventRef, 'AuditEvent');

builder.queryField('auditEvents', (t) =>
  t.connection({
    complexity: pageComplexity,
    type: AuditEventRef,
    description: 'The audit log, oldest first, limited to what the caller may read.',
    args: { filter: t.arg({ type: AuditEventFilter }) },
    resolve: (_root, args, ctx) => listAuditEvents(ctx, args),
  }, AuditEventConnection),
);

builder.subscriptionField('auditEvents', (t) =>
  t.field({
    type: AuditEventRef,
    description: 'Audit events as they are committed, limited to what the subscriber may read.',
    args: { filter: t.arg({ type: AuditEventFilter }) },
    subscribe: (_root, args, ctx) => subscribeAuditEvents(ctx, args),
    resolve: (event) => event,
  }),
);
