import type { Server } from 'node:http';
import { getOperationAST, GraphQLError } from 'graphql';
import { WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../resolvers/context.ts';
import { createContext } from './context.ts';
import { originAllowed, presentedToken } from './credentials.ts';
import { serveGraphQLOverWebSocket, type OperationResult } from './graphql-ws-server.ts';
import { maskError } from './mask-error.ts';
import { subscribeShared } from './shared-results.ts';
import type { GraphQLServer } from './yoga.ts';

/** The token of a graphql-ws connection: `connectionParams.authorization` (or `token`), else the upgrade request. */
function connectionToken(params: Record<string, unknown> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization ?? params?.token;
  return typeof value === 'string' ? value.replace(/^Bearer\s+/i, '').trim() : null;
}

/**
 * graphql-ws on the GraphQL path, parsing, validating and executing through the same envelop (plugins,
 * limits, masking) as HTTP; subscription events are masked by the same function, without envelop.
 * The credential is checked when the socket connects and again for every operation, so a revoked token
 * cannot start new subscriptions on an old socket.
 */
export function attachGraphQLWebSocket(httpServer: Server, yoga: GraphQLServer, services: Services) {
  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  const mask = maskError(services.log);
  serveGraphQLOverWebSocket(wsServer, {
    async connect({ request, params }) {
      const param = connectionToken(params);
      const presented = param !== null ? { token: param, ambient: false } : presentedToken((n) => request.headers[n] as string | undefined);
      if (!presented) return true;
      if (presented.ambient && !originAllowed(request.headers.origin, request.headers.host, services.config.allowedOrigins)) return false;
      try {
        await authenticate(services.orm.em.fork(), presented.token, services.principals);
        return true;
      } catch {
        return false;
      }
    },
    async operation({ request, params: connectionParams }, payload) {
      const { schema, execute, parse, validate } = yoga.getEnveloped({ req: request, params: payload });
      let contextValue;
      try {
        contextValue = await createContext(services, {
          header: (name) => request.headers[name] as string | undefined,
          method: 'GET',
          remoteAddress: request.socket.remoteAddress ?? null,
          token: connectionToken(connectionParams),
        });
      } catch (error) {
        if (error instanceof AppError) return [mask(error)];
        throw error;
      }
      let document;
      try {
        document = parse(payload.query);
        const errors = validate(schema, document);
        if (errors.length) return errors;
      } catch (error) {
        // graphql-armor's limits throw from parse and validate
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [new GraphQLError('Unable to identify operation')];
      const args = { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      // Subscriptions skip envelop's per-event wrappers, which cost more than the rest of a delivery: no
      // plugin of ours acts on subscription events, and their errors are masked as execute's are.
      return async () => (operation.operation === 'subscription' ? subscribeShared(args, mask) : execute(args)) as Promise<OperationResult>;
    },
    mask,
  }, services.log);
  return {
    async close() {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
