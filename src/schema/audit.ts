import { AUDIT_STATUSES, type AuditEvent } from '../db/audit-event.entity.ts';
import type { StreamItem } from '../events/audit-stream.ts';
import { payloadOrThrow } from '../events/stream-end.ts';
import { auditLogPage, listAuditEvents } from '../resolvers/audit.ts';
import { subscribeAuditEvents } from '../resolvers/audit-subscription.ts';
import { builder } from './builder.ts';
import { connectionOf, pageComplexity } from './common.ts';
import { enumOf } from './enums.ts';

const AuditStatusEnum = enumOf('AuditStatus', AUDIT_STATUSES);

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

// Every field resolves from the event alone, never from the context: one event object is shared by all subscribers.
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
    server: t.string({ description: 'Name of the server called, as it was called then.' }),
    serverId: t.id({ description: 'Events that name this server by id, whatever it was called then: the changes made to it, and its tool calls from this release on (older calls name it by `server` only).' }),
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

const AuditLogPage = builder.simpleObject('AuditLogPage', {
  description: 'A numbered page of the audit log, newest first.',
  fields: (t) => ({
    total: t.int({ description: 'Events matching the filter, across all pages.' }),
    limit: t.int(),
    offset: t.int(),
    events: t.field({ type: [AuditEventRef] }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditLogPage,
    description: 'The audit log by limit and offset, newest first, limited to what the caller may read.',
    complexity: (args) => ({ field: 5, multiplier: Math.max(1, Math.ceil((args.limit ?? 50) / 10)) }),
    args: {
      filter: t.arg({ type: AuditEventFilter }),
      limit: t.arg.int({ description: 'Events per page: 1 to 200, default 50.' }),
      offset: t.arg.int({ description: 'Events to skip, default 0.' }),
    },
    resolve: (_root, args, ctx) => auditLogPage(ctx, args),
  }),
);

builder.subscriptionField('auditEvents', (t) =>
  t.field({
    type: AuditEventRef,
    description: 'Audit events as they are committed, oldest first, limited to what the subscriber may read. '
      + 'With `after`, the persisted events after that seq come first: resume with the last seq received and '
      + 'nothing is missed or repeated. Ends with UNAUTHENTICATED or FORBIDDEN when the subscriber\'s access changes.',
    args: {
      filter: t.arg({ type: AuditEventFilter }),
      after: t.arg.string({ description: 'The `seq` of the last event already seen ("0": from the start of the log).' }),
    },
    subscribe: (_root, args, ctx) => subscribeAuditEvents(ctx, args),
    resolve: (item: StreamItem) => payloadOrThrow(item),
  }),
);
