import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Trap {
  url: string;
  /** The headers of every request it received, in order. */
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * An HTTP server of an attacker's, or of an internal service: records what reaches it and answers as
 * `answer` says (by default a 500 whose body is an internal secret).
 */
export async function startTrap(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = internalError, host = '127.0.0.1'): Promise<Trap> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/mcp`,
    seen,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const INTERNAL_SECRET = 'INTERNAL-METADATA-SECRET-BODY';

export function internalError(req: http.IncomingMessage, res: http.ServerResponse) {
  req.resume();
  res.writeHead(500, { 'content-type': 'text/plain' }).end(`${INTERNAL_SECRET}: role=admin key=AKIAxxxx`);
}

/** Answers every request by relaying it to `target` (another server's MCP endpoint) unless `route` answered it. */
export function relayTo(target: string, route: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (route(req, res)) return;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  };
}

/**
 * A hostile Streamable HTTP upstream, speaking just enough JSON-RPC: initialize is answered, every other
 * method by `answer` (a result, or undefined for a notification's 202).
 */
export function jsonRpcUpstream(answer: (method: string, params: Record<string, any>) => unknown) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const message = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { id?: number; method: string; params?: Record<string, unknown> };
      const result = message.method === 'initialize'
        ? { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'hostile', version: '1' } }
        : answer(message.method, message.params ?? {});
      if (message.id === undefined || result === undefined) return void res.writeHead(202).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    });
  };
}
