import type { ServerResponse } from 'node:http';
import { AppError, ErrorCode, notFound, unauthenticated } from '../errors.ts';
import type { GraphQLServer } from '../graphql/yoga.ts';
import type { Exchange } from '../http/exchange.ts';
import { pathUnder, type Route } from '../http/route.ts';
import type { Services } from '../resolvers/context.ts';
import { parseInput } from '../resolvers/input.ts';
import { openApiDocument } from './openapi.ts';
import { graphQLCaller } from './operations.ts';
import { compilePath, matchPath, type Dialect, type RestRoute } from './route.ts';

export const MAX_REST_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

type Found = { route: RestRoute; params: Record<string, string> } | 'other method' | null;

function find(table: { route: RestRoute; path: ReturnType<typeof compilePath> }[], method: string, path: string): Found {
  let pathKnown = false;
  for (const { route, path: compiled } of table) {
    const params = matchPath(compiled, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathKnown = true;
  }
  return pathKnown ? 'other method' : null;
}

/** The request body as the route declares it: JSON of its shape, or a refusal naming what is wrong. */
async function bodyOf(exchange: Exchange, route: RestRoute): Promise<{ value: unknown } | null> {
  if (!route.body) return { value: undefined };
  const raw = await exchange.body(route.bodyLimit ?? MAX_REST_BYTES);
  if (!raw) return null;
  let value: unknown;
  if (raw.length) {
    if (!JSON_TYPE.test(exchange.req.headers['content-type'] ?? '')) throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The body must be JSON (Content-Type: application/json)');
    try {
      value = JSON.parse(raw.toString());
    } catch {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'The body is not valid JSON');
    }
  }
  return { value: parseInput(route.body, value) };
}

/** A refusal that names GraphQL's input fields (`allowList: …`), reworded with the names the caller sent (`allow_list: …`). */
function inDialectTerms(error: AppError, fields: Record<string, string>): AppError {
  if (error.code !== ErrorCode.BAD_USER_INPUT) return error;
  const rename = (name: string) => (Object.hasOwn(fields, name) ? fields[name]! : name);
  const message = error.message.split('; ').map((part) => part.replace(/^([A-Za-z_]\w*)(?=[.:])/, (name) => rename(name))).join('; ');
  const field = typeof error.details?.field === 'string' ? { field: rename(error.details.field) } : {};
  return new AppError(error.code, message, { ...error.details, ...field });
}

function send(res: ServerResponse, status: number, headers: [string, string][], body: unknown): void {
  res.statusCode = status;
  for (const [name, value] of headers) res.appendHeader(name, value);
  if (status === 204 || body === undefined) {
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * A dialect mounted on the edge: its routes matched by method and path, bodies read and checked, and
 * every route's documents run as the caller through the GraphQL pipeline; errors in the dialect's shape.
 */
export function dialectDoor(dialect: Dialect, yoga: GraphQLServer, services: Services): Route {
  const table = dialect.routes.map((route) => ({ route, path: compilePath(route.path) }));
  const under = dialect.roots.map(pathUnder);
  const openApi = openApiDocument(dialect);
  const secret = table.filter(({ route }) => route.secretParams?.length);
  const door: Route = {
    name: `rest:${dialect.name}`,
    matches: (path) => under.some((matches) => matches(path)),
    loggedPath(path) {
      for (const { route, path: compiled } of secret) {
        const params = matchPath(compiled, path);
        if (params) return route.path.replace(/:(\w+)/g, (_m, name: string) => (route.secretParams!.includes(name) ? '[redacted]' : encodeURIComponent(params[name] ?? '')));
      }
      return path;
    },
    bodyLimit: Math.max(MAX_REST_BYTES, ...dialect.routes.map((route) => route.bodyLimit ?? 0)),
    origin: 'ambient',
    cookies: true,
    errorBody: dialect.errorBody,
    async handle(exchange) {
      if (exchange.req.method === 'GET' && exchange.path === dialect.openApiPath) return send(exchange.res, 200, [], openApi);
      const found = find(table, exchange.req.method ?? 'GET', exchange.path);
      if (!found) return exchange.fail(notFound(`No such endpoint: ${exchange.path}`));
      if (found === 'other method') return exchange.fail(new AppError(ErrorCode.METHOD_NOT_ALLOWED, `${exchange.req.method} is not allowed on ${exchange.path}`));
      let headers: [string, string][] = [];
      try {
        // Who is calling comes first: a caller who is nobody learns nothing of what a route takes.
        const caller = await graphQLCaller(yoga, services, exchange);
        headers = caller.headers;
        if (!caller.authenticated && !found.route.anonymous) throw unauthenticated();
        const body = await bodyOf(exchange, found.route);
        if (!body) return;
        const given = Object.fromEntries(new URLSearchParams((exchange.req.url ?? '').split('?')[1] ?? ''));
        const query = found.route.query ? parseInput(found.route.query, given) : undefined;
        const result = await found.route.handle({ params: found.params, query, body: body.value, run: caller.run, publicUrl: services.publicUrl() });
        send(exchange.res, found.route.status ?? 200, headers, result);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const [name, value] of headers) exchange.res.appendHeader(name, value);
        exchange.fail(found.route.fields ? inDialectTerms(error, found.route.fields) : error);
      }
    },
  };
  return door;
}
