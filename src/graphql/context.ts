import { GraphQLError } from 'graphql';
import { authenticateCredential } from '../auth/authenticate.ts';
import type { PresentedCredential } from '../auth/presented.ts';
import type { AppError } from '../errors.ts';
import { clearedSessionCookie, sessionCookie } from '../http/cookies.ts';
import type { Exchange } from '../http/exchange.ts';
import { errorHeaders, HTTP_STATUS } from '../http/status.ts';
import type { Ctx, Services } from '../resolvers/context.ts';

/** What a GraphQL operation knows of the request that carried it, whichever transport that was. */
export interface Door {
  credential: PresentedCredential | null;
  correlationId: string;
  remoteAddress: string | null;
  clientLabel: string | null;
  sessionCookie?: Ctx['sessionCookie'];
}

/** An error the transport shows before executing anything, with its HTTP status and headers. */
export function requestError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(error.details && { details: error.details }), http: { status: HTTP_STATUS[error.code], headers: errorHeaders(error) } },
  });
}

/**
 * The door of an HTTP exchange, and the response headers its execution decides: the session cookie a
 * login sets or a logout clears.
 */
export function exchangeDoor(services: Services, exchange: Exchange): { door: Door; headers: [string, string][] } {
  const headers: [string, string][] = [];
  // Behind plain node:http the scheme is never https: cookies are Secure in production, where TLS ends in front.
  const secure = services.config.env === 'production';
  const door: Door = {
    credential: exchange.credential,
    correlationId: exchange.correlationId,
    remoteAddress: exchange.remoteAddress,
    clientLabel: exchange.clientLabel,
    sessionCookie: {
      set: (token, expiresAt) => headers.push(['set-cookie', sessionCookie(token, expiresAt, secure)]),
      clear: () => headers.push(['set-cookie', clearedSessionCookie()]),
    },
  };
  return { door, headers };
}

/** Builds the per-request context every resolver receives, whichever transport the request came by. */
export async function createContext(services: Services, door: Door): Promise<Ctx> {
  const em = services.orm.em.fork();
  const principalTicket = services.principals.ticket();
  const principal = await authenticateCredential(em, door.credential, { cache: services.principals, attempts: services.attempts, source: door.remoteAddress });
  return {
    em,
    principal,
    principalTicket,
    correlationId: door.correlationId,
    clientLabel: door.clientLabel,
    remoteAddress: door.remoteAddress,
    sessionCookie: door.sessionCookie,
    services,
  };
}
