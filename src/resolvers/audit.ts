import { z } from 'zod';
import { assert, can } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { AUDIT_STATUSES, AuditEvent } from '../db/audit-event.entity.ts';
import { AUDIT_TOPIC } from '../events/audit.ts';
import { iterate } from '../events/pubsub.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { keys, paginate, type PageArgs } from './pagination.ts';

export const AuditFilter = z
  .object({
    type: z.string().max(100).nullish(),
    organizationId: fields.id.nullish(),
    user: z.string().max(100).nullish(),
    server: z.string().max(100).nullish(),
    tool: z.string().max(200).nullish(),
    status: z.enum(AUDIT_STATUSES).nullish(),
    correlationId: z.string().max(100).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .nullish();

export type AuditFilter = z.infer<typeof AuditFilter>;

/** Who may read an event: system admins all, org admins their org's, everyone the events they caused. */
export function canReadEvent(principal: Principal | null, event: Pick<AuditEvent, 'orgId' | 'actorId'>): boolean {
  return can(principal, 'audit.read', { orgId: event.orgId, ownerId: event.actorId });
}

function visibility(principal: Principal): Record<string, unknown> {
  if (can(principal, 'audit.read.all')) return {};
  const adminOf = [...principal.orgRoles].filter(([orgId]) => can(principal, 'audit.read', { orgId })).map(([orgId]) => orgId);
  return { $or: [{ orgId: { $in: adminOf } }, { actorId: principal.id }] };
}

export function filterWhere(filter: AuditFilter): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (!filter) return where;
  if (filter.type) where.type = filter.type;
  if (filter.organizationId) where.orgId = filter.organizationId;
  if (filter.user) where.actorName = filter.user;
  if (filter.server) where.serverName = filter.server;
  if (filter.tool) where.toolName = filter.tool;
  if (filter.status) where.status = filter.status;
  if (filter.correlationId) where.correlationId = filter.correlationId;
  if (filter.from || filter.to) where.occurredAt = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lte: filter.to }) };
  return where;
}

export async function listAuditEvents(ctx: Ctx, args: PageArgs & { filter?: z.input<typeof AuditFilter> }) {
  const principal = ctx.principal;
  assert(principal, 'audit.list', { orgId: principal?.orgId });
  const filter = parseInput(AuditFilter, args.filter);
  return paginate(ctx.em, AuditEvent, { $and: [visibility(principal), filterWhere(filter)] }, args, keys.seq);
}

/** Live events the caller may read, checked when subscribing and for every event. */
export function subscribeAuditEvents(ctx: Ctx, args: { filter?: z.input<typeof AuditFilter> }): AsyncIterable<AuditEvent> {
  const principal = ctx.principal;
  assert(principal, 'audit.list', { orgId: principal?.orgId });
  const filter = parseInput(AuditFilter, args.filter);
  return iterate<AuditEvent>(ctx.services.pubsub, AUDIT_TOPIC, (event) => canReadEvent(principal, event) && matchesFilter(event, filter));
}

function matchesFilter(event: AuditEvent, filter: AuditFilter): boolean {
  if (!filter) return true;
  const checks: [unknown, unknown][] = [
    [filter.type, event.type], [filter.organizationId, event.orgId], [filter.user, event.actorName],
    [filter.server, event.serverName], [filter.tool, event.toolName], [filter.status, event.status],
    [filter.correlationId, event.correlationId],
  ];
  if (checks.some(([want, have]) => want != null && want !== have)) return false;
  if (filter.from && event.occurredAt < filter.from) return false;
  return !(filter.to && event.occurredAt > filter.to);
}
