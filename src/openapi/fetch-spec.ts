import type { OutboundPolicy } from '../auth/outbound.ts';
import { badInput } from '../errors.ts';
import { sendHttp } from './http.ts';
import { MAX_SPEC_BYTES } from './parse.ts';

const FETCH_TIMEOUT_MS = 15_000;

/** A spec's text, fetched by the gateway under the outbound policy; every failure is the user's to fix. */
export async function fetchSpec(url: string, policy: OutboundPolicy): Promise<string> {
  try {
    const answer = await sendHttp(
      { method: 'GET', url: new URL(url), headers: { accept: 'application/json, application/yaml, text/yaml, */*;q=0.5' } },
      { policy, timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_SPEC_BYTES },
    );
    if (answer.status < 200 || answer.status >= 300) throw new Error(`HTTP ${answer.status}`);
    return answer.body.toString('utf8');
  } catch (error) {
    throw badInput(`specUrl: could not fetch the spec: ${(error as Error).message}`, { field: 'specUrl' });
  }
}
