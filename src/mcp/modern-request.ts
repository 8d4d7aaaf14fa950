import { AppError } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { CallContext } from './call-context.ts';
import type { Parts } from './endpoint-parts.ts';
import { failure, isNotification, RpcCode, type Request } from './jsonrpc.ts';
import { checkEnvelope, checkHeaders, GateError } from './modern-envelope.ts';
import { checkMethod, dispatchModern, subscriptionFrames } from './modern-methods.ts';
import { checkParamHeaders } from './param-check.ts';
import { ModernCode } from './protocol.ts';
import { answer, progressTokenOf, send, streamCall, wantsStream } from './replies.ts';

const idOf = (value: unknown) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || Number.isSafeInteger(id) ? (id as string | number) : null;
};

/**
 * One request of the 2026 era: stateless by the protocol itself, its caller's version and capabilities in
 * `_meta`, mirrored in headers. Framing errors get the HTTP status the revision gives them.
 */
export async function serveModern(parts: Parts, exchange: Exchange, cc: CallContext, message: Request | null, parsed: unknown, verifiedAt: number): Promise<void> {
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
