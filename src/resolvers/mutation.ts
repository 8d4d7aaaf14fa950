import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, conflict } from '../errors.ts';
import type { AuditInput } from '../events/audit.ts';
import type { AuditStatus } from '../db/audit-event.entity.ts';
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
}

function failureStatus(error: unknown): AuditStatus {
  if (error instanceof AppError) {
    return error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED' ? 'denied' : 'failure';
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
  try {
    const prepared = (await prepare?.()) as P;
    const { result, event } = await ctx.em.transactional(async (em) => {
      const outcome = await run(em, prepared);
      const event = ctx.services.audit.stage(em, {
        ...base,
        type: spec.type,
        status: outcome.status ?? 'success',
        orgId: outcome.orgId,
        target: outcome.target,
        durationMs: performance.now() - started,
        details: outcome.details,
      });
      return { result: outcome.result, event };
    });
    // Whatever a mutation changed may be who someone is or what they may call: caches read again.
    ctx.services.invalidateCaches();
    ctx.services.audit.published(event);
    return result;
  } catch (thrown) {
    const error = thrown instanceof UniqueConstraintViolationException ? conflict('Already exists') : thrown;
    await ctx.services.audit.record({
      ...base,
      type: spec.failureType ?? spec.type,
      status: failureStatus(error),
      durationMs: performance.now() - started,
      details: { code: error instanceof AppError ? error.code : 'INTERNAL', message: error instanceof AppError ? error.message : 'Unexpected error' },
    });
    throw error;
  }
}
