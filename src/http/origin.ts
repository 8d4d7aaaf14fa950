import type { PresentedCredential } from '../auth/presented.ts';
import { AppError, ErrorCode } from '../errors.ts';

/**
 * DNS-rebinding protection: a server on loopback answers only requests addressed to a loopback name, so a
 * page on another domain that resolves to 127.0.0.1 cannot reach it.
 */
export function hostAllowed(host: string | undefined, allowed: string[] | null): boolean {
  if (!allowed) return true;
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return allowed.includes(name.toLowerCase());
}

/** Same-origin, or listed in SWITCHBOARD_ALLOWED_ORIGINS. A missing Origin is not a browser: allowed. */
export function originAllowed(origin: string | null | undefined, host: string | null | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

interface RequestFacts {
  method: string;
  header: (name: string) => string | null | undefined;
  allowedOrigins: string[];
}

/**
 * What another site's page could make a browser send here. A request that may change something (not a
 * GET) from an origin that is not allowed is refused whatever it carries: without any credential it
 * could still log the browser in as someone else. One carrying the session cookie, which browsers send
 * by themselves, must moreover be one no page can forge: a GET, JSON or the x-switchboard-csrf header
 * (both need a CORS preflight).
 */
export function crossSiteRefusal(credential: PresentedCredential | null, { method, header, allowedOrigins }: RequestFacts): AppError | null {
  const safe = method === 'GET' || method === 'HEAD';
  const fromAllowedOrigin = originAllowed(header('origin'), header('host'), allowedOrigins);
  const preflighted = () => safe || /^application\/(graphql-response\+)?json/i.test(header('content-type') ?? '') || !!header('x-switchboard-csrf');
  const forgeable = safe ? credential?.ambient && !fromAllowedOrigin : !fromAllowedOrigin || (credential?.ambient && !preflighted());
  return forgeable ? new AppError(ErrorCode.FORBIDDEN, 'Cross-site request refused: send JSON, or the x-switchboard-csrf header, from an allowed origin') : null;
}
