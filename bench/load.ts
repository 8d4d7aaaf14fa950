import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
}

export interface LoadOptions {
  url: string;
  /** POST this body; none: GET. */
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  /** Checks a response body; a false answer counts as an error. */
  check?: (body: string) => boolean;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * A closed-loop load generator: `connections` keep-alive clients, each sending the same pre-serialised
 * request as soon as the previous answer arrives. Light enough that the server, not the client, is measured.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const method = body ? 'POST' : 'GET';
  const headers = { ...(body && { 'content-type': 'application/json', 'content-length': String(body.length) }), ...options.headers };
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.durationMs;

  const once = () => new Promise<void>((resolve) => {
    const started = performance.now();
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ok = res.statusCode === 200 && (!options.check || options.check(Buffer.concat(chunks).toString()));
        if (ok) latencies.push(performance.now() - started);
        else errors++;
        resolve();
      });
    });
    req.on('error', () => (errors++, resolve()));
    req.end(body);
  });

  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, async () => {
    while (performance.now() < deadline) await once();
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
  };
}
