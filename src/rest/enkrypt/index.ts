import { z } from 'zod';
import type { AppError } from '../../errors.ts';
import { VERSION } from '../../version.ts';
import { route, type Dialect } from '../route.ts';
import { configRoutes } from './configs.ts';
import { done, envelope } from './envelope.ts';
import { guardrailRoutes } from './guardrails.ts';
import { projectRoutes } from './projects.ts';
import { settingsRoutes } from './settings.ts';
import { systemRoutes } from './system.ts';
import { userRoutes } from './users.ts';

/** Seed 003 (Enkrypt): configurations are toolsets; projects, users and their API keys (project keys). */

const ERROR_TYPES: Partial<Record<AppError['code'], string>> = {
  BAD_USER_INPUT: 'Bad Request', GRAPHQL_VALIDATION_FAILED: 'Bad Request', UNAUTHENTICATED: 'Unauthorized', FORBIDDEN: 'Forbidden', NOT_FOUND: 'Not Found',
  METHOD_NOT_ALLOWED: 'Method Not Allowed', CONFLICT: 'Conflict', PAYLOAD_TOO_LARGE: 'Payload Too Large', UNSUPPORTED_MEDIA_TYPE: 'Unsupported Media Type',
  RATE_LIMITED: 'Too Many Requests', RESOURCE_EXHAUSTED: 'Too Many Requests', INTERNAL_SERVER_ERROR: 'Internal Server Error',
};

export const enkrypt: Dialect = {
  name: 'enkrypt',
  title: 'Enkrypt-compatible gateway API (/api/v1)',
  roots: ['/api/v1/configs', '/api/v1/projects', '/api/v1/users', '/api/v1/api-keys', '/api/v1/system', '/api/v1/settings', '/openapi.json'],
  openApiPath: '/openapi.json',
  errorBody: (error: AppError) => ({ error: ERROR_TYPES[error.code] ?? 'Bad Request', detail: error.message, timestamp: new Date().toISOString() }),
  errorSchema: z.object({ error: z.string(), detail: z.string(), timestamp: z.string() }),
  routes: [
    ...configRoutes,
    ...guardrailRoutes,
    ...projectRoutes,
    ...userRoutes,
    ...settingsRoutes,
    ...systemRoutes,
    route({
      method: 'GET', path: '/api/v1/system/health', summary: 'The gateway is up', response: envelope(z.object({ status: z.literal('ok'), version: z.string() })),
      handle: async () => done('System is healthy', { status: 'ok' as const, version: VERSION }),
    }),
  ],
};
