import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';
import type { Ctx, Services } from '../resolvers/context.ts';
import { originAllowed, presentedToken } from './credentials.ts';

type HeaderGetter = (name: string) => string | null | undefined;

export interface Door {
  header: HeaderGetter;
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

/** Any error the transport shows before executing anything: 401 for bad credentials, 403 for CSRF. */
export function requestError(error: AppError): GraphQLError {
  const status = error.code === 'UNAUTHENTICATED' ? 401 : 403;
  return new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
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
  return authenticate(em, presented.token, services.principals);
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
    correlationId: correlationIdOf(door.header),
    clientLabel: label && label.length <= 100 ? label : null,
    remoteAddress: door.remoteAddress,
    sessionCookie: door.sessionCookie,
    services,
  };
}
