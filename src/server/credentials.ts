/** Where callers put their secret: a bearer token, the seeds' key headers, or the session cookie. */
export const SESSION_COOKIE = 'sb_session';

export interface PresentedToken {
  token: string;
  /** Cookies are sent by browsers on their own, so they need CSRF and Origin checks; headers do not. */
  ambient: boolean;
}

type HeaderGetter = (name: string) => string | null | undefined;

export function presentedToken(header: HeaderGetter): PresentedToken | null {
  const authorization = header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return { token: match ? match[1]! : '', ambient: false };
  }
  const key = header('x-api-key') ?? header('x-admin-key');
  if (key) return { token: key.trim(), ambient: false };
  const cookie = readCookie(header('cookie'), SESSION_COOKIE);
  return cookie ? { token: cookie, ambient: true } : null;
}

function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // not percent-encoded text: no cookie of ours
    }
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const attributes = [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

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
