// A light closed-loop MCP load of either era, as ../shared/peer-bench's raw-load.mjs is for 2025 only: one
// undici keep-alive connection per client (peer-bench's pinned undici), pre-serialised tools/call bodies,
// each answer checked cheaply (status 200, the echoed marker, no error).
import { createRequire } from 'node:module';
import path from 'node:path';

export type Era = '2025-11-25' | '2026-07-28';

export interface RawTarget {
  url: string;
  tool: string;
  era: Era;
  headers?: Record<string, string>;
}

export interface RawResult {
  calls_per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  errors: number;
}

type UndiciClient = { request(options: object): Promise<{ statusCode: number; body: { text(): Promise<string> } }>; close(): Promise<void> };

const ENVELOPE = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'sb-raw', version: '1' } };

const percentile = (sorted: number[], p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2);

/** One client: the 2025 handshake when its era has one, then `call(marker)` posts one tools/call. */
async function open(Client: new (origin: string, options: object) => UndiciClient, target: RawTarget) {
  const url = new URL(target.url);
  const client = new Client(url.origin, { pipelining: 1 });
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...target.headers };
  const post = async (body: string, extra: Record<string, string> = {}) => {
    const response = await client.request({ method: 'POST', path: url.pathname, headers: { ...headers, ...extra }, body });
    return { status: response.statusCode, text: await response.body.text() };
  };
  if (target.era === '2025-11-25') {
    const init = await post(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: target.era, capabilities: {}, clientInfo: ENVELOPE['io.modelcontextprotocol/clientInfo'] } }));
    if (init.status !== 200) throw new Error(`initialize: HTTP ${init.status} ${init.text.slice(0, 160)}`);
    await post('{"jsonrpc":"2.0","method":"notifications/initialized"}', { 'mcp-protocol-version': target.era });
  }
  const eraHeaders: Record<string, string> = target.era === '2025-11-25'
    ? { 'mcp-protocol-version': target.era }
    : { 'mcp-protocol-version': target.era, 'mcp-method': 'tools/call', 'mcp-name': target.tool };
  const meta = target.era === '2026-07-28' ? `,"_meta":${JSON.stringify(ENVELOPE)}` : '';
  let id = 0;
  return {
    async call(marker: string) {
      const { status, text } = await post(`{"jsonrpc":"2.0","id":${++id},"method":"tools/call","params":{"name":${JSON.stringify(target.tool)},"arguments":{"text":"${marker}"}${meta}}}`, eraHeaders);
      if (status !== 200 || !text.includes(`${marker}"`) || text.includes('"isError":true') || text.includes('"error":{')) throw new Error(`HTTP ${status} ${text.slice(0, 160)}`);
    },
    close: () => client.close(),
  };
}

/** `connections` clients calling as fast as answers come, `warmupMs` unmeasured, then `durationMs` measured. */
export async function rawLoad(deps: string, target: RawTarget, connections: number, warmupMs: number, durationMs: number): Promise<RawResult> {
  const { Client } = createRequire(path.join(deps, 'package.json'))('undici');
  const clients = await Promise.all(Array.from({ length: connections }, () => open(Client, target)));
  const latencies: number[] = [];
  let errors = 0;
  const measureFrom = performance.now() + warmupMs;
  const deadline = measureFrom + durationMs;
  await Promise.all(clients.map(async (client, n) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const started = performance.now();
      try {
        await client.call(`m${n}-${i}`);
        if (started >= measureFrom) latencies.push(performance.now() - started);
      } catch {
        if (started >= measureFrom) errors++;
      }
    }
  }));
  await Promise.all(clients.map((client) => client.close()));
  latencies.sort((a, b) => a - b);
  return { calls_per_s: Math.round(latencies.length / (durationMs / 1000)), p50_ms: percentile(latencies, 50), p90_ms: percentile(latencies, 90), p99_ms: percentile(latencies, 99), errors };
}
