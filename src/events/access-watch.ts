import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../log.ts';
import type { FeedSource } from './audit-feed.ts';
import { onCredentialExpiry } from './stream-end.ts';

/** A live subscription whose access is checked again whenever it may have changed. */
export interface Watched {
  credentialId: string;
  /** The access generation (see FeedSource) before its principal was read. */
  verifiedAt: number;
  credentialExpiresAt: Date | null;
  /** The error that ends it, given the credential read again (null: it no longer authenticates), or null to go on. */
  recheck(principal: Principal | null): Error | null;
  end(error: Error): void;
}

const RETRY_MS = 1_000;

/**
 * Ends live subscriptions (other than the audit feed's, which orders its checks with its events) as soon
 * as their subscriber's access is gone: on every "principals changed" signal, from any instance, every
 * watched credential is read again in one query; on expiry, at once.
 */
export class AccessWatch {
  readonly #source: Pick<FeedSource, 'resolvePrincipals' | 'accessGeneration'>;
  readonly #log: Logger;
  readonly #watched = new Map<Watched, () => void>();
  #lane: Promise<void> = Promise.resolve();
  #checkQueued = false;

  constructor(source: Pick<FeedSource, 'resolvePrincipals' | 'accessGeneration'>, log: Logger) {
    this.#source = source;
    this.#log = log;
  }

  /** Watches until the returned function is called, or until it ends. */
  watch(watched: Watched): () => void {
    this.#watched.set(watched, () => {});
    const cancelExpiry = onCredentialExpiry(watched.credentialExpiresAt, (error) => this.#end(watched, error));
    if (this.#watched.has(watched)) this.#watched.set(watched, cancelExpiry);
    // Access that changed while its principal was being read is checked now.
    if (watched.verifiedAt !== this.#source.accessGeneration()) this.accessChanged();
    return () => this.#unwatch(watched);
  }

  accessChanged(): void {
    if (this.#checkQueued) return;
    this.#checkQueued = true;
    this.#lane = this.#lane.then(() => this.#checkAll()).catch((error) => {
      this.#log.error('access check of live subscriptions failed; retrying', { error: String(error) });
      setTimeout(() => this.accessChanged(), RETRY_MS).unref();
    });
  }

  /** Resolves once every check asked for so far is done. */
  async settled(): Promise<void> {
    await this.#lane;
  }

  close(): void {
    for (const watched of [...this.#watched.keys()]) this.#unwatch(watched);
  }

  async #checkAll() {
    this.#checkQueued = false;
    if (!this.#watched.size) return;
    const watched = [...this.#watched.keys()];
    const principals = await this.#source.resolvePrincipals([...new Set(watched.map((w) => w.credentialId))]);
    for (const w of watched) {
      const error = this.#watched.has(w) && w.recheck(principals.get(w.credentialId) ?? null);
      if (error) this.#end(w, error);
    }
  }

  #end(watched: Watched, error: Error) {
    this.#unwatch(watched);
    watched.end(error);
  }

  #unwatch(watched: Watched) {
    this.#watched.get(watched)?.();
    this.#watched.delete(watched);
  }
}
