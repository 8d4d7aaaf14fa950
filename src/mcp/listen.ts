import { AppError } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import { reachableServers } from './call-context.ts';
import { principalOf, type Parts } from './endpoint-parts.ts';
import { failure, RpcCode } from './jsonrpc.ts';
import { LEGACY_VERSIONS, MODERN_VERSIONS, ModernCode, SUPPORTED_VERSIONS } from './protocol.ts';
import { send, unreachable } from './replies.ts';

/** False once a GET of a protocol version we do not serve a stream to is answered. */
function streamVersionSpoken(exchange: Exchange): boolean {
  const version = exchange.req.headers['mcp-protocol-version'];
  if (typeof version !== 'string' || LEGACY_VERSIONS.includes(version)) return true;
  // The 2026 era has no GET stream: its clients POST subscriptions/listen.
  if (MODERN_VERSIONS.includes(version)) send(exchange.res, 405, failure(null, RpcCode.InvalidRequest, 'Method not allowed: POST subscriptions/listen instead'), { allow: 'POST' });
  else send(exchange.res, 400, failure(null, ModernCode.UnsupportedProtocolVersion, `Unsupported protocol version: ${version}`, { supported: SUPPORTED_VERSIONS, requested: version }));
  return false;
}

/** GET: the stream on which the caller hears that its tools changed. */
export async function listen({ services, catalog, toolLists }: Parts, exchange: Exchange, scope: string | null): Promise<void> {
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
