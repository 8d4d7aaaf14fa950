import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  service: unknown;
}

export interface Receiver {
  /** The collector's base URL, as an administrator gives it. */
  url: string;
  spans: ReceivedSpan[];
  /** Every request body as it arrived, for checks that nothing private was sent. */
  bodies: string[];
  paths: string[];
  close(): Promise<void>;
}

type KeyValue = { key: string; value: Record<string, unknown> };
const valueOf = (value: Record<string, unknown>) => Object.values(value)[0];
const attributesOf = (list: KeyValue[] = []) => Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

/** An OTLP/HTTP collector of the test's own: node:http, decoding the JSON export requests it is sent. */
export async function startReceiver(): Promise<Receiver> {
  const received: Receiver = { url: '', spans: [], bodies: [], paths: [], close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.bodies.push(body);
      received.paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const request = JSON.parse(body) as { resourceSpans: { resource: { attributes: KeyValue[] }; scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes' | 'service'> & { attributes: KeyValue[] })[] }[] }[] };
      for (const { resource, scopeSpans } of request.resourceSpans) {
        for (const span of scopeSpans.flatMap((s) => s.spans)) {
          received.spans.push({ ...span, attributes: attributesOf(span.attributes), service: attributesOf(resource.attributes)['service.name'] });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  received.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  received.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return received;
}
