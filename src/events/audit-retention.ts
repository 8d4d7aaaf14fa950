import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Logger } from '../log.ts';

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const BATCH = 5_000;

/**
 * Deletes audit events older than the retention period, from the oldest, in bounded batches (each a
 * short statement of its own), once shortly after start and then every hour. 0 days keeps everything.
 */
export class AuditRetention {
  readonly #orm: MikroORM;
  readonly #days: number;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  readonly #beforePrune: () => Promise<unknown>;
  #stopped = false;

  /** `beforePrune` runs before each prune (what must read events before they go). */
  constructor(orm: MikroORM, days: number, log: Logger, beforePrune: () => Promise<unknown> = async () => {}) {
    this.#orm = orm;
    this.#days = days;
    this.#log = log;
    this.#beforePrune = beforePrune;
  }

  start(): void {
    if (!this.#days) return;
    const run = () => {
      this.#running = this.prune().catch((error) => {
        this.#log.error('audit prune failed', { error: String(error) });
        return 0;
      });
      this.#timer = setTimeout(run, PRUNE_EVERY_MS).unref();
    };
    this.#timer = setTimeout(run, 0).unref();
  }

  /** The run in progress, or the last one: resolves to the number of events it deleted. */
  get lastRun(): Promise<number> | undefined {
    return this.#running;
  }

  /**
   * Deletes the events older than `days` before `now`. Batches walk the log from its oldest seq, so each
   * reads at most `batchSize` rows by primary key; a batch that deletes less than that ends the run.
   */
  async prune(now = new Date(), batchSize = BATCH): Promise<number> {
    if (!this.#days) return 0;
    const cutoff = new Date(now.getTime() - this.#days * DAY_MS);
    await this.#beforePrune();
    let deleted = 0;
    while (!this.#stopped) {
      const result = await sql`
        delete from audit_event where seq in (
          select seq from (select seq, occurred_at from audit_event order by seq limit ${batchSize}) oldest
          where occurred_at < ${cutoff})`.execute(this.#orm.em.fork().getKysely());
      const count = Number(result.numAffectedRows ?? 0);
      deleted += count;
      if (count < batchSize) break;
      await yieldToEventLoop();
    }
    if (deleted) this.#log.info('audit events pruned', { deleted, olderThan: cutoff.toISOString() });
    return deleted;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}
