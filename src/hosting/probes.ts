import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { OutboundPolicy } from '../auth/outbound.ts';

export const CHECK_NAMES = ['dns', 'routing', 'tls', 'runtime', 'tools'] as const;
export const CHECK_STATUSES = ['passed', 'failed', 'skipped'] as const;

export interface CheckResult {
  name: (typeof CHECK_NAMES)[number];
  status: (typeof CHECK_STATUSES)[number];
  durationMs: number;
  message: string;
}

/** How long one network probe may take. */
const PROBE_TIMEOUT_MS = 5_000;

function within<T>(promise: Promise<T>, what: string, ms = PROBE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Runs one check: passed with what it found, or failed with why. */
export async function timed(name: CheckResult['name'], run: () => Promise<string>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const message = await run();
    return { name, status: 'passed', durationMs: performance.now() - started, message };
  } catch (error) {
    return { name, status: 'failed', durationMs: performance.now() - started, message: (error as Error).message };
  }
}

/** The addresses a host name resolves to (an address is its own). */
export async function resolveHost(hostname: string): Promise<string[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return [host];
  try {
    const found = await within(lookup(host, { all: true }), `DNS for ${host}`);
    if (!found.length) throw new Error(`${host} resolves to no address`);
    return found.map((a) => a.address);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(code ? `${host} does not resolve (${code})` : (error as Error).message, { cause: error });
  }
}

/** Why the gateway may not dial one of these addresses, if it may not. */
export function routingRefusal(policy: OutboundPolicy, addresses: string[]): string | null {
  for (const address of addresses) {
    const refusal = policy.refusal(address);
    if (refusal) return `${address} is ${refusal}`;
  }
  return null;
}

/** A TLS handshake with the certificate checked for `servername`: who it is for, who issued it, when it expires. */
export function tlsHandshake(address: string, port: number, servername: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: address, port, servername: isIP(servername) ? undefined : servername, rejectUnauthorized: true }, () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      const days = Math.floor((Date.parse(cert.valid_to) - Date.now()) / 86_400_000);
      resolve(`a certificate for ${cert.subject?.CN ?? servername}, issued by ${cert.issuer?.CN ?? cert.issuer?.O ?? 'unknown'}, valid until ${new Date(cert.valid_to).toISOString()} (${days} days)`);
    });
    socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy(new Error(`no handshake within ${PROBE_TIMEOUT_MS} ms`)));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(new Error(`TLS with ${servername}:${port} failed: ${error.code ? `${error.code}, ` : ''}${error.message}`));
    });
  });
}
