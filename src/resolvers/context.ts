import type { Metrics } from '../metrics.ts';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';
import type { Attempts } from '../auth/attempts.ts';
import type { OutboundPolicy } from '../auth/outbound.ts';
import type { PrincipalCache } from '../auth/principal-cache.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { DeploymentView, UpstreamControl } from './upstream-port.ts';
import type { Config } from '../config.ts';
import type { AuditLog } from '../events/audit.ts';
import type { AccessWatch } from '../events/access-watch.ts';
import type { AuditFeed } from '../events/audit-feed.ts';
import type { StreamQuota } from '../events/stream-quota.ts';
import type { PubSub } from '../events/pubsub.ts';
import type { Signals } from '../events/signals.ts';
import type { Logger } from '../log.ts';
import type { Outbox } from '../mail/outbox.ts';
import type { Telemetry } from '../telemetry/telemetry.ts';
import type { UsageRollup } from '../events/usage-rollup.ts';

/** Long-lived parts shared by every request. */
export interface Services {
  config: Config;
  log: Logger;
  orm: MikroORM;
  audit: AuditLog;
  /** Live audit events for this instance's subscribers. */
  auditFeed: AuditFeed;
  /** Ends other live subscriptions when their subscriber's access goes. */
  accessWatch: AccessWatch;
  /** Live connections and subscriptions per principal. */
  streams: StreamQuota;
  /** In-process topics; `signals` carries "something changed" to every instance. */
  pubsub: PubSub;
  signals: Signals;
  principals: PrincipalCache;
  /** Limits on guessing credentials and passwords. */
  attempts: Attempts;
  /** Where upstreams may be dialled. */
  outbound: OutboundPolicy;
  secrets: SecretBox;
  outbox: Outbox;
  /** The base URL people reach this server at (SWITCHBOARD_PUBLIC_URL, else where it listens). */
  publicUrl: () => string;
  upstreams: UpstreamControl;
  deployments: DeploymentView;
  /** Where runtimes' status changes are kept: `settled` once those reported so far are written. */
  deploymentHistory: { settled(): Promise<void> };
  metrics: Metrics;
  /** Traces, switched on and off at run time. */
  telemetry: Telemetry;
  /** Tool-call usage rolled up from the audit log; caught up before it is read. */
  usage: UsageRollup;
}

/** One per request (or per subscription operation), whatever door it came through. */
export interface Ctx {
  em: EntityManager;
  principal: Principal | null;
  /** The principal cache's ticket before `principal` was read: a later one means it may be stale. */
  principalTicket: number;
  correlationId: string;
  clientLabel: string | null;
  /** The caller's network address, for the audit trail of logins. */
  remoteAddress: string | null;
  /** Where the transport keeps a browser session (a cookie on HTTP); absent on other doors. */
  sessionCookie?: { set(token: string, expiresAt: Date): void; clear(): void };
  services: Services;
  /** The organization the request turned out to be about (see resolvers/scope.ts): where its audit event is filed. */
  concernedOrgId?: string;
}
