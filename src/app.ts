import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Config } from './config.ts';
import { Attempts } from './auth/attempts.ts';
import { OutboundPolicy } from './auth/outbound.ts';
import { PrincipalCache } from './auth/principal-cache.ts';
import { loadSecretKey, SecretBox } from './auth/secret-box.ts';
import { openDatabase } from './db/orm.ts';
import { CatalogCache } from './mcp/catalog.ts';
import { DeploymentBoard } from './mcp/deployment.ts';
import { createMcpHandler } from './mcp/endpoint.ts';
import { InvocationCounter } from './mcp/invocations.ts';
import { Supervisor } from './mcp/supervisor.ts';
import type { AuditRetention } from './events/audit-retention.ts';
import { startEvents } from './events/realtime.ts';
import { StreamQuota } from './events/stream-quota.ts';
import { PRINCIPALS_SIGNAL } from './events/signals.ts';
import { createLogger, type Logger } from './log.ts';
import { bootstrap } from './resolvers/bootstrap.ts';
import type { Services } from './resolvers/context.ts';
import { bodyRefusal } from './server/body-limit.ts';
import { correlationIdOfRequest } from './server/context.ts';
import { hostAllowed } from './server/credentials.ts';
import { healthBody } from './server/health.ts';
import { attachGraphQLWebSocket } from './server/ws.ts';
import { createJsonGraphQLHandler } from './server/graphql-json.ts';
import { createGraphQLServer, GRAPHQL_PATH } from './server/yoga.ts';

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

const refuseUpgrade = (socket: Duplex, status: number, reason: string) =>
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);

export async function buildApp(config: Config, options: { log?: Logger; announce?: (line: string) => void } = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config);
  const principals = new PrincipalCache();
  const events = await startEvents(config, db.orm, principals, log);
  const { pubsub, signals, audit, auditFeed, accessWatch } = events;
  const catalog = new CatalogCache(db.orm);
  // Every instance hears of a committed change (kill switch, allow list, subscription…) at once.
  signals.on(PRINCIPALS_SIGNAL, () => catalog.clear());
  const board = new DeploymentBoard(pubsub, signals);
  const outbound = new OutboundPolicy(config.outboundAllow);
  const supervisor = new Supervisor({
    log, board, timeoutMs: config.mcpTimeoutMs, idleMs: config.mcpIdleMs, policy: outbound, maxMessageBytes: config.limits.mcpResultBytes,
  });
  const invocations = new InvocationCounter(db.orm, log);
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
    streams: new StreamQuota(config.limits),
    // The embedded database is one process's: its limits can live in memory.
    attempts: new Attempts(config.limits, db.embedded ? undefined : await db.orm.em.getConnection().getNativeClient()),
    outbound,
    secrets: new SecretBox(loadSecretKey(config.secretKey, config.dataDir)),
    upstreams: supervisor,
    deployments: board,
  };
  const mcp = createMcpHandler({ services, supervisor, catalog, invocations });

  const { generatedToken } = await bootstrap(db.orm, config.adminToken);
  if (generatedToken) {
    (options.announce ?? ((line) => process.stdout.write(`${line}\n`)))(
      `Created user "admin". Its API token, shown only this once:\n\n    ${generatedToken}\n`,
    );
  }

  const yoga = createGraphQLServer(services);
  const graphqlJson = createJsonGraphQLHandler(yoga, services);
  let stopping = false;
  /** The last resort of a door whose own handling failed: logged with the request's correlation id. */
  const failed = (req: http.IncomingMessage, res: http.ServerResponse, error: unknown) => {
    log.error('request failed', { correlationId: correlationIdOfRequest(req), error: (error as Error)?.stack ?? String(error) });
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Internal error', correlationId: correlationIdOfRequest(req) }));
  };
  const { headersTimeoutMs, requestTimeoutMs } = config.limits;
  const server = http.createServer({
    // A slow client may take this long to send its headers, and its whole request; checked every second.
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
  }, (req, res) => {
    if (stopping) res.setHeader('connection', 'close');
    res.setHeader('x-correlation-id', correlationIdOfRequest(req));
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const started = performance.now();
    // The query string is left out on purpose: GET requests can carry variables.
    res.once('finish', () => log.debug('request', {
      method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started),
      correlationId: res.getHeader('x-correlation-id'),
    }));
    if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.method === 'HEAD' ? undefined : healthBody());
      return;
    }
    if (!hostAllowed(req.headers.host, config.allowedHosts)) {
      return void res.writeHead(421, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Misdirected request: unknown Host' }));
    }
    if (path === '/mcp' || path.startsWith('/mcp/')) return void mcp(req, res, path);
    if (path === GRAPHQL_PATH) {
      const refusal = bodyRefusal(req);
      if (refusal) return void res.writeHead(refusal.status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(refusal.body));
      if (!graphqlJson(req, res)) Promise.resolve().then(() => yoga.handle(req, res)).catch((error: unknown) => failed(req, res, error));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
  });
  const ws = attachGraphQLWebSocket(yoga, services);
  // Upgrades pass the same Host check as requests (DNS rebinding), on the GraphQL path only.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    if (stopping) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (!hostAllowed(req.headers.host, config.allowedHosts)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (path !== GRAPHQL_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    ws.handleUpgrade(req, socket, head);
  });

  const app: App = {
    services,
    log,
    retention: events.retention,
    url: '',
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, resolve);
      });
      const { port } = server.address() as AddressInfo;
      app.url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      log.info('listening', { url: app.url, database: db.embedded ? 'embedded' : 'postgres' });
      return app.url;
    },
    async stop() {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle once their in-flight response is sent: close them as they do.
      const reaper = setInterval(() => server.closeIdleConnections(), 50);
      await ws.close();
      await events.endStreams();
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearInterval(reaper);
      clearTimeout(timer);
      await events.close();
      await yoga.dispose();
      await supervisor.close();
      await board.close();
      await invocations.close();
      await db.close();
    },
  };
  return app;
}
