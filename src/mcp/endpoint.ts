import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../resolvers/context.ts';
import { clientAddress } from '../server/client-address.ts';
import { correlationIdOfRequest } from '../server/context.ts';
import { originAllowed, presentedToken } from '../server/credentials.ts';
import { readBody } from '../server/request-body.ts';
import type { CallContext } from './call-context.ts';
import type { CatalogCache } from './catalog.ts';
import type { InvocationCounter } from './invocations.ts';
import { asRequest, ErrorCode, failure, isNotification, result, RpcError, type Request } from './jsonrpc.ts';
import { dispatch, PROTOCOL_VERSIONS } from './methods.ts';
import type { Supervisor } from './supervisor.ts';

const MAX_BATCH = 100;
const SERVER_PATH = /^\/mcp\/([a-z0-9][a-z0-9-]{0,39})\/?$/;

interface Parts {
  services: Services;
  supervisor: Supervisor;
  catalog: CatalogCache;
  invocations: InvocationCounter;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) return void res.writeHead(status, headers).end();
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)), ...headers }).end(json);
}

async function answer(cc: CallContext, message: Request) {
  try {
    const value = await dispatch(cc, message);
    return isNotification(message) ? undefined : result(message.id!, value ?? {});
  } catch (error) {
    if (isNotification(message)) return undefined;
    // Our own refusals, and an upstream's errors relayed as it sent them.
    if (error instanceof RpcError || error instanceof McpError) return failure(message.id!, error.code, error.message, error.data);
    cc.services.log.error('mcp request failed', { correlationId: cc.correlationId, method: message.method, error: (error as Error)?.stack ?? String(error) });
    return failure(message.id!, ErrorCode.InternalError, 'Internal error');
  }
}

const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** A tools/call whose caller wants progress: answered as an event stream, progress first, result last. */
async function streamCall(res: ServerResponse, cc: CallContext, request: Request, progressToken: string | number) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  cc.progress = (update) => res.write(event({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, ...update } }));
  res.end(event(await answer(cc, request)));
}

/**
 * The agents' door: Streamable HTTP, stateless (no session ids, so none can stand in for a credential),
 * answering each POST with JSON. `/mcp` serves every tool the caller may use, `/mcp/<server>` one server.
 */
export function createMcpHandler(parts: Parts) {
  return (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => handle(parts, req, res, path).catch((error: unknown) => {
    parts.services.log.error('mcp request failed', { correlationId: correlationIdOfRequest(req), error: (error as Error)?.stack ?? String(error) });
    if (res.headersSent) return void res.destroy();
    send(res, 500, failure(null, ErrorCode.InternalError, 'Internal error'));
  });
}

async function handle({ services, supervisor, catalog, invocations }: Parts, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const correlationId = correlationIdOfRequest(req);
  const scope = path === '/mcp' || path === '/mcp/' ? null : (SERVER_PATH.exec(path)?.[1] ?? undefined);
  if (scope === undefined) return send(res, 404, failure(null, ErrorCode.InvalidRequest, 'Not found'));
  if (!originAllowed(req.headers.origin, req.headers.host, services.config.allowedOrigins)) {
    return send(res, 403, failure(null, ErrorCode.InvalidRequest, 'Origin not allowed'));
  }
  if (req.method !== 'POST') return send(res, 405, failure(null, ErrorCode.InvalidRequest, 'Use POST'), { allow: 'POST' });
  const version = req.headers['mcp-protocol-version'];
  if (typeof version === 'string' && !PROTOCOL_VERSIONS.includes(version)) {
    return send(res, 400, failure(null, ErrorCode.InvalidRequest, `Unsupported protocol version: ${version}`));
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return send(res, 415, failure(null, ErrorCode.InvalidRequest, 'Content-Type must be application/json'));
  }

  let principal: Principal;
  try {
    const presented = presentedToken((n) => req.headers[n] as string | undefined);
    if (!presented || presented.ambient) throw new AppError('UNAUTHENTICATED', 'A bearer token is required');
    const source = clientAddress(req, services.config.trustedProxies);
    principal = await authenticate(services.orm.em.fork(), presented.token, { cache: services.principals, attempts: services.attempts, source });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'RATE_LIMITED') return send(res, 429, failure(null, ErrorCode.InvalidRequest, error.message), { 'retry-after': String(error.details!.retryAfterSeconds) });
    return send(res, 401, failure(null, ErrorCode.InvalidRequest, error.message), { 'www-authenticate': 'Bearer realm="switchboard"' });
  }

  const read = await readBody(req, services.config.limits.mcpBodyBytes);
  if (!read.ok) return read.status === null ? void res.destroy() : send(res, read.status, failure(null, ErrorCode.InvalidRequest, read.message), { connection: 'close' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.body.toString('utf8'));
  } catch {
    return send(res, 400, failure(null, ErrorCode.ParseError, 'Parse error: the body is not JSON'));
  }
  const batch = Array.isArray(parsed);
  const messages = (batch ? parsed : [parsed]) as unknown[];
  if (!messages.length) return send(res, 400, failure(null, ErrorCode.InvalidRequest, 'Empty batch'));
  if (messages.length > MAX_BATCH) return send(res, 400, failure(null, ErrorCode.InvalidRequest, `A batch holds at most ${MAX_BATCH} messages`));

  const cc: CallContext = { principal, catalog: await catalog.get(), scope, correlationId, services, supervisor, invocations };
  const single = batch ? null : asRequest(parsed);
  const progressToken = (single?.params?._meta as { progressToken?: string | number } | undefined)?.progressToken;
  if (single?.method === 'tools/call' && progressToken !== undefined && /text\/event-stream/.test(req.headers.accept ?? '')) {
    return streamCall(res, cc, single, progressToken);
  }
  const answers = await Promise.all(messages.map((m) => {
    const request = asRequest(m);
    if (request) return answer(cc, request);
    // A client's responses to server requests need no answer; we never send such requests.
    if (m && typeof m === 'object' && ('result' in m || 'error' in m)) return Promise.resolve(undefined);
    return Promise.resolve(failure(null, ErrorCode.InvalidRequest, 'Not a JSON-RPC 2.0 request'));
  }));
  const replies = answers.filter((a) => a !== undefined);
  if (!replies.length) return send(res, 202, undefined);
  send(res, 200, batch ? replies : replies[0]);
}
