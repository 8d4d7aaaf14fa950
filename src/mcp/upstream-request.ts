import http from 'node:http';
import https from 'node:https';
import { OutboundRefusedError, type OutboundPolicy } from '../auth/outbound.ts';
import { traceUpstream } from '../telemetry/spans.ts';

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
  agent: http.Agent;
  policy: OutboundPolicy;
  /** Aborts the request, or the reading of its answer. */
  signal?: AbortSignal;
  /**
   * A 4xx answer resolves too, for its JSON-RPC error to be read: the 2026-07-28 era answers protocol
   * errors with 400 or 404 and the error in the body.
   */
  errorAnswers?: boolean;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const agentFor = (url: URL) => new (url.protocol === 'https:' ? https : http).Agent({ keepAlive: true });

function send(url: URL, request: UpstreamRequest): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const { method, headers, agent, policy, signal } = request;
    const req = client.request(url, { method, headers, agent, lookup: policy.lookup, signal }, resolve);
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * One request to an upstream, dialled only where the outbound policy allows (checked on each address
 * the name resolves to, on every hop), resolving with its 2xx answer. Redirects are followed within the
 * URL's origin only: the configured headers were set for that origin and go nowhere else. A POST
 * follows only 307 and 308, which keep it a POST. Any other answer is an error carrying its status
 * alone: its body may be an internal service's page (a metadata endpoint, an admin console), so it is
 * never quoted, wherever the error is shown (with `errorAnswers`, the caller reads a 4xx body only as JSON-RPC).
 */
export async function requestUpstream(url: URL, request: UpstreamRequest): Promise<http.IncomingMessage> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const refusal = request.policy.urlRefusal(target);
    if (refusal) throw new OutboundRefusedError(refusal);
    const response = await traceUpstream(target, request.method, request.headers, (headers) => send(target, { ...request, headers }));
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 200 && status < 300) return response;
    if (request.errorAnswers && status >= 400 && status < 500) return response;
    response.resume();
    if (!REDIRECTS.has(status) || !location) throw new Error(`HTTP ${status} from upstream`);
    const next = new URL(location, target);
    if (next.origin !== url.origin) throw new Error(`HTTP ${status} from upstream: a redirect to another origin is not followed`);
    if (request.method === 'POST' && status !== 307 && status !== 308) throw new Error(`HTTP ${status} from upstream`);
    if (hop >= MAX_REDIRECTS) throw new Error(`HTTP ${status} from upstream: more than ${MAX_REDIRECTS} redirects`);
    target = next;
  }
}
