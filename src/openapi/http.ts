import http from 'node:http';
import https from 'node:https';
import { OutboundRefusedError, type OutboundPolicy } from '../auth/outbound.ts';
import type { HttpRequest } from './request.ts';

export interface HttpLimits {
  policy: OutboundPolicy;
  timeoutMs: number;
  /** The most of an answer read. */
  maxBytes: number;
  /** The caller went away: the request is dropped. */
  cancel?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function once(request: HttpRequest, { policy, maxBytes }: HttpLimits, signal: AbortSignal): Promise<HttpAnswer> {
  const secure = request.url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(request.url, {
      method: request.method, headers: request.headers, agent: secure ? agents.https : agents.http, lookup: policy.lookup, signal,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return res.destroy(new ResponseTooLargeError(`the answer is larger than ${maxBytes} bytes`));
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * One request to an API, dialled only where the outbound policy allows (every address a name resolves
 * to, on every hop), within its time and size. Redirects are followed within the request's origin only,
 * so the credentials set for it go nowhere else; any answer comes back whatever its status.
 */
export async function sendHttp(request: HttpRequest, limits: HttpLimits): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.cancel ? AbortSignal.any([timeout, limits.cancel]) : timeout;
  let current = request;
  for (let hop = 0; ; hop++) {
    const refusal = limits.policy.urlRefusal(current.url);
    if (refusal) throw new OutboundRefusedError(refusal);
    const answer = await once(current, limits, signal).catch((error: unknown) => {
      throw timeout.aborted ? new Error(`no answer within ${limits.timeoutMs} ms`) : error;
    });
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.status) || !location) return answer;
    const next = new URL(location, current.url);
    if (next.origin !== request.url.origin) throw new Error(`HTTP ${answer.status}: a redirect to another origin (${next.origin}) is not followed`);
    if (hop >= MAX_REDIRECTS) throw new Error(`HTTP ${answer.status}: more than ${MAX_REDIRECTS} redirects`);
    const keepsMethod = answer.status === 307 || answer.status === 308;
    current = keepsMethod ? { ...current, url: next } : { method: 'GET', url: next, headers: withoutBodyHeaders(current.headers) };
  }
}

function withoutBodyHeaders(headers: Record<string, string>) {
  const { 'content-type': _type, ...rest } = headers;
  return rest;
}
