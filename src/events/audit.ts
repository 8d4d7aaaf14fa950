import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from '../db/audit-event.entity.ts';
import type { Logger } from '../log.ts';
import { AuditBatcher } from './audit-batcher.ts';
import { insertAuditRows, type SqlClient } from './audit-table.ts';
import { toRow, type AuditInput } from './audit-row.ts';
import { AUDIT_SIGNAL, type Signals } from './signals.ts';

export type { AuditInput } from './audit-row.ts';

/**
 * `durable`: a call returns once its event is committed and on disk; `committed`: once committed, before
 * PostgreSQL flushes it (a gateway crash loses nothing, a database crash the last moments); `buffered`: at once.
 */
export type AuditMode = 'durable' | 'committed' | 'buffered';

/**
 * The one audit path. An event is persisted before it is published: either inside the caller's
 * transaction (`stage`, then `published` after commit) or through group commit (`record`). Publishing
 * only says "new events were committed": subscribers read them from the table, in `seq` order.
 */
export class AuditLog {
  readonly #signals: Signals;
  readonly #batcher: AuditBatcher;
  readonly #waits: boolean;
  #commitObserver: ((seconds: number) => void) | undefined;

  /** `client`: the ORM's pool; `prepared`: on a PostgreSQL server (see `insertAuditRows`). */
  constructor(client: SqlClient, signals: Signals, options: { mode: AuditMode; prepared: boolean; log: Logger }) {
    this.#signals = signals;
    this.#waits = options.mode !== 'buffered';
    const flush = options.mode === 'durable';
    this.#batcher = new AuditBatcher({
      insert: async (rows) => {
        const started = performance.now();
        const seqs = await insertAuditRows(client, rows, { flush, prepared: options.prepared });
        this.#commitObserver?.((performance.now() - started) / 1000);
        return seqs;
      },
      committed: () => signals.emit(AUDIT_SIGNAL),
      log: options.log,
    });
  }

  /**
   * Adds the event to a unit of work that is about to be committed. Make it the transaction's last write
   * (flush the rest first, as `mutate` does): inserting an event holds the log's append lock until commit.
   */
  stage(em: EntityManager, input: AuditInput): AuditEvent {
    return em.create(AuditEvent, toRow(input));
  }

  /** Events waiting for their group commit. */
  get queued(): number {
    return this.#batcher.queued;
  }

  /** Tells `observer` how long each group commit took (for metrics). */
  observeCommits(observer: (seconds: number) => void): void {
    this.#commitObserver = observer;
  }

  /** Call once the transaction that staged `event` has committed. */
  published(_event: AuditEvent): void {
    this.#signals.emit(AUDIT_SIGNAL);
  }

  /**
   * Records an event that has no business transaction (tool calls, failures) through group commit. In
   * durable and committed mode it resolves with the event once its batch has committed; in buffered mode at once.
   */
  async record(input: AuditInput): Promise<AuditEvent | void> {
    return this.#batcher.add(toRow(input), this.#waits);
  }

  /** Writes every event recorded so far; call after the last request has finished. */
  close(): Promise<void> {
    return this.#batcher.close();
  }
}
