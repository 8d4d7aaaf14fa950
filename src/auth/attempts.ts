import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, unauthenticated } from '../errors.ts';
import { ipv6Groups } from './outbound.ts';

export interface AttemptLimits {
  authFailuresPerMinute: number;
  loginsPerMinute: number;
  loginFailuresPerAccount: number;
}

const MINUTE_S = 60;
const ACCOUNT_WINDOW_S = 15 * 60;

export const rateLimited = (msBeforeNext: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1_000));
  return new AppError('RATE_LIMITED', `Too many attempts: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
};

/** Guessers rotate IPv6 addresses within their /64: a source is that network, an IPv4 address alone. */
export function sourceKey(address: string | null): string {
  if (!address) return 'unknown';
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/**
 * Limits on guessing, shared by every instance through PostgreSQL (`rate_limit`; in memory for the
 * embedded database, which only one process can open): failed authentications per source, logins per
 * source, and failed logins per account from any source. A source over its limit is refused on this
 * instance without asking the store again until its block ends.
 */
export class Attempts {
  readonly #authFailures: RateLimiterAbstract;
  readonly #logins: RateLimiterAbstract;
  readonly #loginFailures: RateLimiterAbstract;
  readonly #blockedUntil = new Map<string, number>();

  /** `pool`: the pg pool of the PostgreSQL server; without it, limits live in this process. */
  constructor(limits: AttemptLimits, pool?: unknown) {
    const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      if (!pool) return memory;
      return new RateLimiterPostgres({
        storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, keyPrefix, points, duration,
        // When the store cannot answer, each instance keeps counting on its own.
        insuranceLimiter: memory,
      });
    };
    this.#authFailures = limiter('auth', limits.authFailuresPerMinute, MINUTE_S);
    this.#logins = limiter('login', limits.loginsPerMinute, MINUTE_S);
    this.#loginFailures = limiter('account', limits.loginFailuresPerAccount, ACCOUNT_WINDOW_S);
  }

  /** Before a credential the caches do not know is looked up: RATE_LIMITED while its source is blocked. */
  async assertMayAuthenticate(source: string | null): Promise<void> {
    const key = sourceKey(source);
    const until = this.#blockedUntil.get(key);
    if (until !== undefined) {
      if (until > Date.now()) throw rateLimited(until - Date.now());
      this.#blockedUntil.delete(key);
    }
    const state = await this.#authFailures.get(key);
    if (!state || state.consumedPoints <= this.#authFailures.points) return;
    this.#block(key, state.msBeforeNext);
    throw rateLimited(state.msBeforeNext);
  }

  /** Counts a failed authentication; the error to answer with (RATE_LIMITED once over the limit). */
  async authenticationFailed(source: string | null, message: string): Promise<AppError> {
    const key = sourceKey(source);
    try {
      await this.#authFailures.consume(key);
      return unauthenticated(message);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      this.#block(key, outcome.msBeforeNext);
      return rateLimited(outcome.msBeforeNext);
    }
  }

  /** Counts a login attempt; RATE_LIMITED when its source or its account has had too many. */
  async assertMayLogIn(source: string | null, account: string): Promise<void> {
    await this.#logins.consume(sourceKey(source)).catch(rethrowAsLimit);
    const failures = await this.#loginFailures.get(accountKey(account));
    if (failures && failures.consumedPoints >= this.#loginFailures.points) throw rateLimited(failures.msBeforeNext);
  }

  async loginFailed(account: string): Promise<void> {
    await this.#loginFailures.consume(accountKey(account)).catch((outcome: unknown) => {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
    });
  }

  /** A correct password ends the account's run of failures. */
  async loginSucceeded(account: string): Promise<void> {
    await this.#loginFailures.delete(accountKey(account));
  }

  #block(key: string, ms: number) {
    if (this.#blockedUntil.size >= 10_000) this.#blockedUntil.delete(this.#blockedUntil.keys().next().value!);
    this.#blockedUntil.set(key, Date.now() + ms);
  }
}

const accountKey = (account: string) => account.toLowerCase().slice(0, 200);

function rethrowAsLimit(outcome: unknown): never {
  throw outcome instanceof RateLimiterRes ? rateLimited(outcome.msBeforeNext) : outcome;
}
