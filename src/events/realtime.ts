import type { MikroORM } from '@mikro-orm/postgresql';
import { resolvePrincipals } from '../auth/authenticate.ts';
import type { PrincipalCache } from '../auth/principal-cache.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { AccessWatch } from './access-watch.ts';
import { AuditLog } from './audit.ts';
import { AuditFeed, type FeedSource } from './audit-feed.ts';
import { AuditRetention } from './audit-retention.ts';
import { readAuditEventsAfter, readAuditHead } from './audit-table.ts';
import { PubSub } from './pubsub.ts';
import { UsageRollup } from './usage-rollup.ts';
import { AUDIT_SIGNAL, PRINCIPALS_SIGNAL, Signals } from './signals.ts';

/** The audit table, read for the feed; access generations come from the principal cache. */
export function tableSource(orm: MikroORM, principals: PrincipalCache): FeedSource {
  return {
    readAfter: (after, limit) => readAuditEventsAfter(orm.em.fork(), after, limit),
    readHead: () => readAuditHead(orm.em.fork()),
    resolvePrincipals: (ids) => resolvePrincipals(orm.em.fork(), ids),
    accessGeneration: () => principals.ticket(),
  };
}

/**
 * The audit log, its live feed, retention and usage rollup, and the signals that tie instances together: with
 * PostgreSQL a LISTEN connection, embedded the in-process pub/sub alone.
 */
export async function startEvents(config: Config, orm: MikroORM, principals: PrincipalCache, log: Logger) {
  const pubsub = new PubSub();
  const signals = new Signals(pubsub, orm, log);
  if (config.databaseUrl) await signals.listen(config.databaseUrl);
  const audit = new AuditLog(await orm.em.getConnection().getNativeClient(), signals, { mode: config.auditMode, prepared: !!config.databaseUrl, log });
  const source = tableSource(orm, principals);
  const auditFeed = new AuditFeed(source, log);
  const accessWatch = new AccessWatch(source, log);
  // The cache is cleared first: the feed and the watch compare subscribers' tickets with the cache's.
  signals.on(PRINCIPALS_SIGNAL, () => principals.clear());
  signals.on(PRINCIPALS_SIGNAL, () => auditFeed.accessChanged());
  signals.on(PRINCIPALS_SIGNAL, () => accessWatch.accessChanged());
  signals.on(AUDIT_SIGNAL, () => auditFeed.wake());
  const usage = new UsageRollup(orm, log);
  usage.start(config.usageRollupSeconds * 1000);
  // Events are counted before they may be pruned: retention never loses usage not yet rolled up.
  const retention = new AuditRetention(orm, config.auditRetentionDays, log, () => usage.catchUp());
  retention.start();
  return {
    pubsub,
    signals,
    audit,
    auditFeed,
    accessWatch,
    retention,
    usage,
    /** Ends every live stream (subscribers see them complete). */
    endStreams: () => {
      accessWatch.close();
      return auditFeed.close();
    },
    /** After the last request: writes every recorded event, then lets go of the database. */
    async close() {
      await audit.close();
      await retention.stop();
      await usage.stop();
      await signals.close();
    },
  };
}
