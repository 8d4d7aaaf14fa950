import type { Services } from '../resolvers/context.ts';
import type { Door } from './context.ts';
import { clearedSessionCookie, sessionCookie } from './credentials.ts';

/**
 * An HTTP request as `createContext` sees it, and the response headers its execution decides: the
 * session cookie a login sets or a logout clears.
 */
export function httpDoor(services: Services, request: Pick<Door, 'header' | 'method' | 'remoteAddress' | 'correlationId'>) {
  const headers: [string, string][] = [];
  // Behind plain node:http the scheme is never https: cookies are Secure in production, where TLS ends in front.
  const secure = services.config.env === 'production';
  const door: Door = {
    ...request,
    sessionCookie: {
      set: (token, expiresAt) => headers.push(['set-cookie', sessionCookie(token, expiresAt, secure)]),
      clear: () => headers.push(['set-cookie', clearedSessionCookie()]),
    },
  };
  return { door, headers };
}
