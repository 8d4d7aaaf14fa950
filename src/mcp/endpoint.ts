import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../resolvers/context.ts';
import { correlationIdOf } from '../server/context.ts';
import { originAllowed, presentedToken } from '../server/credentials.ts';
import type { CallContext } from './call-context.ts';
import type { CatalogCache } from './catalog.ts';
import type { InvocationCounter } from './invocations.ts';
import { asRequest, ErrorCode, failure, isNotification, result, RpcError, type Request } from './jsonrpc.ts';
import { dispatch, PROTOCOL_VERSIONS } from './methods.ts';
import type { Supervisor } from './supervisor.ts';

export const MAX_MCP_BODY_BYTES = 4 * 1024 * 1024;
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

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_MCP_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function answer(cc: CallContext, message: Request) {
  try {
    const value = await dispatch(cc, message);
    return isNotification(message) ? undefined : result(message.id!, value ?? {});
  } catch (error) {
    if (isNotification(message)) return undefined;
    // Our own refusals, and an upstream's errors relayed as it sent them.
    if (error instanceof RpcError || error instanceof McpError) return failure(message.id!, error.code, error.message, error.data);
    cc.services.log.error('mcp request failed', { method: message.method, error: (error as Error).stack });
    return failure(message.id!, ErrorCode.InternalError, 'Internal error');
  }
}

const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** A tools/call whose caller wants progress: answered as an event stream, progress first, result last. */
async function streamCall(res: ServerResponse, cc: CallContext, request: Request, progressToken: string | number, headers: Record<string, string>) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  cc.progress = (update) => res.write(event({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, ...update } }));
  res.end(event(await answer(cc, request)));
}

/**
 * The agents' door: Streamable HTTP, stateless (no session ids, so none can stand in for a credential),
 * answering each POST with JSON. `/mcp` serves every tool the caller may use, `/mcp/<server>` one server.
 */
export function createMcpHandler({ services, supervisor, catalog, invocations }: Parts) {
  return async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const correlationId = correlationIdOf((n) => req.headers[n] as string | undefined);
    const headers = { 'x-correlation-id': correlationId };
    const scope = path === '/mcp' || path === '/mcp/' ? null : (SERVER_PATH.exec(path)?.[1] ?? undefined);
    if (scope === undefined) return send(res, 404, failure(null, ErrorCode.InvalidRequest, 'Not found'), headers);
    if (!originAllowed(req.headers.origin, req.headers.host, services.config.allowedOrigins)) {
      return send(res, 403, failure(null, ErrorCode.InvalidRequest, 'Origin not allowed'), headers);
    }
    if (req.method !== 'POST') return send(res, 405, failure(null, ErrorCode.InvalidRequest, 'Use POST'), { ...headers, allow: 'POST' });
    const version = req.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !PROTOCOL_VERSIONS.includes(version)) {
      return send(res, 400, failure(null, ErrorCode.InvalidRequest, `Unsupported protocol version: ${version}`), headers);
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, failure(null, ErrorCode.InvalidRequest, 'Content-Type must be application/json'), headers);
    }

    let principal: Principal;
    try {
      const presented = presentedToken((n) => req.headers[n] as string | undefined);
      if (!presented || presented.ambient) throw new AppError('UNAUTHENTICATED', 'A bearer token is required');
      principal = await authenticate(services.orm.em.fork(), presented.token, services.principals);
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'Authentication failed';
      return send(res, 401, failure(null, ErrorCode.InvalidRequest, message), { ...headers, 'www-authenticate': 'Bearer realm="switchboard"' });
    }

    const body = await readBody(req);
    if (!body) return send(res, 413, failure(null, ErrorCode.InvalidRequest, `Body larger than ${MAX_MCP_BODY_BYTES} bytes`), { ...headers, connection: 'close' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, failure(null, ErrorCode.ParseError, 'Parse error: the body is not JSON'), headers);
    }
    const batch = Array.isArray(parsed);
    const messages = (batch ? parsed : [parsed]) as unknown[];
    if (!messages.length) return send(res, 400, failure(null, ErrorCode.InvalidRequest, 'Empty batch'), headers);

    const cc: CallContext = { principal, catalog: await catalog.get(), scope, correlationId, services, supervisor, invocations };
    const single = batch ? null : asRequest(parsed);
    const progressToken = (single?.params?._meta as { progressToken?: string | number } | undefined)?.progressToken;
    if (single?.method === 'tools/call' && progressToken !== undefined && /text\/event-stream/.test(req.headers.accept ?? '')) {
      return streamCall(res, cc, single, progressToken, headers);
    }
    const answers = await Promise.all(messages.map((m) => {
      const request = asRequest(m);
      if (request) return answer(cc, request);
      // A client's responses to server requests need no answer; we never send such requests.
      if (m && typeof m === 'object' && ('result' in m || 'error' in m)) return Promise.resolve(undefined);
      return Promise.resolve(failure(null, ErrorCode.InvalidRequest, 'Not a JSON-RPC 2.0 request'));
    }));
    const replies = answers.filter((a) => a !== undefined);
    if (!replies.length) return send(res, 202, undefined, headers);
    send(res, 200, batch ? replies : replies[0], headers);
  };
}
