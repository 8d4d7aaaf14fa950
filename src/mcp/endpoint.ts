import type { ServerResponse } from 'node:http';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, unauthenticated } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import { pathUnder, type Route } from '../http/route.ts';
import type { Services } from '../resolvers/context.ts';
import { reachableServers, type CallContext } from './call-context.ts';
import type { CatalogCache } from './catalog.ts';
import type { InvocationCounter } from './invocations.ts';
import { asRequest, failure, isNotification, result, RpcCode, RpcError, type Request } from './jsonrpc.ts';
import { dispatch } from './methods.ts';
import { checkEnvelope, checkHeaders, GateError, isModern } from './modern-envelope.ts';
import { checkParamHeaders } from './param-check.ts';
import { LEGACY_VERSIONS, MODERN_VERSIONS, ModernCode, SUPPORTED_VERSIONS } from './protocol.ts';
import { checkMethod, dispatchModern, subscriptionFrames } from './modern-methods.ts';
import type { Supervisor } from './supervisor.ts';
import type { ToolListStreams } from './tool-list-streams.ts';

const MAX_BATCH = 100;
const SERVER_PATH = /^\/mcp\/([a-z0-9][a-z0-9_-]{0,39})\/?$/;

interface Parts {
  services: Services;
  supervisor: Supervisor;
  catalog: CatalogCache;
  invocations: InvocationCounter;
  toolLists: ToolListStreams;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) return void res.writeHead(status, headers).end();
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)), ...headers }).end(json);
}

type Run = (cc: CallContext, message: Request) => Promise<unknown>;

async function answer(cc: CallContext, message: Request, run: Run = dispatch) {
  try {
    const value = await run(cc, message);
    return isNotification(message) ? undefined : result(message.id!, value ?? {});
  } catch (error) {
    if (isNotification(message)) return undefined;
    // Our own refusals, and an upstream's errors relayed as it sent them.
    if (error instanceof RpcError || error instanceof McpError) return failure(message.id!, error.code, error.message, error.data);
    cc.services.log.error('mcp request failed', { correlationId: cc.correlationId, method: message.method, error: (error as Error)?.stack ?? String(error) });
    return failure(message.id!, RpcCode.InternalError, 'Internal error');
  }
}

const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** A tools/call whose caller wants progress: answered as an event stream, progress first, result last. */
async function streamCall(res: ServerResponse, cc: CallContext, request: Request, progressToken: string | number, run?: Run) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  cc.progress = (update) => res.write(event({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, ...update } }));
  res.end(event(await answer(cc, request, run)));
}

const progressTokenOf = (request: Request | null) => (request?.params?._meta as { progressToken?: string | number } | undefined)?.progressToken;
const wantsStream = (exchange: Exchange) => /text\/event-stream/.test(exchange.req.headers.accept ?? '');

/**
 * The agents' door: Streamable HTTP, stateless (no session ids, so none can stand in for a credential),
 * answering each POST with JSON; a GET holds an event stream open on which the caller hears that its
 * tools changed. `/mcp` serves every tool the caller may use, `/mcp/<server>` one server. Every request's
 * Origin is checked, and only header credentials count: agents have no browser session.
 */
export function mcpRoute(parts: Parts): Route {
  return {
    name: 'mcp',
    matches: pathUnder('/mcp'),
    bodyLimit: parts.services.config.limits.mcpBodyBytes,
    origin: 'always',
    cookies: false,
    errorBody: (error) => failure(null, RpcCode.InvalidRequest, error.message),
    handle: (exchange) => handle(parts, exchange),
  };
}

/** The caller behind the request's bearer token, or null once the refusal is answered. */
async function principalOf(services: Services, exchange: Exchange): Promise<Principal | null> {
  try {
    if (!exchange.credential) throw unauthenticated('A bearer token is required');
    return await authenticate(services.orm.em.fork(), exchange.credential.token, { cache: services.principals, attempts: services.attempts, source: exchange.remoteAddress });
  } catch (error) {
    if (error instanceof AppError) return (exchange.fail(error), null);
    throw error;
  }
}

/** False once a GET of a protocol version we do not serve a stream to is answered. */
function streamVersionSpoken(exchange: Exchange): boolean {
  const version = exchange.req.headers['mcp-protocol-version'];
  if (typeof version !== 'string' || LEGACY_VERSIONS.includes(version)) return true;
  // The 2026 era has no GET stream: its clients POST subscriptions/listen.
  if (MODERN_VERSIONS.includes(version)) send(exchange.res, 405, failure(null, RpcCode.InvalidRequest, 'Method not allowed: POST subscriptions/listen instead'), { allow: 'POST' });
  else send(exchange.res, 400, failure(null, ModernCode.UnsupportedProtocolVersion, `Unsupported protocol version: ${version}`, { supported: SUPPORTED_VERSIONS, requested: version }));
  return false;
}

// A server the caller cannot reach is as unknown as one that does not exist: 404, never an empty list.
const unreachable = (res: ServerResponse, scope: string) => send(res, 404, failure(null, RpcCode.InvalidRequest, `No MCP server named "${scope}" is available to you here`));

/** GET: the stream on which the caller hears that its tools changed. */
async function listen({ services, catalog, toolLists }: Parts, exchange: Exchange, scope: string | null): Promise<void> {
  if (!/\btext\/event-stream\b/i.test(exchange.req.headers.accept ?? '')) {
    return send(exchange.res, 406, failure(null, RpcCode.InvalidRequest, 'Not Acceptable: a GET must accept text/event-stream'));
  }
  if (!streamVersionSpoken(exchange)) return;
  const verifiedAt = services.principals.ticket();
  const principal = await principalOf(services, exchange);
  if (!principal) return;
  if (scope !== null && !reachableServers({ principal, catalog: await catalog.get(), scope }).length) return unreachable(exchange.res, scope);
  try {
    await toolLists.open({ res: exchange.res, principal, verifiedAt, scope });
  } catch (error) {
    if (error instanceof AppError) return exchange.fail(error);
    throw error;
  }
}

async function handle(parts: Parts, exchange: Exchange): Promise<void> {
  const { services, supervisor, catalog, invocations } = parts;
  const { req, res, path, correlationId } = exchange;
  const scope = path === '/mcp' || path === '/mcp/' ? null : (SERVER_PATH.exec(path)?.[1] ?? undefined);
  if (scope === undefined) return send(res, 404, failure(null, RpcCode.InvalidRequest, 'Not found'));
  if (req.method === 'GET') return listen(parts, exchange, scope);
  if (req.method !== 'POST') return send(res, 405, failure(null, RpcCode.InvalidRequest, 'Use POST, or GET for an event stream'), { allow: 'GET, POST' });
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return send(res, 415, failure(null, RpcCode.InvalidRequest, 'Content-Type must be application/json'));
  }
  // A subscriptions/listen stream is watched from what the principal was read at (see AccessWatch).
  const verifiedAt = services.principals.ticket();
  const principal = await principalOf(services, exchange);
  if (!principal) return;

  const body = await exchange.body();
  if (!body) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return send(res, 400, failure(null, RpcCode.ParseError, 'Parse error: the body is not JSON'));
  }
  const batch = Array.isArray(parsed);
  const messages = (batch ? parsed : [parsed]) as unknown[];
  if (!messages.length) return send(res, 400, failure(null, RpcCode.InvalidRequest, 'Empty batch'));
  if (messages.length > MAX_BATCH) return send(res, 400, failure(null, RpcCode.InvalidRequest, `A batch holds at most ${MAX_BATCH} messages`));

  const cc: CallContext = { principal, catalog: await catalog.get(), scope, correlationId, services, supervisor, invocations };
  if (scope !== null && !reachableServers(cc).length) return unreachable(res, scope);
  const single = batch ? null : asRequest(parsed);
  if (!batch && isModern(req.headers['mcp-protocol-version'] as string | undefined, single)) return serveModern(parts, exchange, cc, single, parsed, verifiedAt);
  if (single?.method === 'tools/call' && progressTokenOf(single) !== undefined && wantsStream(exchange)) {
    return streamCall(res, cc, single, progressTokenOf(single)!);
  }
  const answers = await Promise.all(messages.map((m) => {
    const request = asRequest(m);
    if (request) return answer(cc, request);
    // A client's responses to server requests need no answer; we never send such requests.
    if (m && typeof m === 'object' && ('result' in m || 'error' in m)) return Promise.resolve(undefined);
    return Promise.resolve(failure(null, RpcCode.InvalidRequest, 'Not a JSON-RPC 2.0 request'));
  }));
  const replies = answers.filter((a) => a !== undefined);
  if (!replies.length) return send(res, 202, undefined);
  send(res, 200, batch ? replies : replies[0]);
}

const idOf = (value: unknown) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || Number.isSafeInteger(id) ? (id as string | number) : null;
};

/**
 * One request of the 2026 era: stateless by the protocol itself, its caller's version and capabilities in
 * `_meta`, mirrored in headers. Framing errors get the HTTP status the revision gives them.
 */
async function serveModern(parts: Parts, exchange: Exchange, cc: CallContext, message: Request | null, parsed: unknown, verifiedAt: number): Promise<void> {
  const { res, req } = exchange;
  if (!message) return send(res, 400, failure(idOf(parsed), RpcCode.InvalidRequest, 'Not a JSON-RPC 2.0 request'));
  try {
    cc.envelope = checkEnvelope(message, req.headers);
    if (isNotification(message)) return send(res, 202, undefined);
    checkMethod(message);
    checkHeaders(message, req.headers);
    checkParamHeaders(cc, message, req.headers);
  } catch (error) {
    if (error instanceof GateError) return send(res, error.status, failure(message.id ?? null, error.code, error.message, error.data));
    throw error;
  }
  if (message.method === 'subscriptions/listen') {
    try {
      return await parts.toolLists.open({ res, principal: cc.principal, verifiedAt, scope: cc.scope, frames: subscriptionFrames(message) });
    } catch (error) {
      if (error instanceof AppError) return exchange.fail(error);
      throw error;
    }
  }
  const progressToken = progressTokenOf(message);
  if (message.method === 'tools/call' && progressToken !== undefined && wantsStream(exchange)) return streamCall(res, cc, message, progressToken, dispatchModern);
  const reply = await answer(cc, message, dispatchModern);
  // The revision answers a capability the client did not declare with 400 (MissingRequiredClientCapabilityError).
  send(res, reply && 'error' in reply && reply.error.code === ModernCode.MissingRequiredClientCapability ? 400 : 200, reply);
}
