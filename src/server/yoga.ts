import type { IncomingMessage } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { AppError } from '../errors.ts';
import type { Ctx, Services } from '../resolvers/context.ts';
import { schema } from '../schema/index.ts';
import { createContext, correlationIdOf, requestError } from './context.ts';
import { clearedSessionCookie, sessionCookie } from './credentials.ts';
import { errorCodes } from './error-codes.ts';
import { sharedSubscriptionResults } from './shared-results.ts';

export const GRAPHQL_PATH = '/graphql';

interface ServerContext {
  req?: IncomingMessage;
}

/** Errors meant for clients keep their message and get a stable code; anything else is masked and logged. */
function maskError(services: Services) {
  return (error: unknown, message: string): Error => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const original = graphqlError ? graphqlError.originalError : error;
    if (original instanceof AppError) {
      return new GraphQLError(original.message, {
        nodes: graphqlError?.nodes,
        path: graphqlError?.path,
        extensions: { code: original.code, ...(original.details && { details: original.details }) },
      });
    }
    if (graphqlError && (!original || original instanceof GraphQLError)) return graphqlError;
    services.log.error('unexpected error', { error: (original as Error)?.stack ?? String(original) });
    return new GraphQLError(message, { path: graphqlError?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

const introspectionOff: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

/** Response headers decided during execution: the session cookie and the correlation id. */
const responseHeaders = new WeakMap<Request, Headers>();

const applyResponseHeaders: Plugin = {
  onResponse: ({ request, response }) => {
    responseHeaders.get(request)?.forEach((value, name) => response.headers.append(name, value));
  },
};

export function createGraphQLServer(services: Services) {
  const { config } = services;
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: 12 },
      costLimit: { enabled: false },
      maxAliases: { n: 15 },
      maxTokens: { n: 2_000 },
      maxDirectives: { n: 10 },
      blockFieldSuggestion: { enabled: !config.introspection },
    }) as Plugin,
    applyResponseHeaders,
    errorCodes,
    sharedSubscriptionResults,
  ];
  if (!config.introspection) plugins.push(introspectionOff);

  return createYoga<ServerContext, Ctx>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: config.graphiql ? { subscriptionsProtocol: 'WS' } : false,
    landingPage: false,
    logging: false,
    cors: config.allowedOrigins.length ? { origin: config.allowedOrigins, credentials: true } : false,
    maskedErrors: { maskError: maskError(services), isDev: false },
    plugins,
    context: async ({ request, req }) => {
      const headers = new Headers({ 'x-correlation-id': correlationIdOf((n) => request.headers.get(n)) });
      responseHeaders.set(request, headers);
      const secure = request.url.startsWith('https:') || config.env === 'production';
      try {
        return await createContext(services, {
          header: (name) => (name === 'x-correlation-id' ? headers.get(name) : request.headers.get(name)),
          method: request.method,
          remoteAddress: req?.socket.remoteAddress ?? null,
          sessionCookie: {
            set: (token, expiresAt) => headers.append('set-cookie', sessionCookie(token, expiresAt, secure)),
            clear: () => headers.append('set-cookie', clearedSessionCookie()),
          },
        });
      } catch (error) {
        throw error instanceof AppError ? requestError(error) : error;
      }
    },
  });
}

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;
