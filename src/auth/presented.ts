export interface PresentedCredential {
  token: string;
  /** Cookies are sent by browsers on their own: a request carrying one needs CSRF checks. */
  ambient: boolean;
}

export const SESSION_COOKIE = 'sb_session';

type HeaderGetter = (name: string) => string | null | undefined;

export interface CredentialSources {
  header: HeaderGetter;
  /** graphql-ws `connectionParams` (`authorization`, or `token`): they come first when given. */
  params?: Record<string, unknown>;
  /** Whether the session cookie counts (the MCP door takes headers only: agents have no browser). */
  cookies: boolean;
}

/**
 * The one place the strategies are tried, in order: connection params, `Authorization: Bearer`,
 * `X-API-Key` (service-account keys), `X-Admin-Key`, then the session cookie. A present but malformed
 * Authorization header is a credential that fails, not an absent one.
 */
export function presentedCredential({ header, params, cookies }: CredentialSources): PresentedCredential | null {
  const param = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof param === 'string') return { token: param.replace(/^Bearer\s+/i, '').trim(), ambient: false };
  const authorization = header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return { token: match ? match[1]! : '', ambient: false };
  }
  const key = header('x-api-key') ?? header('x-admin-key');
  if (key) return { token: key.trim(), ambient: false };
  const cookie = cookies ? readCookie(header('cookie'), SESSION_COOKIE) : null;
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
