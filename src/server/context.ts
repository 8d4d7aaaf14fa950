import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';
import type { Ctx, Services } from '../resolvers/context.ts';
import { originAllowed, presentedToken } from './credentials.ts';

type HeaderGetter = (name: string) => string | null | undefined;

export interface Door {
  header: HeaderGetter;
  correlationId: string;
  method: string;
  remoteAddress: string | null;
  /** Extra credentials given outside headers (graphql-ws connection params). */
  token?: string | null;
  sessionCookie?: Ctx['sessionCookie'];
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function correlationIdOf(header: HeaderGetter): string {
  const given = header('x-correlation-id') ?? header('x-request-id');
  return given && SAFE_ID.test(given) ? given : `corr_${randomUUID()}`;
}

const requestIds = new WeakMap<IncomingMessage, string>();

/** One correlation id per HTTP request, whichever part of the server asks for it. */
export function correlationIdOfRequest(req: IncomingMessage): string {
  let id = requestIds.get(req);
  if (!id) requestIds.set(req, (id = correlationIdOf((name) => req.headers[name] as string | undefined)));
  return id;
}

/** Any error the transport shows before executing anything: 401 for bad credentials, 403 for CSRF. */
export function requestError(error: AppError): GraphQLError {
  const status = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 }[error.code as string] ?? 403;
  const headers = error.code === 'RATE_LIMITED' ? { 'retry-after': String(error.details?.retryAfterSeconds) } : undefined;
  return new GraphQLError(error.message, { extensions: { code: error.code, ...(error.details && { details: error.details }), http: { status, headers } } });
}

async function principalFor(services: Services, em: Ctx['em'], door: Door): Promise<Principal | null> {
  const presented = door.token ? { token: door.token, ambient: false } : presentedToken(door.header);
  if (!presented) return null;
  if (presented.ambient) {
    const contentType = door.header('content-type') ?? '';
    const preflighted = door.method === 'GET' || /^application\/(graphql-response\+)?json/i.test(contentType) || !!door.header('x-switchboard-csrf');
    if (!preflighted || !originAllowed(door.header('origin'), door.header('host'), services.config.allowedOrigins)) {
      throw new AppError('FORBIDDEN', 'Cross-site request refused: send JSON, or the x-switchboard-csrf header, from an allowed origin');
    }
  }
  return authenticate(em, presented.token, { cache: services.principals, attempts: services.attempts, source: door.remoteAddress });
}

/** Builds the per-request context every resolver receives, whichever transport the request came by. */
export async function createContext(services: Services, door: Door): Promise<Ctx> {
  const em = services.orm.em.fork();
  const label = door.header('x-client-label');
  const principalTicket = services.principals.ticket();
  return {
    em,
    principal: await principalFor(services, em, door),
    principalTicket,
    correlationId: door.correlationId,
    clientLabel: label && label.length <= 100 ? label : null,
    remoteAddress: door.remoteAddress,
    sessionCookie: door.sessionCookie,
    services,
  };
}
