import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type JSONRPCMessage, type ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { VERSION } from '../version.ts';
import { paramHeaders, scanParams } from './param-headers.ts';
import { META as ENVELOPE } from './protocol.ts';
import type { CallOptions, UpstreamCall, UpstreamResult, UpstreamSession } from './upstream-session.ts';

const CLIENT_INFO = { name: 'switchboard', version: VERSION };

/** Our transports: one can drop a request's exchange (HTTP: its answer's stream) to cancel it, and send it with headers of its own. */
export type ModernTransport = Transport & {
  abandon?(id: number): void;
  send(message: JSONRPCMessage, options?: TransportSendOptions & { paramHeaders?: Record<string, string> }): Promise<void>;
};

/** The `Mcp-Param-*` headers of a tools/call, when its tool declares any (and validly). */
function mirrored(call: UpstreamCall, inputSchema: Record<string, unknown> | undefined) {
  if (!inputSchema || call.method !== 'tools/call') return undefined;
  const scan = scanParams(inputSchema);
  const args = call.params?.arguments;
  return scan.valid && scan.declarations.length && typeof args === 'object' && args ? { paramHeaders: paramHeaders(scan.declarations, args as Record<string, unknown>) } : undefined;
}

interface Pending {
  resolve(result: UpstreamResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  options: CallOptions;
}

/** The first wait before an ended subscription is opened again; it doubles while they keep ending unacknowledged. */
const RELISTEN_MS = 1_000;
const RELISTEN_MAX_MS = 60_000;

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
  /** Who hears of tool list changes; the open `subscriptions/listen`, and how long to wait before opening it again once it ends. */
  #toolsChanged: (() => void) | undefined;
  #listenId: number | undefined;
  #relistenMs = RELISTEN_MS;

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
    if (options.signal?.aborted) return Promise.reject(options.signal.reason as Error);
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
      options.signal?.addEventListener('abort', () => this.#giveUp(id, options.signal!.reason as Error, 'cancelled by the client'), { once: true });
      this.#transport.send(message, mirrored(call, options.inputSchema)).catch((error: Error) => this.#settle(id)?.reject(error));
    });
  }

  /**
   * Hears the upstream's tool list changes, when it offers them: a `subscriptions/listen` held open for
   * as long as the session lives. When it ends (the upstream closed it, or its HTTP stream broke), it is
   * opened again after a while, and whoever listens is told to read the list again, since changes made
   * meanwhile went unheard. An upstream that answers it with an error is not asked again.
   */
  watchTools(onchange: () => void): void {
    this.#toolsChanged = onchange;
    this.#listen();
  }

  #listen(): void {
    if (this.#ended || !(this.capabilities?.tools as { listChanged?: unknown } | undefined)?.listChanged) return;
    const id = ++this.#nextId;
    this.#listenId = id;
    const message = { jsonrpc: '2.0' as const, id, method: 'subscriptions/listen', params: { notifications: { toolsListChanged: true }, _meta: this.#envelope } };
    // Over HTTP the exchange lasts as long as its stream: the stream's end is the subscription's.
    const ended = () => this.#listenEnded(id, false);
    this.#transport.send(message).then(() => this.#transport.abandon && ended(), ended);
  }

  #listenEnded(id: number, refused: boolean) {
    if (this.#listenId !== id) return;
    this.#listenId = undefined;
    if (refused || this.#ended) return;
    const wait = this.#relistenMs;
    this.#relistenMs = Math.min(wait * 2, RELISTEN_MAX_MS);
    setTimeout(() => {
      if (this.#ended) return;
      this.#listen();
      this.#toolsChanged?.();
    }, wait).unref();
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  #timedOut(id: number) {
    const timeout = this.#pending.get(id)?.options.timeout;
    this.#giveUp(id, new McpError(ErrorCode.RequestTimeout, 'Request timed out', { timeout }), 'timed out');
  }

  /** Stops waiting for a request's answer, and tells the upstream: over HTTP its stream is dropped; over stdio the process is told. */
  #giveUp(id: number, error: Error, reason: string) {
    const pending = this.#settle(id);
    if (!pending) return;
    pending.reject(error);
    if (this.#transport.abandon) return this.#transport.abandon(id);
    const cancelled = { jsonrpc: '2.0' as const, method: 'notifications/cancelled', params: { requestId: id, reason } };
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
      else if (message.method === 'notifications/tools/list_changed') this.#toolsChanged?.();
      else if (message.method === 'notifications/subscriptions/acknowledged') this.#relistenMs = RELISTEN_MS;
      return;
    }
    if (typeof message.id !== 'number') return;
    if (message.id === this.#listenId) return this.#listenEnded(message.id, 'error' in message);
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
