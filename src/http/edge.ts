import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from '../config.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { traceRequest } from '../telemetry/spans.ts';
import type { Telemetry } from '../telemetry/telemetry.ts';
import { correlationIdOfRequest, createExchange, headersOf, pathOf, sendJson, type Exchange } from './exchange.ts';
import { crossSiteRefusal, hostAllowed, originAllowed } from './origin.ts';
import type { Route } from './route.ts';

const refuseUpgrade = (socket: Duplex, status: number, reason: string) =>
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);

/** What the edge refuses before a door sees the request: another site's request, a body declared too long. */
function refusal(route: Route, exchange: Exchange, config: Config): AppError | null {
  const { req } = exchange;
  const header = headersOf(req);
  if (route.origin === 'always' && !originAllowed(header('origin'), header('host'), config.allowedOrigins)) {
    return new AppError(ErrorCode.FORBIDDEN, 'Origin not allowed');
  }
  const crossSite = crossSiteRefusal(exchange.credential, { method: req.method ?? 'GET', header, allowedOrigins: config.allowedOrigins });
  if (crossSite) return crossSite;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > route.bodyLimit) {
    return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Request body larger than ${route.bodyLimit} bytes`);
  }
  return null;
}

/**
 * The one HTTP door every request and upgrade passes: it names the request (correlation id), checks
 * its Host (DNS rebinding), finds its route, applies the route's policy and reads the credential
 * presented, then hands the exchange to the route. A door whose own handling fails is answered here.
 */
export function createEdge(config: Config, log: Logger, routes: readonly Route[], metrics?: Metrics, telemetry?: Telemetry) {
  let stopping = false;
  /** The last resort of a door whose own handling failed: logged with the request's correlation id. */
  const failed = (req: IncomingMessage, res: ServerResponse, route: Route, error: unknown) => {
    const correlationId = correlationIdOfRequest(req);
    log.error('request failed', { correlationId, error: (error as Error)?.stack ?? String(error) });
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, route.errorBody(new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `Internal error (correlation id ${correlationId})`)));
  };

  function request(req: IncomingMessage, res: ServerResponse) {
    if (stopping) res.setHeader('connection', 'close');
    const correlationId = correlationIdOfRequest(req);
    res.setHeader('x-correlation-id', correlationId);
    const path = pathOf(req);
    const started = performance.now();
    const route = routes.find((r) => r.matches(path));
    // The query string is left out on purpose: GET requests can carry variables; so are secrets a path
    // carries (a key's value). A failed request is worth a line at info, with the correlation id that
    // names it everywhere else.
    res.once('finish', () => {
      const ms = performance.now() - started;
      metrics?.request(route?.name ?? 'none', req.method ?? 'GET', res.statusCode, ms / 1000);
      const line = { method: req.method, path: route?.loggedPath?.(path) ?? path, status: res.statusCode, ms: Math.round(ms), correlationId };
      if (res.statusCode >= 400) log.info('request failed', line);
      else log.debug('request', line);
    });
    if (!route?.anyHost && !hostAllowed(req.headers.host, config.allowedHosts)) {
      return sendJson(res, 421, { error: 'Misdirected request: unknown Host: add it to SWITCHBOARD_ALLOWED_HOSTS' });
    }
    if (!route) return sendJson(res, 404, { error: 'Not found' });
    if (telemetry?.enabled) {
      return traceRequest(telemetry, req, res, { route: route.name, path: route.loggedPath?.(path) ?? path, correlationId }, () => serve(req, res, route));
    }
    serve(req, res, route);
  }

  function serve(req: IncomingMessage, res: ServerResponse, route: Route) {
    try {
      const exchange = createExchange(req, res, { trustedProxies: config.trustedProxies, ...route });
      const refused = refusal(route, exchange, config);
      if (refused) return exchange.fail(refused);
      Promise.resolve(route.handle(exchange)).catch((error: unknown) => failed(req, res, route, error));
    } catch (error) {
      failed(req, res, route, error);
    }
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => socket.destroy());
    if (stopping) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (!hostAllowed(req.headers.host, config.allowedHosts)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    const route = routes.find((r) => r.upgrade && r.matches(pathOf(req)));
    if (!route) return refuseUpgrade(socket, 404, 'Not Found');
    route.upgrade!(req, socket, head);
  }

  return { request, upgrade, stop: () => void (stopping = true) };
}
