import { defineEntity, p } from '@mikro-orm/core';

/**
 * The store of rate-limiter-flexible's PostgreSQL limiter (auth/attempts.ts), in the shape it reads and
 * writes: defined here so that migrations create it and no limiter creates tables at run time.
 */
export const RateLimit = defineEntity({
  name: 'RateLimit',
  tableName: 'rate_limit',
  properties: {
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    expire: p.bigint('string').nullable(),
  },
});
