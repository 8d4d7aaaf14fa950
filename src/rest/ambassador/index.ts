import { z } from 'zod';
import type { AppError } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { route, type Dialect } from '../route.ts';
import { catalogRoutes } from './catalog.ts';
import { groupRoutes } from './groups.ts';
import { userRoutes } from './users.ts';

/** Seed 004 (Ambassador): the admin API under `/v1/admin`, by session cookie or X-Admin-Key. */

const Login = graphql(`mutation AmbassadorLogin($input: LoginInput!) { login(input: $input) { token } }`);
const Audit = graphql(`query AmbassadorAudit($filter: AuditEventFilter, $limit: Int, $offset: Int) {
  auditLog(filter: $filter, limit: $limit, offset: $offset) {
    total limit offset events { id type occurredAt correlationId actor { name } clientLabel serverName toolName status durationMs }
  }
}`);

const AuditQuery = z.object({
  limit: z.coerce.number().int().optional(), offset: z.coerce.number().int().optional(), type: z.string().optional(), user: z.string().optional(),
  mcp: z.string().optional(), tool: z.string().optional(), from: z.string().optional(), to: z.string().optional(),
});
const AuditOut = z.object({
  total: z.number(), limit: z.number(), offset: z.number(),
  events: z.array(z.object({
    id: z.string(), event_type: z.string(), timestamp: z.string(), correlation_id: z.string(), user_username: z.string().nullable(), client_label: z.string().nullable(),
    mcp_name: z.string().nullable(), tool_name: z.string().nullable(), result_status: z.string(), duration_ms: z.number().nullable(),
  })),
});

/** The seed's headline per status; `details` says what it was about. */
const HEADLINES: Partial<Record<AppError['code'], string>> = {
  BAD_USER_INPUT: 'Validation error', GRAPHQL_VALIDATION_FAILED: 'Validation error', UNAUTHENTICATED: 'Unauthorized', FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found', METHOD_NOT_ALLOWED: 'Method not allowed', CONFLICT: 'Conflict', PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type', RATE_LIMITED: 'Too many requests', RESOURCE_EXHAUSTED: 'Too many requests',
  INTERNAL_SERVER_ERROR: 'Internal server error',
};

export const ambassador: Dialect = {
  name: 'ambassador',
  title: 'Ambassador-compatible admin API (/v1/admin)',
  roots: ['/v1/admin'],
  openApiPath: '/v1/admin/openapi.json',
  errorBody: (error: AppError) => ({ error: HEADLINES[error.code] ?? 'Bad request', details: error.message }),
  errorSchema: z.object({ error: z.string(), details: z.string().optional() }),
  routes: [
    route({
      method: 'POST', path: '/v1/admin/login', summary: 'Log in: the session token, also set as the session cookie', anonymous: true, body: z.object({ username: z.string(), password: z.string() }),
      response: z.object({ token: z.string() }),
      handle: async ({ run, body }) => ({ token: (await run(Login, { input: body })).login.token }),
    }),
    ...userRoutes,
    ...groupRoutes,
    ...catalogRoutes,
    route({
      method: 'GET', path: '/v1/admin/audit', summary: 'The audit log, paged by limit and offset', query: AuditQuery, response: AuditOut,
      handle: async ({ run, query: { limit, offset, type, user, mcp, tool, from, to } }) => {
        const { auditLog } = await run(Audit, { limit, offset, filter: { type, user, server: mcp, tool, from, to } });
        return {
          total: auditLog.total, limit: auditLog.limit, offset: auditLog.offset,
          events: auditLog.events.map((e) => ({
            id: e.id, event_type: e.type, timestamp: e.occurredAt, correlation_id: e.correlationId, user_username: e.actor?.name ?? null, client_label: e.clientLabel ?? null,
            mcp_name: e.serverName ?? null, tool_name: e.toolName ?? null, result_status: e.status.toLowerCase(), duration_ms: e.durationMs ?? null,
          })),
        };
      },
    }),
  ],
};
