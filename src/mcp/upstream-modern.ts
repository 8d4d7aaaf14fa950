import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type JSONRPCMessage, type ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { VERSION } from '../version.ts';
import { META as ENVELOPE, NAMED_BY } from './protocol.ts';
import type { CallOptions, UpstreamCall, UpstreamResult, UpstreamSession } from './upstream-session.ts';


const CLIENT_INFO = { name: 'switchboard', version: VERSION };

/** The protocol version a message's envelope claims, when it has one: such a message is of the modern era. */
export function envelopeVersion(message: JSONRPCMessage): string | undefined {
  const meta = ('method' in message ? message.params?._meta : undefined) as Record<string, unknown> | undefined;
  const version = meta?.[ENVELOPE.protocolVersion];
  return typeof version === 'string' ? version : undefined;
}

const SENTINEL = /^=\?base64\?.*\?=$/s;

/** A header value as sent: plain when it is safe ASCII, else `=?base64?…?=` of its UTF-8. */
function headerValue(value: string): string {
  const safe = value.length > 0 && value === value.trim() && !SENTINEL.test(value) && /^[\t\x20-\x7e]*$/.test(value);
  return safe ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/**
 * The standard headers of a modern message, derived from its body as the 2026-07-28 HTTP transport wants
 * them: `MCP-Protocol-Version` (the envelope's), `Mcp-Method`, and `Mcp-Name` for the methods that name
 * what they address (tools/call and prompts/get by `params.name`, resources/read by `params.uri`).
 */
export function modernHeaders(message: JSONRPCMessage, version: string): Record<string, string> {
  const method = (message as { method: string }).method;
  const headers: Record<string, string> = { 'mcp-protocol-version': version, 'mcp-method': method };
  const field = Object.hasOwn(NAMED_BY, method) ? NAMED_BY[method]! : undefined;
  const name = field && (message as { params?: Record<string, unknown> }).params?.[field];
  if (typeof name === 'string') headers['mcp-name'] = headerValue(name);
  return headers;
}

/** Our transports that can drop one request's exchange (HTTP: its answer's stream) to cancel it. */
type ModernTransport = Transport & { abandon?(id: number): void };

interface Pending {
  resolve(result: UpstreamResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  options: CallOptions;
}

export interface DiscoverResult {
  supportedVersions: string[];
  capabilities: ServerCapabilities;
  instructions?: string;
}

/**
 * A 2026-07-28 upstream over one of our transports: no `initialize`, no session; every request carries
 * the envelope (protocol version, our capabilities, none, and our name) in `params._meta`, is answered
 * by id, and may be preceded by progress notifications for its progress token (its own id).
 */
export class ModernSession implements UpstreamSession {
  readonly era = 'modern' as const;
  readonly protocolVersion: string;
  capabilities: ServerCapabilities | undefined;
  onclose?: () => void;
  readonly #transport: ModernTransport;
  readonly #envelope: Record<string, unknown>;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #ended = false;

  constructor(transport: ModernTransport, protocolVersion: string) {
    this.#transport = transport;
    this.protocolVersion = protocolVersion;
    this.#envelope = {
      [ENVELOPE.protocolVersion]: protocolVersion,
      [ENVELOPE.clientCapabilities]: {},
      [ENVELOPE.clientInfo]: CLIENT_INFO,
    };
    transport.onmessage = (message) => this.#received(message);
    transport.onclose = () => this.#end();
    transport.onerror = () => {};
  }

  /** Whether the transport ended (a process that exited, say). */
  get ended(): boolean {
    return this.#ended;
  }

  /** `server/discover`: what the upstream serves. Remembers its capabilities. */
  async discover(timeout: number): Promise<DiscoverResult> {
    const result = await this.request({ method: 'server/discover' }, { timeout });
    if (!Array.isArray(result.supportedVersions)) throw new Error('The upstream answered server/discover without supportedVersions');
    this.capabilities = (result.capabilities ?? {}) as ServerCapabilities;
    return result as unknown as DiscoverResult;
  }

  request(call: UpstreamCall, options: CallOptions): Promise<UpstreamResult> {
    if (this.#ended) return Promise.reject(new McpError(ErrorCode.ConnectionClosed, 'Connection closed'));
    const id = ++this.#nextId;
    const given = call.params?._meta as Record<string, unknown> | undefined;
    // The envelope is ours: whatever a caller's _meta said of it is replaced.
    let meta = given ? { ...given, ...this.#envelope } : this.#envelope;
    if (options.clientCapabilities) meta = { ...meta, [ENVELOPE.clientCapabilities]: options.clientCapabilities };
    if (options.onprogress) meta = { ...meta, progressToken: id };
    const message = { jsonrpc: '2.0' as const, id, method: call.method, params: { ...call.params, _meta: meta } };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#timedOut(id), options.timeout);
      this.#pending.set(id, { resolve, reject, timer, options });
      this.#transport.send(message).catch((error: Error) => this.#settle(id)?.reject(error));
    });
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  #timedOut(id: number) {
    const pending = this.#settle(id);
    if (!pending) return;
    pending.reject(new McpError(ErrorCode.RequestTimeout, 'Request timed out', { timeout: pending.options.timeout }));
    // HTTP: the request's stream is dropped; stdio: the process is told.
    if (this.#transport.abandon) return this.#transport.abandon(id);
    const cancelled = { jsonrpc: '2.0' as const, method: 'notifications/cancelled', params: { requestId: id, reason: 'timed out' } };
    this.#transport.send(cancelled).catch(() => {});
  }

  #received(message: JSONRPCMessage) {
    if ('method' in message) {
      if ('id' in message) {
        // The modern era has no requests from server to client; one that waits for an answer gets a refusal.
        const refusal = { jsonrpc: '2.0' as const, id: message.id, error: { code: ErrorCode.MethodNotFound, message: 'Method not found' } };
        return void this.#transport.send(refusal).catch(() => {});
      }
      if (message.method === 'notifications/progress') this.#progress(message.params as Record<string, unknown> | undefined);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.#settle(message.id);
    if (!pending) return;
    if ('error' in message) {
      const { code, message: text, data } = message.error;
      return pending.reject(new McpError(code, text, data));
    }
    const result = (message as { result?: unknown }).result;
    if (!result || typeof result !== 'object' || Array.isArray(result)) return pending.reject(new Error('The upstream answered with a result that is not an object'));
    pending.resolve(result as UpstreamResult);
  }

  #progress(params: Record<string, unknown> | undefined) {
    const token = params?.progressToken;
    const pending = typeof token === 'number' ? this.#pending.get(token) : undefined;
    const onprogress = pending?.options.onprogress;
    if (!onprogress || typeof params!.progress !== 'number') return;
    if (pending.options.resetTimeoutOnProgress) pending.timer.refresh();
    const { progress, total, message } = params as { progress: number; total?: number; message?: string };
    onprogress({ progress, ...(total !== undefined && { total }), ...(message !== undefined && { message }) });
  }

  #end() {
    if (this.#ended) return;
    this.#ended = true;
    for (const id of [...this.#pending.keys()]) this.#settle(id)!.reject(new McpError(ErrorCode.ConnectionClosed, 'Connection closed'));
    this.onclose?.();
  }

  /** Lets go of the transport without closing it: the upstream is of an older era, and it will be initialized. */
  release(): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id);
    this.#transport.onmessage = undefined;
    this.#transport.onclose = undefined;
    this.#transport.onerror = undefined;
  }

  async close(): Promise<void> {
    await this.#transport.close();
    this.#end();
  }
}
