import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { RuntimeLog } from '../db/runtime-log.entity.ts';
import type { Logger } from '../log.ts';
import type { UpstreamSpec } from '../resolvers/upstream-port.ts';

export interface RuntimeLogOptions {
  orm: MikroORM;
  log: Logger;
  /** This instance, as the lines name it. */
  instanceId: string;
  /** The newest lines a server keeps. */
  keep?: number;
}

interface Pending {
  server: string;
  userId: string | null;
  at: Date;
  line: string;
}

const FLUSH_MS = 500;
const FLUSH_LINES = 500;
/** Shorter values (a port, a flag) are left alone: redacting them would blank out half the log. */
const MIN_SECRET = 8;
const CREDENTIALS = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** Hides the values a runtime was given (env, headers, URL credentials) and bearer credentials wherever a line quotes them. */
export function redactorFor(spec: UpstreamSpec): (line: string) => string {
  const url = spec.url ? new URL(spec.url) : null;
  const secrets = [...Object.values(spec.env), ...Object.values(spec.headers), decodeURIComponent(url?.password ?? ''), decodeURIComponent(url?.username ?? '')]
    .filter((value) => value.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  return (line) => secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), line).replace(CREDENTIALS, '$1 [redacted]');
}

/**
 * Upstream processes' stderr (already bounded per process by the stdio transport: 2 KB a line, 100
 * lines a minute), kept per server in the database: written in batches, each server pruned to its
 * newest `keep` lines. A failed write is logged and dropped: logs never hold a call up.
 */
export class RuntimeLogs {
  readonly #options: Required<RuntimeLogOptions>;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: RuntimeLogOptions) {
    this.#options = { keep: 1_000, ...options };
  }

  push(serverId: string, userId: string | null, line: string): void {
    this.#pending.push({ server: serverId, userId, at: new Date(), line });
    if (this.#pending.length >= FLUSH_LINES) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Writes what is pending, then prunes the servers written to. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const rows = this.#pending;
    this.#pending = [];
    if (rows.length) this.#flushing = this.#flushing.then(() => this.#write(rows));
    return this.#flushing;
  }

  async #write(rows: Pending[]) {
    const { orm, instanceId, keep, log } = this.#options;
    try {
      const em = orm.em.fork();
      await em.insertMany(RuntimeLog, rows.map((r) => ({ ...r, instanceId })));
      for (const server of new Set(rows.map((r) => r.server))) {
        await sql`delete from runtime_log where server_id = ${server} and seq <= (
          select seq from runtime_log where server_id = ${server} order by seq desc offset ${keep} limit 1)`.execute(em.getKysely());
      }
    } catch (error) {
      log.warn('runtime log lines not stored', { lines: rows.length, error: (error as Error).message });
    }
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
