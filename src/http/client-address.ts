import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/**
 * The caller's address, for rate limits and the audit trail: the peer's, or, when the peer is one of
 * the trusted proxies (SWITCHBOARD_TRUSTED_PROXIES), the last address in X-Forwarded-For that is not a
 * trusted proxy itself. Addresses a client wrote to the left of that are not believed.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string | null {
  const peer = req.socket.remoteAddress ? unmapped(req.socket.remoteAddress) : null;
  if (!peer || !trustedProxies.includes(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = [header ?? []].flat().join(',').split(',').map((a) => unmapped(a.trim())).filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i]!)) return isIP(forwarded[i]!) ? forwarded[i]! : peer;
  }
  return peer;
}
