import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

export interface Listening {
  client: Client;
  /** How many `notifications/tools/list_changed` arrived so far. */
  heard(): number;
  /** Resolves when the next one arrives; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<void>;
}

/**
 * The official SDK client, connected as an agent would be, once its GET stream is open: the transport
 * opens that stream by itself after initialize, so its answer is awaited through the transport's fetch.
 */
export async function listeningClient(baseUrl: string, token: string, endpoint = '/mcp'): Promise<Listening> {
  let count = 0;
  let wake: (() => void) | undefined;
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const client = new Client({ name: 'list-changed-test', version: '1.0.0' });
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    count++;
    wake?.();
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}${endpoint}`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (init?.method === 'GET' && response.headers.get('content-type') === 'text/event-stream') opened();
      return response;
    },
  }));
  await within(open, 5_000, 'the GET stream did not open');
  return {
    client,
    heard: () => count,
    next: (timeoutMs = 5_000) => within(new Promise<void>((resolve) => (wake = resolve)), timeoutMs, 'no tools/list_changed arrived'),
  };
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A raw GET of an MCP endpoint asking for its event stream. */
export const getStream = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { accept: 'text/event-stream', ...headers } });

/** The stream's text until `enough` holds, the server ends it (`ended`), or `timeoutMs` passes. */
export async function readStream(response: Response, enough: (text: string) => boolean, timeoutMs = 5_000) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void reader.cancel();
  }, timeoutMs);
  let text = '';
  let ended = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        ended = !timedOut;
        break;
      }
      text += value;
      if (enough(text)) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return { text, ended, cancel: () => reader.cancel() };
}
