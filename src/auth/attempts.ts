import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '../errors.ts';
import { ipv6Groups } from './outbound.ts';

export interface AttemptLimits {
  authFailuresPerMinute: number;
  loginsPerMinute: number;
  loginFailuresPerAccount: number;
  mailsPerHour: number;
}

const MINUTE_S = 60;
const ACCOUNT_WINDOW_S = 15 * 60;
const HOUR_S = 60 * 60;

export const rateLimited = (msBeforeNext: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1_000));
  return new AppError(ErrorCode.RATE_LIMITED, `Too many attempts: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
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
 * source, and failed logins per account from any source. Each attempt is counted before it is judged
 * (and given back if it succeeds), so concurrent guesses cannot pass the limit between a check and a
 * count. A key over its limit is refused on this instance without asking the store until its block ends.
 */
export class Attempts {
  readonly #authFailures: RateLimiterAbstract;
  readonly #logins: RateLimiterAbstract;
  readonly #loginFailures: RateLimiterAbstract;
  readonly #mails: RateLimiterAbstract;
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
    this.#mails = limiter('mail', limits.mailsPerHour, HOUR_S);
  }

  /**
   * Counts an attempt to authenticate with a credential the caches do not know, before it is looked up,
   * so that a burst of guesses cannot outrun the count: RATE_LIMITED once the source is over its limit
   * (a valid credential too). Resolves with what gives the attempt back when it succeeds.
   */
  async beginAuthentication(source: string | null): Promise<{ succeeded(): void }> {
    const key = sourceKey(source);
    await this.#consume(this.#authFailures, key);
    // Off the request path: a point not given back (the store down) only makes the limit stricter.
    return { succeeded: () => void this.#authFailures.reward(key).catch(() => {}) };
  }

  /** A guess that is no authentication (choosing a token another credential may have): it always counts. */
  async guess(source: string | null): Promise<void> {
    await this.#consume(this.#authFailures, sourceKey(source));
  }

  /**
   * Counts a login before its password is checked, against its source and its account; RATE_LIMITED
   * when either has had too many. A login that succeeds ends the account's run (`loginSucceeded`).
   */
  async beginLogin(source: string | null, account: string): Promise<void> {
    await this.#consume(this.#logins, sourceKey(source));
    await this.#consume(this.#loginFailures, accountKey(account));
  }

  /** A mail someone makes the server send (an invitation): RATE_LIMITED past the hourly limit per sender. */
  async mail(sender: string): Promise<void> {
    await this.#consume(this.#mails, sender);
  }

  async loginSucceeded(account: string): Promise<void> {
    await this.#loginFailures.delete(accountKey(account));
  }

  async #consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
    const until = this.#blockedUntil.get(`${limiter.keyPrefix}:${key}`);
    if (until !== undefined && until > Date.now()) throw rateLimited(until - Date.now());
    try {
      await limiter.consume(key);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      this.#block(`${limiter.keyPrefix}:${key}`, outcome.msBeforeNext);
      throw rateLimited(outcome.msBeforeNext);
    }
  }

  #block(key: string, ms: number) {
    if (this.#blockedUntil.size >= 10_000) this.#blockedUntil.delete(this.#blockedUntil.keys().next().value!);
    this.#blockedUntil.set(key, Date.now() + ms);
  }
}

const accountKey = (account: string) => account.toLowerCase().slice(0, 200);
