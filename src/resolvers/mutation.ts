import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, conflict, ErrorCode } from '../errors.ts';
import type { AuditInput } from '../events/audit.ts';
import { PRINCIPALS_SIGNAL } from '../events/signals.ts';
import type { AuditEvent, AuditStatus } from '../db/audit-event.entity.ts';
import type { Ctx } from './context.ts';

export interface Outcome<T> {
  result: T;
  /** An operation that completed but did not succeed (a failed validation) is audited as `failure`. */
  status?: AuditStatus;
  target?: AuditInput['target'];
  orgId?: string | null;
  details?: Record<string, unknown>;
}

export interface MutationSpec {
  /** Audit event type of the mutation. */
  type: string;
  /** Audit event type when it fails, if it differs (`login_failure`). */
  failureType?: string;
  /** Who acted, when it is not the authenticated principal (a login names the user it is for). */
  actorName?: string;
  /**
   * False when the mutation cannot change what an existing credential may do or call (a login only adds
   * a session): instances then keep their caches and live subscriptions are not checked again.
   */
  changesAccess?: boolean;
}

export function failureStatus(error: unknown): AuditStatus {
  if (error instanceof AppError) {
    return error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.UNAUTHENTICATED ? 'denied' : 'failure';
  }
  return 'error';
}

/**
 * Runs a mutation in one transaction together with its audit event, and publishes the event after
 * commit. A failed mutation changes nothing and still leaves one event, recorded on its own.
 */
export async function mutate<T, P = undefined>(
  ctx: Ctx,
  spec: MutationSpec,
  run: (em: EntityManager, prepared: P) => Promise<Outcome<T>>,
  /** Slow work that must not hold a transaction open (reaching an upstream); it may throw, and is audited. */
  prepare?: () => Promise<P>,
): Promise<T> {
  const started = performance.now();
  const actor = ctx.principal ?? (spec.actorName ? { name: spec.actorName } : null);
  const base = { correlationId: ctx.correlationId, actor, clientLabel: ctx.clientLabel };
  const { audit, signals } = ctx.services;
  const changesAccess = spec.changesAccess ?? true;
  let committed: { result: T; event: AuditEvent };
  try {
    const prepared = (await prepare?.()) as P;
    committed = await ctx.em.transactional(async (em) => {
      const outcome = await run(em, prepared);
      // The audit event goes last: inserting it holds the log's append lock until commit.
      await em.flush();
      // What a mutation changed may be who someone is or what they may call: every instance reads its
      // caches (principals, the MCP catalog) again, and live
      // subscribers are checked again before they are given this event or any later one.
      if (changesAccess) await signals.announce(em, PRINCIPALS_SIGNAL);
      const event = audit.stage(em, {
        ...base,
        type: spec.type,
        status: outcome.status ?? 'success',
        orgId: outcome.orgId,
        target: outcome.target,
        durationMs: performance.now() - started,
        details: outcome.details,
        changesAccess,
      });
      return { result: outcome.result, event };
    });
  } catch (thrown) {
    const error = thrown instanceof UniqueConstraintViolationException ? conflict('Already exists') : thrown;
    await audit.record({
      ...base,
      type: spec.failureType ?? spec.type,
      status: failureStatus(error),
      orgId: ctx.concernedOrgId ?? null,
      durationMs: performance.now() - started,
      details: { code: error instanceof AppError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR, message: error instanceof AppError ? error.message : 'Unexpected error' },
    });
    throw error;
  }
  if (changesAccess) signals.emit(PRINCIPALS_SIGNAL);
  audit.published(committed.event);
  return committed.result;
}
