import type http from 'node:http';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { OutboundPolicy } from '../auth/outbound.ts';
import { EventStreamReader } from './event-stream.ts';
import { feed } from './line-reader.ts';
import { tooLargeAnswer } from './inbound-messages.ts';
import { readBody } from '../http/request-body.ts';
import { agentFor, requestUpstream } from './upstream-request.ts';
import { envelopeVersion, modernHeaders } from './modern-headers.ts';

/** The most of a 4xx answer read for its JSON-RPC error. */
const ERROR_BODY_BYTES = 65_536;

/** The first wait before a session's event stream is opened again once it ends; it doubles up to the last. */
const REOPEN_MS = [1_000, 2_000, 5_000, 15_000, 60_000];

export interface RemoteOptions {
  headers: Record<string, string>;
  policy: OutboundPolicy;
  /** The most an answer to one request may take, with whatever is streamed alongside it. */
  maxMessageBytes: number;
}

/**
 * The client side of Streamable HTTP for upstreams, on node:http with keep-alive connections: each message
 * is one POST whose answer (JSON or an event stream) is read as it arrives, up to its size limit. It
 * replaces the SDK's fetch-based transport on the hot path (about 3 ms of client work per call there, a
 * fraction here), and dials only where the outbound policy allows.
 * A session's own event stream (GET) is opened only when asked (`openStream`): the proxy uses it to hear
 * a runtime's tool list changes, and has nowhere to send other unsolicited upstream messages.
 * A message of the 2026-07-28 era (its `_meta` claims a protocol version) goes with the headers derived
 * from its body and no session id, and its 4xx answer is read for the JSON-RPC error it carries.
 */
export class HttpClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  sessionId?: string;
  readonly #url: URL;
  readonly #options: RemoteOptions;
  readonly #agent: http.Agent;
  #protocolVersion: string | undefined;
  #closed = false;
  /** Modern requests in flight, to be dropped when their caller gives up on them. */
  readonly #inFlight = new Map<string | number, AbortController>();
  /** Whether the session's event stream is open (or opening), and how often it ended since it last carried a message. */
  #streaming = false;
  #streamEnds = 0;

  /** The configured headers a modern message carries: none in the protocol's own namespaces, which its body alone fills. */
  readonly #modernConfigured: Record<string, string>;

  constructor(url: URL, options: RemoteOptions) {
    this.#url = url;
    this.#options = options;
    this.#modernConfigured = Object.fromEntries(Object.entries(options.headers).filter(([name]) => !/^mcp-(param-|method$|name$|protocol-version$)/i.test(name)));
    this.#agent = agentFor(url);
  }

  async start(): Promise<void> {}

  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions & { paramHeaders?: Record<string, string> }): Promise<void> {
    const body = Buffer.from(JSON.stringify(message));
    const modern = envelopeVersion(message);
    const headers: Record<string, string> = {
      ...(modern ? this.#modernConfigured : this.#options.headers),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': String(body.length),
    };
    if (modern) Object.assign(headers, modernHeaders(message, modern), options?.paramHeaders);
    else {
      if (this.sessionId) headers['mcp-session-id'] = this.sessionId;
      if (this.#protocolVersion) headers['mcp-protocol-version'] = this.#protocolVersion;
    }
    const requestId = 'method' in message && 'id' in message ? message.id : undefined;
    const abort = modern && requestId !== undefined ? new AbortController() : undefined;
    if (abort) this.#inFlight.set(requestId!, abort);
    try {
      const response = await requestUpstream(this.#url, {
        method: 'POST', headers, body, agent: this.#agent, policy: this.#options.policy, signal: abort?.signal, errorAnswers: !!modern,
      });
      const session = response.headers['mcp-session-id'];
      if (!modern && typeof session === 'string') this.sessionId = session;
      if ((response.statusCode ?? 0) >= 400) return await this.#errorAnswer(response, requestId);
      const type = response.headers['content-type'] ?? '';
      // A subscription's stream is open for as long as the session: only each of its events is bounded.
      const lasting = 'method' in message && message.method === 'subscriptions/listen';
      if (type.includes('text/event-stream')) return await this.#readEvents(response, requestId, lasting);
      const read = await readBody(response, this.#options.maxMessageBytes);
      if (!read.ok) response.destroy();
      if (!read.ok && read.status === 413) return this.#tooLarge(requestId);
      if (!read.ok) throw new Error('The upstream closed the connection mid-answer');
      if (read.body.length && type.includes('application/json')) this.#deliver(read.body.toString('utf8'));
      else if (requestId !== undefined) throw new Error(`The upstream answered with ${type || 'no content type'}, not JSON-RPC`);
    } finally {
      if (abort) this.#inFlight.delete(requestId!);
    }
  }

  /**
   * Opens the session's event stream (a GET), on which the upstream sends what answers no request. An
   * upstream that offers none (405, say) is not asked again; a stream that ends is opened again after a
   * while, longer each time it ends without having carried a message.
   */
  openStream(): void {
    if (this.#closed || this.#streaming) return;
    this.#streaming = true;
    this.#stream().then((offered) => {
      this.#streaming = false;
      if (!offered || this.#closed) return;
      setTimeout(() => this.openStream(), REOPEN_MS[Math.min(this.#streamEnds++, REOPEN_MS.length - 1)]).unref();
    }, () => (this.#streaming = false));
  }

  async #stream(): Promise<boolean> {
    const headers: Record<string, string> = { ...this.#options.headers, accept: 'text/event-stream' };
    if (this.sessionId) headers['mcp-session-id'] = this.sessionId;
    if (this.#protocolVersion) headers['mcp-protocol-version'] = this.#protocolVersion;
    const response = await requestUpstream(this.#url, { method: 'GET', headers, agent: this.#agent, policy: this.#options.policy });
    if (!(response.headers['content-type'] ?? '').includes('text/event-stream')) return (response.resume(), false);
    await this.#readEvents(response, undefined, true);
    return true;
  }

  /** Drops a modern request's exchange, which cancels it (its caller timed out). */
  abandon(id: string | number): void {
    this.#inFlight.get(id)?.abort();
  }

  /**
   * A modern request's 4xx answer: its JSON-RPC error, when the body is one for this request; else only
   * the status, as for any other refused request.
   */
  async #errorAnswer(response: http.IncomingMessage, requestId: string | number | undefined): Promise<void> {
    const status = response.statusCode;
    const refused = new Error(`HTTP ${status} from upstream`);
    if (!(response.headers['content-type'] ?? '').includes('application/json')) {
      response.resume();
      throw refused;
    }
    const read = await readBody(response, ERROR_BODY_BYTES);
    if (!read.ok) response.destroy();
    let answer: { id?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      answer = read.ok ? JSON.parse(read.body.toString('utf8')) : undefined;
    } catch {
      // not JSON after all
    }
    const isError = typeof answer?.error?.code === 'number' && typeof answer.error.message === 'string';
    if (requestId === undefined || !isError || answer!.id !== requestId) throw refused;
    this.onmessage?.(answer as JSONRPCMessage);
  }

  /** Server-sent events: each is one JSON-RPC message; the stream is dropped once it (or, `lasting`, one event) passes the size limit. */
  #readEvents(response: http.IncomingMessage, requestId: string | number | undefined, lasting: boolean): Promise<void> {
    const limit = this.#options.maxMessageBytes;
    let size = 0;
    const drop = () => {
      if (response.destroyed) return;
      response.destroy();
      this.#tooLarge(requestId);
    };
    const events = new EventStreamReader(limit, (event) => this.#deliver(event.data), drop);
    return new Promise((resolve, reject) => {
      feed(response, (chunk) => {
        if (!lasting) size += chunk.length;
        if (size <= limit) events.push(chunk);
        else drop();
      }, (error) => {
        response.destroy();
        reject(error);
      });
      response.on('end', resolve);
      response.on('close', resolve);
      response.on('error', reject);
    });
  }

  #tooLarge(requestId: string | number | undefined) {
    if (requestId === undefined) return this.onerror?.(new Error(`The upstream sent more than ${this.#options.maxMessageBytes} bytes`));
    this.onmessage?.(tooLargeAnswer(requestId, this.#options.maxMessageBytes));
  }

  #deliver(text: string) {
    this.#streamEnds = 0;
    let parsed: JSONRPCMessage | JSONRPCMessage[];
    try {
      parsed = JSON.parse(text) as JSONRPCMessage | JSONRPCMessage[];
    } catch {
      // Quoting the text would show an internal page to whoever reads the error.
      return this.onerror?.(new Error('The upstream sent a body that is not JSON'));
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) this.onmessage?.(message);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#agent.destroy();
    this.onclose?.();
  }
}
