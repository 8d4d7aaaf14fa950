import type { AuditEvent } from '../db/audit-event.entity.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { AuditFeed, FeedSubscriber } from './audit-feed.ts';
import { onCredentialExpiry, StreamEnd } from './stream-end.ts';

export interface StreamOptions {
  /** Replay the events after this seq before the live ones; null: live ones only. */
  after: number | null;
  credentialId: string;
  verifiedAt: number;
  credentialExpiresAt: Date | null;
  /** Whether a live event is one the subscriber asked for and may read. */
  accept(event: AuditEvent): boolean;
  /** Persisted events with after < seq <= upTo that the subscriber asked for and may read, oldest first. */
  replay(after: number, upTo: number, limit: number): Promise<AuditEvent[]>;
  /** The error that ends the stream when the subscriber's credential was read again, or null to go on. */
  recheck(principal: Principal | null): AppError | null;
}

export type StreamItem = AuditEvent | StreamEnd;

const REPLAY_PAGE = 500;
const MAX_BUFFERED = 10_000;
const DONE = { value: undefined, done: true } as const;

/**
 * One subscriber's events: the persisted ones after its cursor, then the live ones, without a gap or a
 * repeat. It joins the feed first (which names the head it starts from), buffers live events while it
 * replays up to that head from the table, then hands out the buffer: seq only ever goes up.
 */
export class AuditStream implements AsyncIterableIterator<StreamItem>, FeedSubscriber {
  readonly #feed: AuditFeed;
  readonly #options: StreamOptions;
  /** Highest seq handed out, or known to hold nothing for this subscriber. */
  #cursor = 0;
  #replayUpTo: number | null = null;
  #replayed: AuditEvent[] = [];
  #replayedIndex = 0;
  #replayExhausted = false;
  #live: AuditEvent[] = [];
  #liveIndex = 0;
  #ending: Error | null = null;
  #finished = false;
  #wake: (() => void) | undefined;
  #cancelExpiry: () => void = () => {};

  private constructor(feed: AuditFeed, options: StreamOptions) {
    this.#feed = feed;
    this.#options = options;
  }

  static async open(feed: AuditFeed, options: StreamOptions): Promise<AuditStream> {
    const stream = new AuditStream(feed, options);
    stream.#cancelExpiry = onCredentialExpiry(options.credentialExpiresAt, (error) => stream.#end(error));
    const head = await feed.join(stream);
    if (head === null) return stream;
    const after = options.after ?? head;
    stream.#cursor = after;
    if (after < head) stream.#replayUpTo = head;
    return stream;
  }

  get credentialId() {
    return this.#options.credentialId;
  }

  get verifiedAt() {
    return this.#options.verifiedAt;
  }

  deliver(events: readonly AuditEvent[]): void {
    if (this.#finished || this.#ending) return;
    let added = false;
    for (const event of events) {
      if (this.#options.accept(event)) {
        this.#live.push(event);
        added = true;
      }
    }
    if (this.#live.length - this.#liveIndex > MAX_BUFFERED) {
      this.#end(new AppError(ErrorCode.RESOURCE_EXHAUSTED, `Subscriber fell more than ${MAX_BUFFERED} events behind: subscribe again with after: "${this.#cursor}"`, { after: String(this.#cursor) }));
    } else if (added) this.#wake?.();
  }

  revalidate(principal: Principal | null): boolean {
    const error = this.#options.recheck(principal);
    if (error) this.#end(error);
    return !error;
  }

  stop(): void {
    this.#finish();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<StreamItem>> {
    for (;;) {
      if (this.#finished) return DONE;
      if (this.#ending) {
        const error = this.#ending;
        this.#finish();
        return { value: new StreamEnd(error), done: false };
      }
      if (this.#replayUpTo !== null) {
        const replayed = await this.#nextReplayed();
        if (replayed) return { value: replayed, done: false };
        continue;
      }
      const live = this.#nextLive();
      if (live) return { value: live, done: false };
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<StreamItem>> {
    this.#finish();
    return DONE;
  }

  async #nextReplayed(): Promise<AuditEvent | null> {
    if (this.#replayedIndex < this.#replayed.length) return this.#handOut(this.#replayed[this.#replayedIndex++]!);
    if (this.#replayExhausted) {
      this.#cursor = Math.max(this.#cursor, this.#replayUpTo!);
      this.#replayUpTo = null;
      this.#replayed = [];
      return null;
    }
    try {
      this.#replayed = await this.#options.replay(this.#cursor, this.#replayUpTo!, REPLAY_PAGE);
    } catch (error) {
      this.#end(error as Error);
      return null;
    }
    this.#replayedIndex = 0;
    this.#replayExhausted = this.#replayed.length < REPLAY_PAGE;
    return null;
  }

  #nextLive(): AuditEvent | null {
    while (this.#liveIndex < this.#live.length) {
      const event = this.#live[this.#liveIndex++]!;
      if (event.seq > this.#cursor) return this.#handOut(event);
    }
    this.#live = [];
    this.#liveIndex = 0;
    return null;
  }

  #handOut(event: AuditEvent): AuditEvent {
    this.#cursor = event.seq;
    return event;
  }

  #end(error: Error) {
    if (this.#finished || this.#ending) return;
    this.#ending = error;
    this.#live = [];
    this.#release();
  }

  #finish() {
    this.#finished = true;
    this.#release();
  }

  #release() {
    this.#feed.leave(this);
    this.#cancelExpiry();
    this.#wake?.();
    this.#wake = undefined;
  }
}
