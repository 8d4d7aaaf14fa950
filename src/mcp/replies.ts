import type { ServerResponse } from 'node:http';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Exchange } from '../http/exchange.ts';
import type { CallContext } from './call-context.ts';
import { failure, isNotification, result, RpcCode, RpcError, type Request } from './jsonrpc.ts';
import { dispatch } from './methods.ts';

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) return void res.writeHead(status, headers).end();
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)), ...headers }).end(json);
}

export type Run = (cc: CallContext, message: Request) => Promise<unknown>;

/** The JSON-RPC answer to one request (none to a notification), whatever it threw. */
export async function answer(cc: CallContext, message: Request, run: Run = dispatch) {
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
export async function streamCall(res: ServerResponse, cc: CallContext, request: Request, progressToken: string | number, run?: Run) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  cc.progress = (update) => res.write(event({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, ...update } }));
  res.end(event(await answer(cc, request, run)));
}

export const progressTokenOf = (request: Request | null) => (request?.params?._meta as { progressToken?: string | number } | undefined)?.progressToken;
export const wantsStream = (exchange: Exchange) => /text\/event-stream/.test(exchange.req.headers.accept ?? '');

// A server the caller cannot reach is as unknown as one that does not exist: 404, never an empty list.
export const unreachable = (res: ServerResponse, scope: string) => send(res, 404, failure(null, RpcCode.InvalidRequest, `No MCP server named "${scope}" is available to you here`));
