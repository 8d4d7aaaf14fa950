import { VERSION } from '../version.ts';
import type { CallContext } from './call-context.ts';
import { RpcCode, RpcError, type Request } from './jsonrpc.ts';
import { dispatch } from './methods.ts';
import { GateError } from './modern-envelope.ts';
import { META, SUPPORTED_VERSIONS } from './protocol.ts';

/**
 * How long a 2026-era client may keep each result (`ttlMs`). The gateway vouches only for what it owns:
 * the tools a caller may use (its catalog, changed at once on every instance: list_changed says so) and
 * what the gateway is. Prompts and resources are relayed from upstreams, whose freshness it cannot know.
 * Everything varies with the caller's authorization, so nothing is `public`.
 */
const CACHEABLE = new Map<string, (cc: CallContext) => number>([
  ['server/discover', (cc) => cc.services.config.mcpListTtlMs],
  ['tools/list', (cc) => cc.services.config.mcpListTtlMs],
  ['prompts/list', () => 0],
  ['resources/list', () => 0],
  ['resources/templates/list', () => 0],
  ['resources/read', () => 0],
]);

/** The methods of the 2026 era (`subscriptions/listen` is a stream the endpoint holds open). */
const MODERN_METHODS = new Set([...CACHEABLE.keys(), 'tools/call', 'prompts/get', 'completion/complete', 'subscriptions/listen']);

/** Refuses a method this era does not have (initialize, ping and logging/setLevel among them): 404. */
export function checkMethod(message: Request): void {
  if (!MODERN_METHODS.has(message.method)) throw new GateError(404, RpcCode.MethodNotFound, `Method not found: ${message.method}`);
}

async function discover(cc: CallContext) {
  const { capabilities, instructions } = (await dispatch(cc, { jsonrpc: '2.0', method: 'initialize', params: {} })) as {
    capabilities: Record<string, unknown>;
    instructions: string;
  };
  // Logging is deprecated in this revision, and the gateway relays no log messages.
  const { logging: _, ...rest } = capabilities;
  return { supportedVersions: SUPPORTED_VERSIONS, capabilities: rest, instructions };
}

export const serverInfo = (cc: Pick<CallContext, 'scope'>) => ({ name: cc.scope ? `switchboard/${cc.scope}` : 'switchboard', version: VERSION });

/** A result as the 2026 era frames it: its type, who answered, and for how long it may be kept. */
export function framed(cc: CallContext, method: string, value: Record<string, unknown>): Record<string, unknown> {
  const meta = (value._meta ?? {}) as Record<string, unknown>;
  const result: Record<string, unknown> = { ...value, resultType: value.resultType ?? 'complete', _meta: { ...meta, [META.serverInfo]: serverInfo(cc) } };
  const ttl = CACHEABLE.get(method);
  if (ttl && result.resultType === 'complete') Object.assign(result, { ttlMs: ttl(cc), cacheScope: 'private' });
  return result;
}

/** The 2025 era's "resource not found", which this one spells as invalid params naming the URI (SEP-2164). */
const RESOURCE_NOT_FOUND = -32002;

/** Runs one 2026-era request whose envelope, method and headers have been checked. */
export async function dispatchModern(cc: CallContext, message: Request): Promise<Record<string, unknown>> {
  try {
    const value = message.method === 'server/discover' ? await discover(cc) : await dispatch(cc, message);
    return framed(cc, message.method, (value ?? {}) as Record<string, unknown>);
  } catch (error) {
    if (message.method === 'resources/read' && (error as { code?: unknown }).code === RESOURCE_NOT_FOUND) {
      throw new RpcError(RpcCode.InvalidParams, (error as Error).message, { uri: message.params?.uri });
    }
    throw error;
  }
}

const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** The events of a `subscriptions/listen` stream: of what it asked for, only tool list changes exist here. */
export function subscriptionFrames(message: Request) {
  const asked = (message.params?.notifications ?? {}) as Record<string, unknown>;
  const honored = asked.toolsListChanged === true ? { toolsListChanged: true } : {};
  const meta = { [META.subscriptionId]: message.id };
  return {
    opening: event({ jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged', params: { notifications: honored, _meta: meta } }),
    changed: honored.toolsListChanged ? event({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: meta } }) : null,
    closing: event({ jsonrpc: '2.0', id: message.id, result: { resultType: 'complete', _meta: meta } }),
  };
}
