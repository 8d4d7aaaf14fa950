import type { FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert, can } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { AUDIT_STATUSES, AuditEvent } from '../db/audit-event.entity.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { keys, MAX_PAGE_SIZE, paginate, type PageArgs } from './pagination.ts';

export const AuditFilter = z
  .object({
    type: z.string().max(100).nullish(),
    organizationId: fields.id.nullish(),
    user: z.string().max(100).nullish(),
    server: z.string().max(100).nullish(),
    serverId: fields.id.nullish(),
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

function adminOf(principal: Principal): string[] {
  return [...principal.orgRoles.keys()].filter((orgId) => can(principal, 'audit.read', { orgId })).sort();
}

/** What `canReadEvent` allows, as a filter. */
function visibility(principal: Principal): Record<string, unknown> {
  if (can(principal, 'audit.read.all')) return {};
  return { $or: [{ orgId: { $in: adminOf(principal) } }, { actorId: principal.id }] };
}

/** Two principals read the same events: a subscription started by one may go on as the other. */
export function sameAuditScope(a: Principal, b: Principal): boolean {
  if (a.id !== b.id) return false;
  const all = can(a, 'audit.read.all');
  if (all !== can(b, 'audit.read.all')) return false;
  return all || adminOf(a).join() === adminOf(b).join();
}

export function filterWhere(filter: AuditFilter): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (!filter) return where;
  if (filter.type) where.type = filter.type;
  if (filter.organizationId) where.orgId = filter.organizationId;
  if (filter.user) where.actorName = filter.user;
  if (filter.server) where.serverName = filter.server;
  if (filter.serverId) Object.assign(where, { targetType: 'McpServer', targetId: filter.serverId });
  if (filter.tool) where.toolName = filter.tool;
  if (filter.status) where.status = filter.status;
  if (filter.correlationId) where.correlationId = filter.correlationId;
  if (filter.from || filter.to) where.occurredAt = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lte: filter.to }) };
  return where;
}

/** The same test as `filterWhere`, for an event in memory. */
export function matchesFilter(event: AuditEvent, filter: AuditFilter): boolean {
  if (!filter) return true;
  const checks: [unknown, unknown][] = [
    [filter.type, event.type], [filter.organizationId, event.orgId], [filter.user, event.actorName],
    [filter.server, event.serverName], [filter.tool, event.toolName], [filter.status, event.status],
    [filter.correlationId, event.correlationId], [filter.serverId && 'McpServer', event.targetType], [filter.serverId, event.targetId],
  ];
  if (checks.some(([want, have]) => want != null && want !== have)) return false;
  if (filter.from && event.occurredAt < filter.from) return false;
  return !(filter.to && event.occurredAt > filter.to);
}

/** The caller may list the audit log; resolves to what they may read that matches `filter`. */
export function readableWhere(ctx: Ctx, rawFilter: unknown): { principal: Principal; filter: AuditFilter; where: FilterQuery<AuditEvent> } {
  const principal = ctx.principal;
  assert(principal, 'audit.list');
  const filter = parseInput(AuditFilter, rawFilter);
  return { principal, filter, where: { $and: [visibility(principal), filterWhere(filter)] } as FilterQuery<AuditEvent> };
}

export async function listAuditEvents(ctx: Ctx, args: PageArgs & { filter?: z.input<typeof AuditFilter> }) {
  const { where } = readableWhere(ctx, args.filter);
  return paginate(ctx.em, AuditEvent, where, args, keys.seq);
}

const PageInput = z.object({
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).nullish().transform((v) => v ?? 50),
  offset: z.number().int().min(0).nullish().transform((v) => v ?? 0),
});

/** The log as numbered pages, newest first (the shape of seed 004's `GET /v1/admin/audit`). */
export async function auditLogPage(ctx: Ctx, args: { filter?: z.input<typeof AuditFilter>; limit?: number | null; offset?: number | null }) {
  const { where } = readableWhere(ctx, args.filter);
  const { limit, offset } = parseInput(PageInput, { limit: args.limit, offset: args.offset });
  const [events, total] = await ctx.em.findAndCount(AuditEvent, where, { orderBy: { seq: 'desc' }, limit, offset });
  return { total, limit, offset, events };
}
