import type { ServerResponse } from 'node:http';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../resolvers/context.ts';
import type { CallContext } from './call-context.ts';
import type { Id } from './jsonrpc.ts';

/**
 * A caller that goes away before its answer cancels its call: its HTTP response closed unfinished (either
 * era; in the 2026-07-28 revision that is the cancellation itself), or, from a 2025-era caller, a
 * notifications/cancelled naming the request. The endpoint is stateless, so such a notification is tied to
 * nothing narrower than the credential and the endpoint it came through: it cancels the one call in
 * flight there under that id, and none when several are. A load balancer may send it to another instance
 * than the call's: one that has no such call passes it on to the others.
 */

/** Why a call stopped: its caller went away. The upstream's request is cancelled with it. */
export class CallerGone extends McpError {
  constructor() {
    super(ErrorCode.RequestTimeout, 'The client cancelled the call');
  }
}

/** One listener per response, however many calls of a batch wait on it. */
const closing = new WeakMap<ServerResponse, Set<() => void>>();

function onClosed(res: ServerResponse, gone: () => void): () => void {
  // Gone already (while its upstream was starting, say).
  if (res.closed && !res.writableFinished) return (gone(), () => {});
  let waiting = closing.get(res);
  if (!waiting) {
    const calls = new Set<() => void>();
    closing.set(res, (waiting = calls));
    res.once('close', () => { 
      if (!res.writableFinished) for (const cancel of calls) cancel();
    });
  }
  waiting.add(gone);
  return () => void waiting.delete(gone);
}

const registries = new WeakMap<Services, Map<string, Set<() => void>>>();
/** Instances pass on the notifications/cancelled that name no call of theirs. */
const CANCEL_TOPIC = 'mcp.cancel';

function cancelOne(registry: Map<string, Set<() => void>>, key: string): boolean {
  const calls = registry.get(key);
  if (calls?.size !== 1) return false;
  for (const cancel of calls) cancel();
  return true;
}

function inFlight(services: Services): Map<string, Set<() => void>> {
  let registry = registries.get(services);
  if (!registry) {
    const calls = new Map<string, Set<() => void>>();
    registries.set(services, (registry = calls));
    services.pubsub.subscribe<{ key?: unknown }>(CANCEL_TOPIC, (heard) => {
      if (typeof heard?.key === 'string') cancelOne(calls, heard.key);
    });
  }
  return registry;
}

const requestKey = (cc: CallContext, id: Id) => `${cc.principal.credentialId}\n${cc.scope ?? ''}\n${typeof id}:${id}`;

function onCancelled(cc: CallContext, id: Id, gone: () => void): () => void {
  const registry = inFlight(cc.services);
  const key = requestKey(cc, id);
  let calls = registry.get(key);
  if (!calls) registry.set(key, (calls = new Set()));
  calls.add(gone);
  return () => {
    calls.delete(gone);
    if (!calls.size) registry.delete(key);
  };
}

/** Calls `gone` once if the caller goes away before the returned release is called. */
export function whenCallerGone(cc: CallContext, requestId: Id | undefined, gone: () => void): () => void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    gone();
  };
  const offClose = cc.response ? onClosed(cc.response, once) : undefined;
  // Only the 2025 era cancels by notification over HTTP; the 2026 era closes the request's stream.
  const offCancel = requestId !== undefined && !cc.envelope ? onCancelled(cc, requestId, once) : undefined;
  return () => {
    offClose?.();
    offCancel?.();
  };
}

/** A 2025-era caller's notifications/cancelled: the call it names is cancelled, when exactly one matches. */
export function cancelRequest(cc: CallContext, params: Record<string, unknown>): void {
  const id = params.requestId;
  if (typeof id !== 'string' && !Number.isSafeInteger(id)) return;
  const registry = inFlight(cc.services);
  const key = requestKey(cc, id as Id);
  if (!registry.has(key)) void cc.services.signals.broadcast(CANCEL_TOPIC, { key });
  else cancelOne(registry, key);
}
