import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
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
  /** A modern upstream is told the client can answer these input requests (MRTR): the 2026-era caller's own. */
  clientCapabilities?: Record<string, unknown>;
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
  request(call: UpstreamCall, options: CallOptions): Promise<UpstreamResult>;
  close(): Promise<void>;
}

/** Upstream answers are relayed as they are: the caller's client validates them, not us. */
const Anything = z.object({}).passthrough();

/** An upstream of the 2025 era or older, through the SDK's client, which ran `initialize`. */
export class LegacySession implements UpstreamSession {
  readonly era = 'legacy' as const;
  readonly #client: Client;
  readonly protocolVersion: string;

  constructor(client: Client, protocolVersion: string) {
    this.#client = client;
    this.protocolVersion = protocolVersion;
  }

  get capabilities() {
    return this.#client.getServerCapabilities();
  }

  set onclose(handler: (() => void) | undefined) {
    this.#client.onclose = handler;
  }

  request(call: UpstreamCall, options: CallOptions): Promise<UpstreamResult> {
    return this.#client.request(call as never, Anything, options);
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
