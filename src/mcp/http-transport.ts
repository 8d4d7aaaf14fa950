import http from 'node:http';
import https from 'node:https';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * The client side of Streamable HTTP for upstreams, on node:http with keep-alive connections: each message
 * is one POST whose answer (JSON or an event stream) is read as it arrives. It replaces the SDK's
 * fetch-based transport on the hot path (about 3 ms of client work per call there, a fraction here).
 * No standalone GET stream: the stateless proxy has nowhere to send unsolicited upstream messages.
 */
export class HttpClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  sessionId?: string;
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #agent: http.Agent;
  #protocolVersion: string | undefined;
  #closed = false;

  constructor(url: URL, headers: Record<string, string>) {
    this.#url = url;
    this.#headers = headers;
    this.#agent = new (url.protocol === 'https:' ? https : http).Agent({ keepAlive: true });
  }

  async start(): Promise<void> {}

  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
  }

  send(message: JSONRPCMessage): Promise<void> {
    const body = Buffer.from(JSON.stringify(message));
    const headers: Record<string, string> = {
      ...this.#headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': String(body.length),
      ...(this.sessionId && { 'mcp-session-id': this.sessionId }),
      ...(this.#protocolVersion && { 'mcp-protocol-version': this.#protocolVersion }),
    };
    const client = this.#url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(this.#url, { method: 'POST', headers, agent: this.#agent }, (res) => {
        const session = res.headers['mcp-session-id'];
        if (typeof session === 'string') this.sessionId = session;
        const status = res.statusCode ?? 0;
        const type = res.headers['content-type'] ?? '';
        if (status < 200 || status >= 300) return readAll(res, (text) => reject(new Error(`HTTP ${status} from upstream: ${text.slice(0, 300)}`)));
        if (type.includes('text/event-stream')) return this.#readEvents(res, resolve, reject);
        readAll(res, (text) => {
          if (text && type.includes('application/json')) this.#deliver(text);
          resolve();
        });
      });
      req.on('error', (error) => reject(error));
      req.end(body);
    });
  }

  /** Server-sent events: each `data:` block is one JSON-RPC message. */
  #readEvents(res: http.IncomingMessage, resolve: () => void, reject: (e: Error) => void) {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk.replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        buffer = buffer.slice(end + 2);
        if (data) this.#deliver(data);
      }
    });
    res.on('end', resolve);
    res.on('error', reject);
  }

  #deliver(text: string) {
    try {
      const parsed = JSON.parse(text) as JSONRPCMessage | JSONRPCMessage[];
      for (const message of Array.isArray(parsed) ? parsed : [parsed]) this.onmessage?.(message);
    } catch (error) {
      this.onerror?.(error as Error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#agent.destroy();
    this.onclose?.();
  }
}

function readAll(res: http.IncomingMessage, done: (text: string) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
}
