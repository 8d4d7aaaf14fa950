import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getOperationAST, GraphQLError } from 'graphql';
import { WebSocketServer } from 'ws';
import { sourceKey } from '../auth/attempts.ts';
import { authenticateCredential } from '../auth/authenticate.ts';
import { presentedCredential } from '../auth/presented.ts';
import { AppError } from '../errors.ts';
import { clientAddress } from '../http/client-address.ts';
import { clientLabelOf, correlationIdOf, headersOf } from '../http/exchange.ts';
import { originAllowed } from '../http/origin.ts';
import type { Services } from '../resolvers/context.ts';
import { createContext } from './context.ts';
import { serveGraphQLOverWebSocket, type Connection, type OperationResult } from './graphql-ws-server.ts';
import { maskError } from './mask-error.ts';
import { nulByteError } from './nul-bytes.ts';
import { subscribeShared } from './shared-results.ts';
import { MAX_GRAPHQL_BYTES, type GraphQLServer } from './yoga.ts';

/** The credential of a graphql-ws connection: its connection params, else the upgrade request's. */
const connectionCredential = (request: IncomingMessage, params: Record<string, unknown> | undefined) =>
  presentedCredential({ header: headersOf(request), params, cookies: true });

/**
 * graphql-ws on the GraphQL path, parsing, validating and executing through the same envelop (plugins,
 * limits, masking) as HTTP; subscription events are masked by the same function, without envelop.
 * The credential is checked when the socket connects and again for every operation, so a revoked token
 * cannot start new subscriptions on an old socket.
 */
export function attachGraphQLWebSocket(yoga: GraphQLServer, services: Services) {
  const { config } = services;
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: MAX_GRAPHQL_BYTES });
  const mask = maskError(services.log);
  /** Each accepted connection's slot in its holder's quota. */
  const slots = new WeakMap<Connection, () => void>();
  serveGraphQLOverWebSocket(wsServer, {
    async connect(connection) {
      const { request, params } = connection;
      const credential = connectionCredential(request, params);
      if (credential?.ambient && !originAllowed(request.headers.origin, request.headers.host, config.allowedOrigins)) return { refused: 'Origin not allowed' };
      const source = clientAddress(request, config.trustedProxies);
      let holder = `anonymous@${sourceKey(source)}`;
      try {
        const principal = await authenticateCredential(services.orm.em.fork(), credential, { cache: services.principals, attempts: services.attempts, source });
        if (principal) holder = principal.id;
      } catch (error) {
        if (error instanceof AppError) return { refused: error.message };
        throw error;
      }
      const release = services.streams.connection(holder);
      if (!release) return { refused: `At most ${config.limits.connectionsPerPrincipal} connections per principal` };
      slots.set(connection, release);
      return null;
    },
    disconnected(connection) {
      slots.get(connection)?.();
    },
    async operation({ request, params: connectionParams }, payload) {
      const initial = { req: request, params: payload };
      const { schema, execute, parse, validate } = yoga.getEnveloped(initial);
      let contextValue;
      try {
        const header = headersOf(request);
        // Envelop's own context object, extended: plugins find at execute what they noted at parse.
        contextValue = Object.assign(initial, await createContext(services, {
          credential: connectionCredential(request, connectionParams),
          // Each operation is a request of its own in the audit trail.
          correlationId: correlationIdOf(header),
          remoteAddress: clientAddress(request, config.trustedProxies),
          clientLabel: clientLabelOf(header),
        }));
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
      // Subscriptions skip envelop (below), so they are refused here as execute's plugin refuses the rest.
      const nul = operation.operation === 'subscription' ? nulByteError(document, payload.variables) : null;
      if (nul) return [nul];
      const args = { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      // Subscriptions skip envelop's per-event wrappers, which cost more than the rest of a delivery: no
      // plugin of ours acts on subscription events, and their errors are masked as execute's are.
      return async () => (operation.operation === 'subscription' ? subscribeShared(args, mask) : execute(args)) as Promise<OperationResult>;
    },
    mask,
  }, services.log, config.limits.subscriptionsPerConnection);
  return {
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit('connection', ws, request));
    },
    async close() {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
