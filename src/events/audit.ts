import type { EntityManager } from '@mikro-orm/postgresql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditEvent, type AuditStatus } from '../db/audit-event.entity.ts';
import type { Principal } from '../auth/principal.ts';
import type { PubSub } from './pubsub.ts';

export const AUDIT_TOPIC = 'audit';

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
}

function toRow(input: AuditInput) {
  return {
    type: input.type,
    occurredAt: new Date(),
    correlationId: input.correlationId,
    orgId: input.orgId ?? null,
    actorKind: input.actor?.kind ?? null,
    actorId: input.actor?.id ?? null,
    actorName: input.actor?.name ?? null,
    clientLabel: input.clientLabel ?? null,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetName: input.target?.name ?? null,
    serverName: input.serverName ?? null,
    toolName: input.toolName ?? null,
    status: input.status,
    durationMs: input.durationMs == null ? null : Math.round(input.durationMs),
    details: input.details ?? null,
  };
}

/**
 * The one audit path. An event is persisted before it is published: either inside the caller's
 * transaction (`stage`, then `published` after commit) or in a transaction of its own (`record`).
 */
export class AuditLog {
  readonly #orm: MikroORM;
  readonly #pubsub: PubSub;

  constructor(orm: MikroORM, pubsub: PubSub) {
    this.#orm = orm;
    this.#pubsub = pubsub;
  }

  /** Adds the event to a unit of work that is about to be committed. */
  stage(em: EntityManager, input: AuditInput): AuditEvent {
    return em.create(AuditEvent, toRow(input));
  }

  /** Call once the transaction that staged `event` has committed. */
  published(event: AuditEvent): void {
    this.#pubsub.publish(AUDIT_TOPIC, event);
  }

  async record(input: AuditInput): Promise<AuditEvent> {
    const em = this.#orm.em.fork();
    const event = this.stage(em, input);
    await em.flush();
    this.published(event);
    return event;
  }
}
