import type http from 'node:http';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { EventStreamReader } from './event-stream.ts';
import { feed } from './line-reader.ts';
import type { RemoteOptions } from './http-transport.ts';
import { InboundMessages } from './inbound-messages.ts';
import { agentFor, requestUpstream } from './upstream-request.ts';

/**
 * The client side of the legacy HTTP+SSE transport (protocol 2024-11-05): one long-lived event stream
 * for the server's messages, which first names the endpoint to POST ours to. Our own rather than the
 * SDK's so that it dials through the outbound policy like the Streamable HTTP transport, and bounds
 * each message it reads. The endpoint must be on the stream's origin: headers go nowhere else.
 */
export class SseClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  readonly #url: URL;
  readonly #options: RemoteOptions;
  readonly #agent: http.Agent;
  readonly #inbound: InboundMessages;
  #stream: http.IncomingMessage | undefined;
  #endpoint: URL | undefined;
  #closed = false;

  constructor(url: URL, options: RemoteOptions) {
    this.#url = url;
    this.#options = options;
    this.#inbound = new InboundMessages(options.maxMessageBytes, this);
    this.#agent = agentFor(url);
  }

  async start(): Promise<void> {
    const headers = { ...this.#options.headers, accept: 'text/event-stream' };
    const stream = await requestUpstream(this.#url, { method: 'GET', headers, agent: this.#agent, policy: this.#options.policy });
    this.#stream = stream;
    await new Promise<void>((resolve, reject) => {
      const events = new EventStreamReader(this.#options.maxMessageBytes, ({ type, data }) => {
        if (type !== 'endpoint') return this.#inbound.received(data);
        const endpoint = URL.parse(data, this.#url);
        if (endpoint?.origin !== this.#url.origin) return reject(new Error('The upstream named an endpoint that is not a URL of its origin'));
        this.#endpoint = endpoint;
        resolve();
      }, (line) => this.#inbound.oversized(line));
      feed(stream, (chunk) => events.push(chunk), (error) => {
        reject(error);
        this.onerror?.(error);
        void this.close();
      });
      stream.on('error', (error) => this.onerror?.(error));
      stream.on('close', () => {
        reject(new Error('The upstream closed its event stream before naming an endpoint'));
        void this.close();
      });
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!this.#endpoint) throw new Error('Not connected');
    const body = Buffer.from(JSON.stringify(message));
    const headers = { ...this.#options.headers, 'content-type': 'application/json', 'content-length': String(body.length) };
    this.#inbound.sent(message);
    const response = await requestUpstream(this.#endpoint, { method: 'POST', headers, body, agent: this.#agent, policy: this.#options.policy });
    response.resume();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stream?.destroy();
    this.#agent.destroy();
    this.onclose?.();
  }
}
