import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ErrorCode, ListRootsRequestSchema, McpError, ToolListChangedNotificationSchema, type ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

export type Era = 'modern' | 'legacy';

export interface UpstreamCall {
  method: string;
  params?: Record<string, unknown>;
}

export interface CallOptions {
  timeout: number;
  /** Hears the upstream's progress on this request; asking for it sends a progress token. */
  onprogress?: (update: { progress: number; total?: number; message?: string }) => void;
  /** Each progress update starts the timeout again. */
  resetTimeoutOnProgress?: boolean;
  /** The called tool's input schema as stored: its `x-mcp-header` arguments go as `Mcp-Param-*` headers to a modern upstream over HTTP. */
  inputSchema?: Record<string, unknown>;
  /** A modern upstream is told the client can answer these input requests (MRTR): the 2026-era caller's own. */
  clientCapabilities?: Record<string, unknown>;
  /**
   * A legacy upstream's request to the client (elicitation/create, sampling/createMessage, roots/list) made while this
   * request was the only one in flight on the session: answered with what this resolves to. The request's
   * timeout stops while it waits.
   */
  onInputRequest?: (request: UpstreamCall) => Promise<Record<string, unknown>>;
  /** Cancels the request upstream and stops waiting for it, rejecting with the abort's reason: its caller went away. */
  signal?: AbortSignal;
}

export type UpstreamResult = Record<string, unknown>;

/**
 * One upstream runtime as its callers see it, whichever era it speaks: the 2026-07-28 era (stateless,
 * every request enveloped) or an older one (an `initialize`d session through the SDK's client).
 * Errors the upstream answers with are `McpError`s, as are a closed connection (-32000) and a timeout
 * (-32001); results are relayed raw (a modern upstream's carry `resultType`, see `asLegacyResult`).
 */
export interface UpstreamSession {
  readonly era: Era;
  /** The protocol version in use with this upstream: negotiated by `initialize`, or the modern one it offered. */
  readonly protocolVersion: string;
  readonly capabilities: ServerCapabilities | undefined;
  /** Called once, when the connection ends (the process exited, or `close`). */
  onclose?: () => void;
  /** From now on, calls `onchange` whenever the upstream says its tool list changed (or may have). */
  watchTools?(onchange: () => void): void;
  request(call: UpstreamCall, options: CallOptions): Promise<UpstreamResult>;
  close(): Promise<void>;
}

/** The longest a timer waits (about 24 days): the SDK's timeout, when ours stands in for it. */
const NO_TIMEOUT = 2 ** 31 - 1;

/** Upstream answers are relayed as they are: the caller's client validates them, not us. */
const Anything = z.object({}).passthrough();

/** An upstream of the 2025 era or older, through the SDK's client, which ran `initialize`. */
export class LegacySession implements UpstreamSession {
  readonly era = 'legacy' as const;
  readonly #client: Client;
  readonly protocolVersion: string;

  /** The requests in flight, each with whoever may answer the upstream's requests made meanwhile. */
  readonly #flights = new Set<Pick<CallOptions, 'onInputRequest'>>();

  constructor(client: Client, protocolVersion: string) {
    this.#client = client;
    this.protocolVersion = protocolVersion;
    // The client declared it can elicit, sample and list roots (see `initialize`), but only ever for one caller that can.
    client.setRequestHandler(ElicitRequestSchema, (request) => this.#relay(request) as never);
    client.setRequestHandler(CreateMessageRequestSchema, (request) => this.#relay(request) as never);
    client.setRequestHandler(ListRootsRequestSchema, (request) => this.#relay(request) as never);
  }

  watchTools(onchange: () => void): void {
    this.#client.setNotificationHandler(ToolListChangedNotificationSchema, () => onchange());
    // Over Streamable HTTP, what answers no request comes on the session's own stream.
    (this.#client.transport as { openStream?(): void } | undefined)?.openStream?.();
  }

  /** An upstream's request to the client: relayed only when it can be tied to one call whose caller can answer it. */
  #relay(request: { method: string; params?: Record<string, unknown> }): Promise<Record<string, unknown>> {
    const [only, ...others] = this.#flights;
    if (!only?.onInputRequest || others.length) {
      throw new McpError(ErrorCode.InvalidRequest, `Switchboard cannot relay ${request.method} here: it relays it only to a 2026-07-28 client that can answer it, during the one call in flight`);
    }
    return only.onInputRequest({ method: request.method, params: request.params });
  }

  get capabilities() {
    return this.#client.getServerCapabilities();
  }

  set onclose(handler: (() => void) | undefined) {
    this.#client.onclose = handler;
  }

  async request(call: UpstreamCall, options: CallOptions): Promise<UpstreamResult> {
    const { onInputRequest, clientCapabilities: _, inputSchema: _schema, ...sdkOptions } = options;
    if (!onInputRequest) {
      const flight = {};
      this.#flights.add(flight);
      try {
        return await this.#client.request(call as never, Anything, sdkOptions);
      } finally {
        this.#flights.delete(flight);
      }
    }
    // Our own timeout, which stops while the caller is asked for input: the SDK's cannot be paused.
    const controller = new AbortController();
    options.signal?.addEventListener('abort', () => controller.abort(options.signal!.reason), { once: true });
    const expire = () => controller.abort(new McpError(ErrorCode.RequestTimeout, 'Request timed out', { timeout: options.timeout }));
    let timer = setTimeout(expire, options.timeout);
    let finished = false;
    const flight = {
      onInputRequest: async (request: UpstreamCall) => {
        clearTimeout(timer);
        try {
          return await onInputRequest(request);
        } finally {
          if (!finished && !controller.signal.aborted) timer = setTimeout(expire, options.timeout);
        }
      },
    };
    const { onprogress, resetTimeoutOnProgress } = sdkOptions;
    this.#flights.add(flight);
    try {
      return await this.#client.request(call as never, Anything, {
        timeout: NO_TIMEOUT,
        signal: controller.signal,
        ...(onprogress && { onprogress: (update) => (resetTimeoutOnProgress && timer.refresh(), onprogress(update)) }),
      });
    } finally {
      finished = true;
      clearTimeout(timer);
      this.#flights.delete(flight);
    }
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}

/**
 * A result as a caller of the 2025 era expects it: a modern upstream's `resultType: "complete"` and its
 * cache hints (`ttlMs`, `cacheScope`) dropped. Any other result (a legacy one, which has none of them;
 * an `input_required` one, for the caller's side to relay) is returned as it is.
 */
export function asLegacyResult(result: UpstreamResult): UpstreamResult {
  if (result.resultType !== 'complete') return result;
  const { resultType: _type, ttlMs: _ttl, cacheScope: _scope, ...rest } = result;
  return rest;
}
