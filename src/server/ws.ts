import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { GraphQLError } from 'graphql';
import { WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../resolvers/context.ts';
import { createContext } from './context.ts';
import { originAllowed, presentedToken } from './credentials.ts';
import { serveGraphQLOverWebSocket } from './ws-binding.ts';
import type { GraphQLServer } from './yoga.ts';

type Enveloped = ReturnType<GraphQLServer['getEnveloped']>;
interface RootValue { execute: Enveloped['execute']; subscribe: Enveloped['subscribe'] }

/** The token of a graphql-ws connection: `connectionParams.authorization` (or `token`), else the upgrade request. */
function connectionToken(params: Record<string, unknown> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization ?? params?.token;
  return typeof value === 'string' ? value.replace(/^Bearer\s+/i, '').trim() : null;
}

/**
 * graphql-ws on the GraphQL path, executing through the same envelop (plugins, limits, masking) as HTTP.
 * The credential is checked when the socket connects and again for every operation, so a revoked token
 * cannot start new subscriptions on an old socket.
 */
export function attachGraphQLWebSocket(httpServer: Server, yoga: GraphQLServer, services: Services) {
  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  serveGraphQLOverWebSocket<Record<string, unknown> | undefined>(
    {
      execute: (args) => (args.rootValue as RootValue).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args as ExecutionArgs),
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        const param = connectionToken(ctx.connectionParams);
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
      onSubscribe: async (ctx, _id, params) => {
        const request = ctx.extra.request;
        const { schema, execute, subscribe, parse, validate } = yoga.getEnveloped({ ...ctx, req: request, params });
        let contextValue;
        try {
          contextValue = await createContext(services, {
            header: (name) => request.headers[name] as string | undefined,
            method: 'GET',
            remoteAddress: request.socket.remoteAddress ?? null,
            token: connectionToken(ctx.connectionParams),
          });
        } catch (error) {
          if (error instanceof AppError) return [new GraphQLError(error.message, { extensions: { code: error.code } })];
          throw error;
        }
        const document = parse(params.query);
        const errors = validate(schema, document);
        if (errors.length) return errors;
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute, subscribe } satisfies RootValue,
        };
      },
    },
    wsServer,
    services.log,
  );
  return {
    async close() {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
