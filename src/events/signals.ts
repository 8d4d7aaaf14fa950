import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import postgres from 'postgres';
import { SIGNAL_CHANNEL } from '../db/audit-event.entity.ts';
import type { Logger } from '../log.ts';
import type { PubSub } from './pubsub.ts';

/** What can change: `audit` (events were committed; the audit table's trigger sends it) and `principals` (who someone is). */
export const AUDIT_SIGNAL = 'audit';
export const PRINCIPALS_SIGNAL = 'principals';
/** The whole control plane was replaced (a restore, a reset): nothing held of the old one may be used again. */
export const SYSTEM_REPLACED_SIGNAL = 'system';
/** The telemetry settings changed: every instance reads them again. */
export const TELEMETRY_SIGNAL = 'telemetry';

/** Published after a reconnection of the listener: whatever was announced meanwhile may have been missed. */
export const RESYNC = 'signals.resync';

export const signalTopic = (topic: string) => `signal.${topic}`;

const notify = (em: EntityManager, message: string) => sql`select pg_notify(${SIGNAL_CHANNEL}, ${message})`.execute(em.getKysely());

/** NOTIFY payloads are limited to 8000 bytes; a broadcast stays well below. */
const MAX_BROADCAST_BYTES = 4_000;

/**
 * "Something changed" signals on this instance and, with PostgreSQL, on every instance sharing the database.
 * They carry no state: whoever hears one reads what changed from the database. A writer calls `announce`
 * inside its transaction (PostgreSQL sends the notification on commit only) and `emit` after the commit,
 * so this instance hears it at once; the echo of its own announcement is ignored. The embedded database
 * never reaches another connection with NOTIFY, so there only the in-process pub/sub carries signals.
 * `broadcast` is for news that lives in no table (a process this instance runs has started): it carries a
 * small JSON payload, and an instance that was not listening when it was sent never hears it.
 */
export class Signals {
  readonly #pubsub: PubSub;
  readonly #log: Logger;
  readonly #orm: MikroORM;
  /** This instance, as other instances hear of it. */
  readonly instanceId = randomUUID();
  #listener: postgres.Sql | undefined;

  constructor(pubsub: PubSub, orm: MikroORM, log: Logger) {
    this.#pubsub = pubsub;
    this.#orm = orm;
    this.#log = log;
  }

  /** Listens on a dedicated connection that reconnects by itself; resolves once the first LISTEN is in place. */
  async listen(databaseUrl: string): Promise<void> {
    let listening = false;
    this.#listener = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'switchboard-listen' } });
    await this.#listener.listen(SIGNAL_CHANNEL, (payload) => this.#received(payload), () => {
      if (listening) {
        this.#log.warn('signal listener reconnected');
        this.#pubsub.publish(RESYNC, null);
      }
      listening = true;
    });
  }

  /** Inside the transaction that makes the change: other instances hear of it when it commits. */
  async announce(em: EntityManager, topic: string): Promise<void> {
    if (!this.#listener) return;
    await notify(em, `${topic}:${this.instanceId}`);
  }

  /** After the commit: this instance hears of it now. */
  emit(topic: string): void {
    this.#pubsub.publish(signalTopic(topic), null);
  }

  /**
   * Publishes `payload` on `topic` here at once and, with PostgreSQL, on every other instance; resolves
   * once sent (a failure is logged, never thrown).
   */
  async broadcast(topic: string, payload: object): Promise<void> {
    this.#pubsub.publish(topic, payload);
    const message = `${topic}:${this.instanceId}:${JSON.stringify(payload)}`;
    if (!this.#listener) return;
    if (Buffer.byteLength(message) > MAX_BROADCAST_BYTES) return this.#log.warn('broadcast too large for other instances', { topic });
    await notify(this.#orm.em.fork(), message).catch((error: unknown) => this.#log.warn('broadcast failed', { topic, error: String(error) }));
  }

  /** `listener` also runs after a reconnection of the listener, when a signal may have been missed. */
  on(topic: string, listener: () => void): () => void {
    const offSignal = this.#pubsub.subscribe(signalTopic(topic), listener);
    const offResync = this.#pubsub.subscribe(RESYNC, listener);
    return () => {
      offSignal();
      offResync();
    };
  }

  async close(): Promise<void> {
    await this.#listener?.end({ timeout: 1 });
  }

  #received(message: string) {
    const [topic, origin, ...payload] = message.split(':');
    if (!topic || origin === this.instanceId) return;
    if (!payload.length) return this.emit(topic);
    try {
      this.#pubsub.publish(topic, JSON.parse(payload.join(':')));
    } catch {
      this.#log.warn('unreadable broadcast ignored', { topic });
    }
  }
}
