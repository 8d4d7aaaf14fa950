import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/presented.ts';
import { VERSION } from '../version.ts';
import type { Dialect, RestRoute } from './route.ts';

/** The JSON Schema of a wire shape, as OpenAPI 3.1 takes it (JSON Schema 2020-12, without `$schema`). */
function schemaOf(type: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schema;
}

const ERROR_STATUSES: Record<string, string> = {
  400: 'The request is malformed or a field is invalid (the error names it)',
  401: 'No credential, or one that does not authenticate',
  403: 'The caller may not do this',
  404: 'No such resource (or one the caller may not see)',
  409: 'It conflicts with what exists',
  413: 'The body is too large',
  415: 'The body is not JSON',
};

/** `/api/v0/clients/:name` as OpenAPI writes it: `/api/v0/clients/{name}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z_]\w*)/g, '{$1}');

/** The query string's parameters, from the route's z.object of them. */
function queryParameters(route: RestRoute) {
  if (!route.query) return [];
  const { properties = {}, required = [] } = schemaOf(route.query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', required: required.includes(name), schema }));
}

function operation(route: RestRoute, errorSchema: Record<string, unknown>) {
  const status = String(route.status ?? 200);
  const inPath = [...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const parameters = [...inPath, ...queryParameters(route)];
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: route.summary,
    ...(parameters.length && { parameters }),
    ...(route.body && { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } }),
    responses: {
      [status]: {
        description: 'Success',
        ...(status !== '204' && route.response && { content: { 'application/json': { schema: schemaOf(route.response) } } }),
      },
      ...Object.fromEntries(Object.entries(ERROR_STATUSES).map(([code, description]) => [code, { description, content: { 'application/json': { schema: errorSchema } } }])),
    },
    security: route.anonymous ? [] : [{ bearer: [] }, { apiKey: [] }, { adminKey: [] }, { session: [] }],
  };
}

/** The dialect's OpenAPI 3.1 document, generated from its route table: every route is in it, and nothing else. */
export function openApiDocument(dialect: Dialect) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = schemaOf(dialect.errorSchema);
  for (const route of dialect.routes) {
    const path = (paths[openApiPath(route.path)] ??= {});
    path[route.method.toLowerCase()] = operation(route, errorSchema);
  }
  return {
    openapi: '3.1.0',
    info: { title: dialect.title, version: VERSION },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        adminKey: { type: 'apiKey', in: 'header', name: 'X-Admin-Key' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
    },
  };
}
