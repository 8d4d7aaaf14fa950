import type { Exchange } from '../http/exchange.ts';
import { pathUnder, type Route } from '../http/route.ts';
import { reachableServers, type CallContext } from './call-context.ts';
import { principalOf, type Parts } from './endpoint-parts.ts';
import { asRequest, failure, RpcCode } from './jsonrpc.ts';
import { listen } from './listen.ts';
import { isModern } from './modern-envelope.ts';
import { serveModern } from './modern-request.ts';
import { answer, progressTokenOf, send, streamCall, unreachable, wantsStream } from './replies.ts';
import { decideFromHeaders } from './tool-decision.ts';

const MAX_BATCH = 100;
const SERVER_PATH = /^\/mcp\/([a-z0-9][a-z0-9_-]{0,39})\/?$/;

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
  const cc: CallContext = { principal, catalog: await catalog.get(), scope, correlationId, services, supervisor, invocations, response: res };
  if (isModern(req.headers['mcp-protocol-version'] as string | undefined, null)) cc.decision = decideFromHeaders(cc, req.headers);

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
