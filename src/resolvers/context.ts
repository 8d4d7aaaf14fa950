import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';
import type { PrincipalCache } from '../auth/principal-cache.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { DeploymentView, UpstreamControl } from './upstream-port.ts';
import type { Config } from '../config.ts';
import type { AuditLog } from '../events/audit.ts';
import type { PubSub } from '../events/pubsub.ts';
import type { Logger } from '../log.ts';

/** Long-lived parts shared by every request. */
export interface Services {
  config: Config;
  log: Logger;
  orm: MikroORM;
  audit: AuditLog;
  pubsub: PubSub;
  principals: PrincipalCache;
  secrets: SecretBox;
  upstreams: UpstreamControl;
  deployments: DeploymentView;
  /** Forgets every cached view of the database (principals, the MCP catalog): a mutation committed. */
  invalidateCaches(): void;
}

/** One per request (or per subscription operation), whatever door it came through. */
export interface Ctx {
  em: EntityManager;
  principal: Principal | null;
  correlationId: string;
  clientLabel: string | null;
  /** The caller's network address, for the audit trail of logins. */
  remoteAddress: string | null;
  /** Where the transport keeps a browser session (a cookie on HTTP); absent on other doors. */
  sessionCookie?: { set(token: string, expiresAt: Date): void; clear(): void };
  services: Services;
}
