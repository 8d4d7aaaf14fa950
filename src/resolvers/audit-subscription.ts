import { z } from 'zod';
import { can } from '../auth/policy.ts';
import { AuditEvent } from '../db/audit-event.entity.ts';
import { forbidden, unauthenticated } from '../errors.ts';
import { AuditStream } from '../events/audit-stream.ts';
import { canReadEvent, matchesFilter, readableWhere, sameAuditScope, type AuditFilter } from './audit.ts';
import type { Ctx } from './context.ts';
import { parseInput } from './input.ts';

const After = z
  .string()
  .regex(/^\d{1,16}$/, 'must be the seq of an earlier event')
  .transform(Number)
  .refine(Number.isSafeInteger, 'must be the seq of an earlier event')
  .nullish();

/**
 * The audit events the caller may read, as they are committed; with `after`, the persisted ones after
 * that seq first, so a client that reconnects with the last seq it saw misses nothing and sees nothing
 * twice. The subscriber's access is checked again whenever it may have changed, on any instance: the
 * stream ends with UNAUTHENTICATED when the credential stops working, FORBIDDEN when what it may read changed.
 */
export async function subscribeAuditEvents(ctx: Ctx, args: { filter?: z.input<typeof AuditFilter>; after?: string | null }) {
  const { principal, filter, where } = readableWhere(ctx, args.filter);
  const after = parseInput(After, args.after) ?? null;
  const { orm, auditFeed, streams } = ctx.services;
  return streams.subscription(principal.id, await AuditStream.open(auditFeed, {
    after,
    credentialId: principal.credentialId,
    verifiedAt: ctx.principalTicket,
    credentialExpiresAt: principal.credentialExpiresAt,
    accept: (event) => canReadEvent(principal, event) && matchesFilter(event, filter),
    replay: (from, upTo, limit) =>
      orm.em.fork().find(AuditEvent, { $and: [where, { seq: { $gt: from, $lte: upTo } }] }, { orderBy: { seq: 'asc' }, limit }),
    recheck: (fresh) => {
      if (!fresh) return unauthenticated('Credential revoked, disabled or expired');
      if (!can(fresh, 'audit.list') || !sameAuditScope(principal, fresh)) {
        return forbidden('Access to the audit log changed: subscribe again');
      }
      return null;
    },
  }));
}
