import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** The path and query as they arrived, undecoded. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestApi {
  origin: string;
  seen: SeenRequest[];
  /** Documents served at `/specs/<name>` (their text may be replaced between fetches). */
  specs: Map<string, string>;
  /** OAuth 2 tokens the token endpoint issued and still honours. */
  tokens: Set<string>;
  tokenRequests: SeenRequest[];
  close(): Promise<void>;
}

/** The first bytes of a PNG file: what `/api/image` answers. */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const OAUTH_CLIENT = { id: 'lab-client', secret: 'lab-client-secret-0123' };

/**
 * An HTTP API for OpenAPI servers to call: it records every request and echoes it back as JSON. Some
 * paths answer otherwise: `/api/status/<code>`, `/api/slow`, `/api/image`, `/api/redirect?to=<url>`, the OAuth 2 token
 * endpoint `/oauth/token` (client credentials, Basic), `/api/oauth-only` (401 without a live token), and
 * `/specs/<name>`.
 */
export async function startTestApi(): Promise<TestApi> {
  const seen: SeenRequest[] = [];
  const tokenRequests: SeenRequest[] = [];
  const specs = new Map<string, string>();
  const tokens = new Set<string>();
  let issued = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
    const url = new URL(req.url!, 'http://api');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (url.pathname.startsWith('/specs/')) return specs.has(url.pathname.slice(7)) ? res.writeHead(200).end(specs.get(url.pathname.slice(7))) : json(404, {});
    if (url.pathname === '/oauth/token') {
      tokenRequests.push(request);
      const expected = `Basic ${Buffer.from(`${OAUTH_CLIENT.id}:${OAUTH_CLIENT.secret}`).toString('base64')}`;
      if (req.headers.authorization !== expected || !request.body.includes('grant_type=client_credentials')) return json(401, { error: 'invalid_client' });
      const token = `tok-${++issued}`;
      tokens.add(token);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    seen.push(request);
    const status = /^\/api\/status\/(\d{3})$/.exec(url.pathname);
    if (status) return json(Number(status[1]), { error: `answered ${status[1]}` });
    if (url.pathname === '/api/slow') return void setTimeout(() => json(200, { slow: true }), 3_000);
    if (url.pathname === '/api/image') return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (url.pathname === '/api/redirect') return res.writeHead(302, { location: url.searchParams.get('to')! }).end();
    if (url.pathname === '/api/oauth-only' && !tokens.has(String(req.headers.authorization).replace(/^Bearer /, ''))) {
      return json(401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="lab", error="invalid_token"' });
    }
    return json(200, { method: request.method, url: request.url, headers: req.headers, body: request.body });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    specs,
    tokens,
    tokenRequests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
