import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../log.ts';

/**
 * Counts tool calls per server in memory and adds them to `total_invocations` once a second, so the hot
 * path never waits on a counter row (and concurrent calls never contend for it).
 */
export class InvocationCounter {
  readonly #pending = new Map<string, number>();
  readonly #orm: MikroORM;
  readonly #log: Logger;
  readonly #timer: NodeJS.Timeout;

  constructor(orm: MikroORM, log: Logger, intervalMs = 1_000) {
    this.#orm = orm;
    this.#log = log;
    this.#timer = setInterval(() => void this.flush(), intervalMs).unref();
  }

  increment(serverId: string): void {
    this.#pending.set(serverId, (this.#pending.get(serverId) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (!this.#pending.size) return;
    const batch = [...this.#pending];
    this.#pending.clear();
    const em = this.#orm.em.fork();
    try {
      for (const [id, n] of batch) {
        await em.execute('update mcp_server set total_invocations = total_invocations + ? where id = ?', [n, id]);
      }
    } catch (error) {
      this.#log.warn('could not store invocation counts', { error: (error as Error).message });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
