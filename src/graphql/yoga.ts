import { useOpenTelemetry } from '@envelop/opentelemetry';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { AppError, ErrorCode } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Ctx, Services } from '../resolvers/context.ts';
import { schema } from '../schema/index.ts';
import { acceptsEventStream } from './accept.ts';
import { createContext, exchangeDoor, requestError } from './context.ts';
import { errorCodes } from './error-codes.ts';
import { maskError } from './mask-error.ts';
import { refuseNulBytes } from './nul-bytes.ts';
import { sharedSubscriptionResults } from './shared-results.ts';

export const GRAPHQL_PATH = '/graphql';
/** The largest GraphQL request: a document with its variables, over HTTP or as one graphql-ws message. */
export const MAX_GRAPHQL_BYTES = 1024 * 1024;

/** Parse, validate and execute histograms and error counts, labelled by operation type only: names are the caller's. */
const graphqlPhaseMetrics = (services: Services) => usePrometheus({
  registry: services.metrics.registry,
  endpoint: false,
  skipIntrospection: true,
  labels: { operationType: true, operationName: false, fieldName: false, typeName: false, returnType: false, path: false },
  metrics: {
    graphql_envelop_phase_parse: true, graphql_envelop_phase_validate: true, graphql_envelop_phase_execute: true, graphql_envelop_error_result: true,
    graphql_envelop_phase_context: false, graphql_envelop_phase_subscribe: false, graphql_envelop_request: false, graphql_envelop_request_duration: false,
    graphql_envelop_request_time_summary: false, graphql_envelop_deprecated_field: false, graphql_envelop_schema_change: false, graphql_yoga_http_duration: false,
  },
});

/** SpanKind.INTERNAL (the edge's span is the server's), in the plugin's own copy of the API's types. */
const INTERNAL = 0 as Parameters<typeof useOpenTelemetry>[2];

/**
 * A span per operation, child of the edge's. Resolvers, variables and results stay out: they carry
 * people's data. The document is kept only when it has no inline argument (the plugin's rule).
 */
const graphqlSpans = (services: Services) =>
  useOpenTelemetry({ resolvers: false, variables: false, result: false }, services.telemetry.provider as Parameters<typeof useOpenTelemetry>[1], INTERNAL, {}, 'switchboard-graphql') as Plugin;

const GRAPHIQL_QUERY = `# Put your token in the Headers tab below:
#   { "Authorization": "Bearer sbu_…" }
{
  viewer { username role organization { slug } }
}
`;

/** Every request reaches yoga through the edge, which hands it the exchange. */
interface ServerContext {
  exchange: Exchange;
}

const introspectionOff: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

/**
 * A subscription over HTTP is a stream of server-sent events: refused before it starts when the client
 * does not accept one. Yoga would answer 406 and leave the subscription running with nobody to read it.
 */
const subscriptionsAreStreams: Plugin = {
  onSubscribe: ({ args, setResultAndStopExecution }) => {
    const { request } = args.contextValue as { request?: Request };
    if (!request || acceptsEventStream(request.headers.get('accept') ?? undefined)) return;
    setResultAndStopExecution({
      errors: [new GraphQLError('A subscription over HTTP is a text/event-stream: accept it, or subscribe over graphql-ws', {
        extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 406, headers: { accept: 'text/event-stream' } } },
      })],
    });
  },
};

/** Response headers decided during execution: the session cookie and the correlation id. */
const responseHeaders = new WeakMap<Request, [string, string][]>();

const applyResponseHeaders: Plugin = {
  onResponse: ({ request, response }) => {
    for (const [name, value] of responseHeaders.get(request) ?? []) response.headers.append(name, value);
  },
};

export function createGraphQLServer(services: Services) {
  const { config } = services;
  const mask = maskError(services.log);
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
    refuseNulBytes,
    sharedSubscriptionResults(mask),
    subscriptionsAreStreams,
    graphqlPhaseMetrics(services),
    graphqlSpans(services),
  ];
  if (!config.introspection) plugins.push(introspectionOff);

  return createYoga<ServerContext, Ctx>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: config.graphiql ? { subscriptionsProtocol: 'WS', defaultQuery: GRAPHIQL_QUERY } : false,
    // Served from the installed package, scripts and all: GraphiQL works without internet access. Its
    // 9 MB bundle loads on the first page asked for, not at every start.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    landingPage: false,
    logging: false,
    cors: config.allowedOrigins.length ? { origin: config.allowedOrigins, credentials: true } : false,
    maskedErrors: { maskError: mask, isDev: false },
    plugins,
    context: async ({ request, exchange }) => {
      const { door, headers } = exchangeDoor(services, exchange);
      responseHeaders.set(request, headers);
      try {
        return await createContext(services, door);
      } catch (error) {
        throw error instanceof AppError ? requestError(error) : error;
      }
    },
  });
}

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;
