import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, ListToolsResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { OutboundPolicy } from '../auth/outbound.ts';
import type { Logger } from '../log.ts';
import type { DiscoveredTool, UpstreamSpec } from '../resolvers/upstream-port.ts';
import { OpenApiSession } from '../openapi/session.ts';
import { VERSION } from '../version.ts';
import { HttpClientTransport } from './http-transport.ts';
import { SseClientTransport } from './sse-transport.ts';
import { StdioTransport } from './stdio-transport.ts';
import { scanParams } from './param-headers.ts';
import { MODERN_VERSIONS, ModernCode } from './protocol.ts';
import { ModernSession } from './upstream-modern.ts';
import { LegacySession, type UpstreamSession } from './upstream-session.ts';

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

/** The longest the era probe waits for its answer, within half the handshake's time. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * A connected session with one upstream, of whichever era it speaks. The caller's own credentials never
 * reach it: only the spec's. `observeStderr` sees a stdio process's stderr lines.
 *
 * The era is found once per connection: `server/discover` in the 2026-07-28 envelope first. A
 * DiscoverResult offering a modern version we speak makes a modern session; an
 * UnsupportedProtocolVersion error naming one is probed again with it; anything else (another error,
 * an HTTP 4xx, no answer in time) means an older server, initialized through the SDK's client. Over
 * stdio that happens on the same process when it answered the probe, and on a fresh one when it did
 * not answer or exited: a process that mishandled a message before `initialize` is not trusted with
 * the session. The HTTP+SSE transport is of 2024-11-05 only, so it is not probed. An OpenAPI server's
 * session is the gateway's own, in process.
 */
export async function connect(spec: UpstreamSpec, options: UpstreamOptions, observeStderr?: (line: string) => void): Promise<UpstreamSession> {
  if (spec.openapi) return new OpenApiSession(spec.openapi, options.policy, options.maxMessageBytes);
  const deadline = Date.now() + options.timeoutMs;
  const fresh = () => transportFor(spec, options, observeStderr);
  try {
    let transport = fresh();
    if (spec.transport !== 'sse') {
      const era = await probe(transport, Math.min(PROBE_TIMEOUT_MS, options.timeoutMs / 2));
      if (era instanceof ModernSession) return era;
      if (era === 'fresh') {
        void transport.close().catch(() => {});
        transport = fresh();
      }
    }
    return await initialize(transport, Math.max(1, deadline - Date.now()));
  } catch (error) {
    throw new Error(`Could not connect to "${spec.name}": ${(error as Error).message}`, { cause: error });
  }
}

/** The era probe: a modern session, or whether an older-era handshake may use the same transport. */
async function probe(transport: Transport, timeoutMs: number): Promise<ModernSession | 'same' | 'fresh'> {
  await transport.start();
  const tried = new Set<string>();
  for (let version = MODERN_VERSIONS[0]; version; ) {
    tried.add(version);
    const session = new ModernSession(transport, version);
    let offered: unknown;
    let timedOut = false;
    try {
      const discovered = await session.discover(timeoutMs);
      if (discovered.supportedVersions.includes(version)) return session;
      offered = discovered.supportedVersions;
    } catch (error) {
      if (error instanceof McpError && error.code === ModernCode.UnsupportedProtocolVersion) offered = (error.data as { supported?: unknown } | undefined)?.supported;
      timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout;
    }
    const ended = session.ended;
    session.release();
    if (ended || (timedOut && transport instanceof StdioTransport)) return 'fresh';
    version = Array.isArray(offered) ? MODERN_VERSIONS.find((v) => offered.includes(v) && !tried.has(v)) : undefined;
  }
  return 'same';
}

/** The handshake of the 2025 era and older: `initialize` through the SDK's client, bounded as a whole. */
async function initialize(transport: Transport, timeoutMs: number): Promise<LegacySession> {
  // Elicitation, sampling and roots are relayed to a 2026-07-28 caller as input requests (see LegacySession), or refused.
  const client = new Client({ name: 'switchboard', version: VERSION }, { capabilities: { elicitation: {}, sampling: {}, roots: {} } });
  let protocolVersion = '';
  const setVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (version) => {
    protocolVersion = version;
    setVersion?.(version);
  };
  // The handshake as a whole (an event stream that never names its endpoint, say) is bounded too.
  const deadline = setTimeout(() => void client.close(), timeoutMs);
  try {
    await client.connect(transport, { timeout: timeoutMs });
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  } finally {
    clearTimeout(deadline);
  }
  return new LegacySession(client, protocolVersion);
}

const MAX_TOOL_PAGES = 100;

/** Hears of a tool left out of a listing, and why. */
export type Excluded = (tool: string, reason: string) => void;

/**
 * Every tool the upstream lists, following pagination, within bounds: at most 100 pages, `maxBytes` of
 * tools in all and `timeoutMs` for the whole listing. An upstream that pages forever is refused. A tool
 * whose `x-mcp-header` declarations the 2026-07-28 revision forbids is left out (its clients must not
 * offer it either), and `excluded` is told why.
 */
export async function listAllTools(session: UpstreamSession, { timeoutMs, maxMessageBytes: maxBytes }: UpstreamOptions, excluded?: Excluded): Promise<DiscoveredTool[]> {
  const tools: DiscoveredTool[] = [];
  const deadline = Date.now() + timeoutMs;
  let bytes = 0;
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const answer = await session.request({ method: 'tools/list', ...(cursor && { params: { cursor } }) }, { timeout: Math.max(1, deadline - Date.now()) });
    const page = ListToolsResultSchema.parse(answer);
    for (const t of page.tools) {
      bytes += JSON.stringify(t).length;
      const scan = scanParams(t.inputSchema as Record<string, unknown>);
      if (!scan.valid) {
        excluded?.(t.name, scan.reason);
        continue;
      }
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
