import { pathIs, type Route } from '../http/route.ts';
import type { Services } from '../resolvers/context.ts';
import { createGraphQLHttpHandler } from './graphql-json.ts';
import { attachGraphQLWebSocket } from './ws.ts';
import { createGraphQLServer, GRAPHQL_PATH, MAX_GRAPHQL_BYTES } from './yoga.ts';

/** The policy of the GraphQL door: browsers use it (session cookie, CSRF-checked), as do API clients. */
export const GRAPHQL_POLICY = {
  name: 'graphql',
  matches: pathIs(GRAPHQL_PATH),
  bodyLimit: MAX_GRAPHQL_BYTES,
  origin: 'ambient',
  cookies: true,
  errorBody: (error) => ({ errors: [{ message: error.message, extensions: { code: error.code } }] }),
} as const satisfies Omit<Route, 'handle'>;

/** `/graphql`: GraphQL over HTTP (JSON and server-sent events) and graphql-ws upgrades. */
export function graphqlRoute(services: Services) {
  const yoga = createGraphQLServer(services);
  const ws = attachGraphQLWebSocket(yoga, services);
  const route: Route = {
    ...GRAPHQL_POLICY,
    handle: createGraphQLHttpHandler(yoga, services),
    upgrade: (req, socket, head) => ws.handleUpgrade(req, socket, head),
  };
  return {
    route,
    yoga,
    async close() {
      await ws.close();
      await yoga.dispose();
    },
  };
}
