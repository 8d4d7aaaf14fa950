import type { ServerResponse } from 'node:http';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { processRegularResult } from 'graphql-yoga';
import { AppError } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Services } from '../resolvers/context.ts';
import { jsonResponseType } from './accept.ts';
import { createContext, exchangeDoor, requestError } from './context.ts';
import { tagErrorCodes } from './error-codes.ts';
import type { GraphQLServer } from './yoga.ts';

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

function head(res: ServerResponse, status: number, headers: [string, string][]): ServerResponse {
  res.statusCode = status;
  for (const [name, value] of headers) res.appendHeader(name, value);
  return res;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optional = (value: unknown, is: (v: unknown) => boolean) => value == null || is(value);

/** A body yoga would accept as is; anything else is left to yoga, which explains what is wrong with it. */
function plainParams(body: string): Params | null {
  let params: unknown;
  try {
    params = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObject(params) || typeof params.query !== 'string') return null;
  if (Object.keys(params).some((key) => !['query', 'variables', 'operationName', 'extensions'].includes(key))) return null;
  const { variables, operationName, extensions } = params;
  if (!optional(variables, isObject) || !optional(operationName, (v) => typeof v === 'string') || !optional(extensions, isObject)) return null;
  return params as unknown as Params;
}

/**
 * GraphQL over HTTP. The common request (a JSON POST from an API client, no browser Origin) is executed
 * without yoga's Fetch API adapter, which took two thirds of a simple query's time: the same envelop
 * (armor limits, caches, masking, plugins), the same context and the same result processing. Anything
 * else, and whatever is not a valid query or mutation, is answered by yoga itself from the body already
 * read, before anything is executed, so every error is yoga's; a refused credential is answered as
 * yoga's context answers it.
 */
export function createGraphQLHttpHandler(yoga: GraphQLServer, services: Services) {
  /** Yoga answers from the body already read; its answer may be a stream (a subscription over SSE). */
  const relay = async (exchange: Exchange, body: Buffer | undefined) => {
    const { req, res } = exchange;
    const headers = Object.entries(req.headers).flatMap(([name, value]): [string, string][] => [value ?? []].flat().map((v) => [name, v]));
    // The Host header was checked by name only: a URL of it (`localhost:abc`) might not parse.
    const response = await yoga.fetch(`http://localhost${req.url}`, { method: req.method, headers, body: body?.toString() }, { exchange });
    head(res, response.status, [...response.headers]);
    const reader = response.body?.getReader();
    res.once('close', () => void reader?.cancel().catch(() => {}));
    for (let chunk = await reader?.read(); chunk && !chunk.done && !res.destroyed; chunk = await reader!.read()) {
      // A slow reader of a stream holds its producer back instead of growing our buffer.
      if (!res.write(chunk.value)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  };

  const send = (res: ServerResponse, status: number, headers: [string, string][], body: string) => head(res, status, headers).end(body);

  async function execute(exchange: Exchange, body: Buffer, responseType: string) {
    const params = plainParams(body.toString());
    if (!params) return relay(exchange, body);
    const { res } = exchange;
    // Yoga's plugins know one of its HTTP requests by `request` in the context: a parse error, which is
    // cached and may be thrown again for yoga itself, must be marked as HTTP 400 as yoga marks it.
    const initial = { req: exchange.req, params, request: { method: 'POST' } as Request };
    const { schema, parse, validate, execute } = yoga.getEnveloped(initial);
    let document: DocumentNode | null = null;
    try {
      const parsed = parse(params.query);
      if (!validate(schema, parsed).length) document = parsed;
    } catch {
      // graphql-armor's limits throw from parse and validate
    }
    const operation = document && getOperationAST(document, params.operationName);
    if (!document || !operation || operation.operation === 'subscription') return relay(exchange, body);
    const { door, headers } = exchangeDoor(services, exchange);
    let contextValue;
    try {
      // Envelop's own context object, extended: plugins find at execute what they noted at parse (metrics).
      contextValue = Object.assign(initial, await createContext(services, door));
    } catch (error) {
      // Answered here, as yoga's context would answer it: relaying would authenticate (and count) twice.
      if (!(error instanceof AppError)) throw error;
      const response = await processRegularResult({ errors: [requestError(error)] }, yoga.fetchAPI, responseType);
      return send(res, response.status, [...response.headers, ...headers], await response.text());
    }
    const result = (await execute({ schema, document, contextValue, variableValues: params.variables, operationName: params.operationName })) as ExecutionResult;
    if (!result.errors?.length && !result.extensions) {
      return send(res, 200, [['content-type', `${responseType}; charset=utf-8`], ...headers], JSON.stringify(result));
    }
    tagErrorCodes(result);
    const response = await processRegularResult(result, yoga.fetchAPI, responseType);
    send(res, response.status, [...response.headers, ...headers], await response.text());
  }

  return async (exchange: Exchange): Promise<void> => {
    const { req } = exchange;
    if (req.method !== 'POST') return relay(exchange, undefined);
    const body = await exchange.body();
    if (!body) return;
    const responseType = jsonResponseType(req.headers.accept);
    const contentType = req.headers['content-type']?.toLowerCase();
    const lean = !req.headers.origin && responseType && (contentType === 'application/json' || contentType === 'application/json; charset=utf-8');
    await (lean ? execute(exchange, body, responseType) : relay(exchange, body));
  };
}
