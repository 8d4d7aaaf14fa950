import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { OutboundPolicy } from '../auth/outbound.ts';
import type { Logger } from '../log.ts';
import type { DiscoveredTool, UpstreamSpec } from '../resolvers/upstream-port.ts';
import { VERSION } from '../version.ts';
import { HttpClientTransport } from './http-transport.ts';
import { SseClientTransport } from './sse-transport.ts';
import { StdioTransport } from './stdio-transport.ts';

export interface UpstreamOptions {
  log: Logger;
  timeoutMs: number;
  /** Where remote upstreams may be dialled. */
  policy: OutboundPolicy;
  /** The largest answer relayed from an upstream. */
  maxMessageBytes: number;
}

function transportFor(spec: UpstreamSpec, { log, policy, maxMessageBytes }: UpstreamOptions, observe?: (line: string) => void): Transport {
  if (spec.transport === 'stdio') {
    const onStderr = (text: string) => {
      log.debug('upstream stderr', { server: spec.name, text });
      observe?.(text);
    };
    return new StdioTransport({ command: spec.command!, args: spec.args, env: spec.env, maxMessageBytes, onStderr });
  }
  const url = new URL(spec.url!);
  const options = { headers: spec.headers, policy, maxMessageBytes };
  return spec.transport === 'sse' ? new SseClientTransport(url, options) : new HttpClientTransport(url, options);
}

/**
 * A connected SDK client for one upstream. The caller's own credentials never reach it: only the spec's.
 * `observeStderr` sees a stdio process's stderr lines.
 */
export async function connect(spec: UpstreamSpec, options: UpstreamOptions, observeStderr?: (line: string) => void): Promise<Client> {
  const client = new Client({ name: 'switchboard', version: VERSION }, { capabilities: {} });
  // The handshake as a whole (an event stream that never names its endpoint, say) is bounded too.
  const deadline = setTimeout(() => void client.close(), options.timeoutMs);
  try {
    await client.connect(transportFor(spec, options, observeStderr), { timeout: options.timeoutMs });
  } catch (error) {
    await client.close().catch(() => {});
    throw new Error(`Could not connect to "${spec.name}": ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(deadline);
  }
  return client;
}

const MAX_TOOL_PAGES = 100;

/**
 * Every tool the upstream lists, following pagination, within bounds: at most 100 pages, `maxBytes` of
 * tools in all and `timeoutMs` for the whole listing. An upstream that pages forever is refused.
 */
export async function listAllTools(client: Client, { timeoutMs, maxMessageBytes: maxBytes }: UpstreamOptions): Promise<DiscoveredTool[]> {
  const tools: DiscoveredTool[] = [];
  const deadline = Date.now() + timeoutMs;
  let bytes = 0;
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: Math.max(1, deadline - Date.now()) });
    for (const t of page.tools) {
      bytes += JSON.stringify(t).length;
      tools.push({
        name: t.name,
        title: t.title,
        description: t.description,
        inputSchema: t.inputSchema as Record<string, unknown>,
        outputSchema: t.outputSchema as Record<string, unknown> | undefined,
        annotations: t.annotations as Record<string, unknown> | undefined,
      });
    }
    if (bytes > maxBytes) throw new Error(`The upstream's tools take more than ${maxBytes} bytes`);
    cursor = page.nextCursor;
    if (!cursor) return tools;
    if (pages >= MAX_TOOL_PAGES || Date.now() >= deadline) throw new Error(`The upstream's tool list did not end within ${MAX_TOOL_PAGES} pages and ${timeoutMs} ms`);
  }
}
