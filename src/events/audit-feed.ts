import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AuditEvent } from '../db/audit-event.entity.ts';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../log.ts';
import { shareWithSubscribers } from './shared.ts';

/** One live reader of the audit log on this instance. */
export interface FeedSubscriber {
  readonly credentialId: string;
  /** The access generation (see FeedSource) before its principal was read. */
  readonly verifiedAt: number;
  /** Every committed event after the head returned by `join`, once, in seq order, in batches. */
  deliver(events: readonly AuditEvent[]): void;
  /** The subscriber's credential read again (null: it no longer authenticates); false if it ended. */
  revalidate(principal: Principal | null): boolean;
  /** The instance is shutting down: end without an error. */
  stop(): void;
}

export interface FeedSource {
  /** Committed events with seq > `after`, oldest first. */
  readAfter(after: number, limit: number): Promise<AuditEvent[]>;
  /** The highest committed seq (0 for an empty log). */
  readHead(): Promise<number>;
  resolvePrincipals(credentialIds: readonly string[]): Promise<Map<string, Principal | null>>;
  /** Moves on whenever someone's access may have changed (the principal cache's ticket). */
  accessGeneration(): number;
}

const PAGE = 1_000;
const DISPATCH_CHUNK = 500;
const RETRY_MS = 1_000;

/**
 * Tails the audit table for every subscriber of this instance: one read per batch of new events, shared
 * by all of them, each filtering in memory. Appends are serialised until commit (see the AuditEvent
 * entity), so reading `seq > head` never skips an event and never repeats one. Subscribers' access is
 * checked again before any event committed with an access change, so a revoked subscriber is given
 * nothing from the revocation on, on every instance. Woken by signals; everything runs in one lane, so
 * joins, reads and access checks never interleave.
 */
export class AuditFeed {
  readonly #source: FeedSource;
  readonly #log: Logger;
  readonly #subscribers = new Set<FeedSubscriber>();
  /** Highest seq delivered; null while nobody listens (read again on the next join). */
  #head: number | null = null;
  #lane: Promise<unknown> = Promise.resolve();
  #pumpQueued = false;
  /** Access changes announced, and how many of them subscribers were checked against. */
  #accessChanges = 0;
  #accessChecked = 0;
  #closed = false;

  constructor(source: FeedSource, log: Logger) {
    this.#source = source;
    this.#log = log;
  }

  /**
   * Registers `subscriber`; resolves to the head: it will be given every event above it, and only those.
   * Resolves to null if its access changed since its principal was read and it ended on the check.
   */
  join(subscriber: FeedSubscriber): Promise<number | null> {
    return this.#inLane(async () => {
      if (this.#closed) throw new Error('Audit feed is closed');
      if (subscriber.verifiedAt !== this.#source.accessGeneration()) {
        const fresh = await this.#source.resolvePrincipals([subscriber.credentialId]);
        if (!subscriber.revalidate(fresh.get(subscriber.credentialId) ?? null)) return null;
      }
      this.#head ??= await this.#source.readHead();
      this.#subscribers.add(subscriber);
      return this.#head;
    });
  }

  /** Live subscribers on this instance. */
  get size(): number {
    return this.#subscribers.size;
  }

  leave(subscriber: FeedSubscriber): void {
    this.#subscribers.delete(subscriber);
  }

  /** New events may have been committed. */
  wake(): void {
    if (this.#pumpQueued || this.#closed) return;
    this.#pumpQueued = true;
    void this.#inLane(() => this.#pump()).catch((error) => {
      this.#log.error('audit feed read failed; retrying', { error: String(error) });
      setTimeout(() => this.wake(), RETRY_MS).unref();
    });
  }

  /** Someone's access may have changed: subscribers are checked again before they are given more events. */
  accessChanged(): void {
    this.#accessChanges++;
    this.wake();
  }

  /** Resolves once every read asked for so far is done. */
  async settled(): Promise<void> {
    await this.#lane;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const subscriber of this.#subscribers) subscriber.stop();
    this.#subscribers.clear();
    await this.#lane.catch(() => {});
  }

  async #pump() {
    this.#pumpQueued = false;
    if (this.#accessChecked !== this.#accessChanges) await this.#revalidate();
    if (!this.#subscribers.size) {
      this.#head = null;
      return;
    }
    for (;;) {
      const events = await this.#source.readAfter(this.#head!, PAGE);
      if (!events.length) return;
      // The first event committed with an access change waits for a check of everyone's access; one
      // check made now covers every change in this page, all of them committed already.
      const changed = events.findIndex((e) => e.changesAccess);
      if (changed >= 0) {
        await this.#dispatch(events.slice(0, changed));
        await this.#revalidate();
      }
      await this.#dispatch(changed > 0 ? events.slice(changed) : events);
      if (events.length < PAGE) return;
    }
  }

  /**
   * Hands the events to every subscriber, a chunk at a time with a turn of the event loop between
   * chunks: each chunk's messages leave before the next chunk starts, so with ten thousand subscribers
   * the first ones are not kept waiting for the last, and other requests get their turn.
   */
  async #dispatch(events: readonly AuditEvent[]) {
    if (!events.length) return;
    this.#head = events.at(-1)!.seq;
    for (const event of events) shareWithSubscribers(event);
    const subscribers = [...this.#subscribers];
    for (let i = 0; i < subscribers.length; i += DISPATCH_CHUNK) {
      if (i) await yieldToEventLoop();
      for (const subscriber of subscribers.slice(i, i + DISPATCH_CHUNK)) this.#deliver(subscriber, events);
    }
  }

  /** A subscriber that throws is dropped: the others must still get every event. */
  #deliver(subscriber: FeedSubscriber, events: readonly AuditEvent[]) {
    try {
      subscriber.deliver(events);
    } catch (error) {
      this.#log.error('audit subscriber failed; dropped', { error: String(error) });
      this.leave(subscriber);
      subscriber.stop();
    }
  }

  async #revalidate() {
    const changes = this.#accessChanges;
    const ids = [...new Set([...this.#subscribers].map((s) => s.credentialId))];
    const principals = await this.#source.resolvePrincipals(ids);
    this.#accessChecked = changes;
    for (const subscriber of this.#subscribers) subscriber.revalidate(principals.get(subscriber.credentialId) ?? null);
  }

  #inLane<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#lane.then(task, task);
    this.#lane = run.catch(() => {});
    return run;
  }
}
