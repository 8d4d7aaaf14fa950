import type { Principal } from './principal.ts';

interface Entry {
  principal: Principal;
  /** The credential's own expiry, checked on every hit. */
  expiresAt: number | null;
  /** When this entry must be read from the database again. */
  staleAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Principals by token digest, so a request need not read its credential from the database. Any committed
 * change to identity clears it on this instance at once (other instances are told through pub/sub), and an
 * entry is never trusted for longer than `ttlMs`: a revocation is seen everywhere within that time.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<Principal>>();
  readonly #ttlMs: number;
  #generation = 0;

  constructor(ttlMs = 1_000) {
    this.#ttlMs = ttlMs;
  }

  /**
   * One read of a token's credential at a time: requests presenting it meanwhile share that read, so a
   * burst of an agent's first calls is one lookup, and one attempt against the guessing limits.
   */
  load(digest: string, read: () => Promise<Principal>): Promise<Principal> {
    let pending = this.#loading.get(digest);
    if (!pending) {
      pending = read().finally(() => this.#loading.delete(digest));
      this.#loading.set(digest, pending);
    }
    return pending;
  }

  get(digest: string, now = Date.now()): Principal | undefined {
    const entry = this.#entries.get(digest);
    if (!entry) return undefined;
    if (now >= entry.staleAt || (entry.expiresAt !== null && now >= entry.expiresAt)) {
      this.#entries.delete(digest);
      return undefined;
    }
    return entry.principal;
  }

  /** A ticket taken before reading the database; `set` ignores answers read before a `clear`. */
  ticket(): number {
    return this.#generation;
  }

  set(ticket: number, digest: string, principal: Principal, expiresAt: Date | null, now = Date.now()): void {
    if (ticket !== this.#generation || this.#ttlMs <= 0) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(digest, { principal, expiresAt: expiresAt?.getTime() ?? null, staleAt: now + this.#ttlMs });
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
