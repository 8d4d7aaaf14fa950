import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { Attempts } from './auth/attempts.ts';
import { OutboundPolicy } from './auth/outbound.ts';
import { PrincipalCache } from './auth/principal-cache.ts';
import { loadSecretKey, SecretBox } from './auth/secret-box.ts';
import type { EmbeddedPostgres } from './db/embedded.ts';
import { openDatabase } from './db/orm.ts';
import { createMailer } from './mail/mailer.ts';
import { Outbox } from './mail/outbox.ts';
import { CatalogCache } from './mcp/catalog.ts';
import { DeploymentBoard } from './mcp/deployment.ts';
import { DeploymentHistory } from './mcp/deployment-history.ts';
import { mcpRoute } from './mcp/endpoint.ts';
import { InvocationCounter } from './mcp/invocations.ts';
import { RuntimeLogs } from './mcp/runtime-logs.ts';
import { Supervisor } from './mcp/supervisor.ts';
import { ToolListStreams } from './mcp/tool-list-streams.ts';
import type { AuditRetention } from './events/audit-retention.ts';
import { startEvents } from './events/realtime.ts';
import { StreamQuota } from './events/stream-quota.ts';
import { PRINCIPALS_SIGNAL, SYSTEM_REPLACED_SIGNAL } from './events/signals.ts';
import { createLogger, type Logger } from './log.ts';
import { bootstrap } from './resolvers/bootstrap.ts';
import { deliverLeftovers } from './resolvers/invitations.ts';
import type { Services } from './resolvers/context.ts';
import { applyUpstreamTools } from './resolvers/upstream-tools.ts';
import { graphqlRoute } from './graphql/route.ts';
import { createEdge } from './http/edge.ts';
import { healthRoute } from './http/health.ts';
import { metricsRoute } from './http/metrics-route.ts';
import { readyRoute } from './http/ready.ts';
import { createMetrics } from './metrics.ts';
import { Telemetry } from './telemetry/telemetry.ts';
import { docsRoute } from './rest/docs.ts';
import { dialectDoor } from './rest/door.ts';
import { DIALECTS } from './rest/dialects.ts';

export interface App {
  services: Services;
  log: Logger;
  retention: AuditRetention;
  /** Listens on config.host:config.port (0 picks a free port); resolves to the base URL. */
  start(): Promise<string>;
  /** Stops accepting, lets in-flight requests finish, writes every recorded audit event, then closes the database. */
  stop(): Promise<void>;
  url: string;
}

const SHUTDOWN_GRACE_MS = 10_000;

export interface BuildOptions {
  log?: Logger;
  announce?: (line: string) => void;
  /** The embedded database, already starting (see `serve`): otherwise it starts here. */
  embedded?: Promise<EmbeddedPostgres>;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config, options.embedded);
  const principals = new PrincipalCache();
  const events = await startEvents(config, db.orm, principals, log);
  const { pubsub, signals, audit, auditFeed, accessWatch, usage } = events;
  const catalog = new CatalogCache(db.orm);
  // Every instance hears of a committed change (kill switch, allow list, subscription…) at once.
  signals.on(PRINCIPALS_SIGNAL, () => catalog.clear());
  const history = new DeploymentHistory(db.orm, log);
  const board = new DeploymentBoard(pubsub, signals, { record: (state, phase) => history.record(state, phase) });
  const outbound = new OutboundPolicy(config.outboundAllow);
  const runtimeLogs = new RuntimeLogs({ orm: db.orm, log, instanceId: signals.instanceId });
  const supervisor = new Supervisor({
    log, board, timeoutMs: config.mcpTimeoutMs, validationTimeoutMs: config.validationTimeoutMs, idleMs: config.mcpIdleMs, policy: outbound, maxMessageBytes: config.limits.mcpResultBytes,
    toolsChanged: (serverId, tools) => applyUpstreamTools(services, serverId, tools),
    logs: runtimeLogs,
  });
  // A restore or a reset replaced every server: no runtime of the old ones may serve another call.
  signals.on(SYSTEM_REPLACED_SIGNAL, () => void supervisor.stopAll('the control plane was replaced').catch((error) => log.warn('stopping upstreams failed', { error: String(error) })));
  const invocations = new InvocationCounter(db.orm, log);
  const secrets = new SecretBox(loadSecretKey(config.secretKey, config.dataDir));
  const mailer = config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : null;
  const streams = new StreamQuota(config.limits);
  const metrics = createMetrics({ audit, streams, board });
  const telemetry = new Telemetry({ orm: db.orm, signals, log, serviceName: config.telemetry.serviceName, environmentUrl: config.telemetry.url }, signals.instanceId);
  await telemetry.reload();
  const toolLists = new ToolListStreams({ catalog, accessWatch, quota: streams, keepAliveMs: config.mcpKeepAliveMs, log });
  const services: Services = {
    config,
    log,
    orm: db.orm,
    pubsub,
    signals,
    audit,
    auditFeed,
    accessWatch,
    principals,
    streams,
    // The embedded database is one process's: its limits can live in memory.
    attempts: new Attempts(config.limits, db.embedded ? undefined : await db.orm.em.getConnection().getNativeClient()),
    outbound,
    secrets,
    outbox: new Outbox(db.orm, secrets, mailer, log),
    publicUrl: () => config.publicUrl ?? app.url,
    upstreams: supervisor,
    deployments: board,
    deploymentHistory: history,
    metrics,
    telemetry,
    usage,
  };
  const { generatedToken, replaced } = await bootstrap(db.orm, config.adminToken);
  if (replaced) {
    // Whoever can set the environment can take over the admin account: it is said, and recorded.
    log.warn('SWITCHBOARD_ADMIN_TOKEN replaced the admin token: the previous value no longer works', { user: replaced.username });
    await audit.record({
      type: 'admin_token_replaced', status: 'success', correlationId: randomUUID(), actor: { name: 'SWITCHBOARD_ADMIN_TOKEN' },
      target: { type: 'User', id: replaced.id, name: replaced.username },
    });
  }
  const announce = options.announce ?? ((line) => process.stdout.write(`${line}\n`));
  if (generatedToken) announce(`Created user "admin". Its API token, shown only this once:\n\n    ${generatedToken}\n`);

  const graphql = graphqlRoute(services);
  const rest = [...DIALECTS.map((dialect) => dialectDoor(dialect, graphql.yoga, services)), docsRoute(DIALECTS, 'enkrypt')];
  const edge = createEdge(config, log, [healthRoute, readyRoute(db.orm), metricsRoute(metrics.registry, config.metricsToken), graphql.route, mcpRoute({ services, supervisor, catalog, invocations, toolLists }), ...rest], metrics, telemetry);
  const { headersTimeoutMs, requestTimeoutMs } = config.limits;
  const server = http.createServer({
    // A slow client may take this long to send its headers, and its whole request; checked every second.
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
  }, edge.request);
  server.on('upgrade', edge.upgrade);

  const app: App = {
    services,
    log,
    retention: events.retention,
    url: '',
    async start() {
      // Loaded only when there is a file: the parser stays out of every other start.
      if (config.configFile) await (await import('./declarative/in-process.ts')).applyStartupConfiguration(services, graphql.yoga, config.configFile, announce);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, resolve);
      });
      const { port } = server.address() as AddressInfo;
      app.url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      log.info('listening', { url: app.url, database: db.embedded ? 'embedded' : 'postgres' });
      void deliverLeftovers(services).catch((error: unknown) => log.error('undelivered mail', { error: (error as Error)?.stack ?? String(error) }));
      return app.url;
    },
    async stop() {
      edge.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle once their in-flight response is sent: close them as they do.
      const reaper = setInterval(() => server.closeIdleConnections(), 50);
      await graphql.close();
      toolLists.close();
      await events.endStreams();
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearInterval(reaper);
      clearTimeout(timer);
      await events.close();
      await supervisor.close();
      await runtimeLogs.close();
      await board.close();
      await history.settled();
      await invocations.close();
      await telemetry.close();
      services.outbox.close();
      await db.close();
    },
  };
  return app;
}
