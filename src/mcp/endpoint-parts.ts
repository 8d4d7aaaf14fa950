import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, unauthenticated } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Services } from '../resolvers/context.ts';
import type { CatalogCache } from './catalog.ts';
import type { InvocationCounter } from './invocations.ts';
import type { Supervisor } from './supervisor.ts';
import type { ToolListStreams } from './tool-list-streams.ts';

/** What the /mcp endpoint serves with. */
export interface Parts {
  services: Services;
  supervisor: Supervisor;
  catalog: CatalogCache;
  invocations: InvocationCounter;
  toolLists: ToolListStreams;
}

/**
 * The caller behind the request's bearer token, or null once the refusal is answered. The entity manager
 * is forked only when the token is not cached: a fork costs more than the rest of a cached lookup.
 */
export async function principalOf(services: Services, exchange: Exchange): Promise<Principal | null> {
  try {
    if (!exchange.credential) throw unauthenticated('A bearer token is required');
    return await authenticate(() => services.orm.em.fork(), exchange.credential.token, { cache: services.principals, attempts: services.attempts, source: exchange.remoteAddress });
  } catch (error) {
    if (error instanceof AppError) return (exchange.fail(error), null);
    throw error;
  }
}
