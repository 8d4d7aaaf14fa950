import { type AppError, ErrorCode } from '../errors.ts';

/** The one table from an error's code to the HTTP status every door answers it with. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.GRAPHQL_PARSE_FAILED]: 400,
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.METHOD_NOT_ALLOWED]: 405,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.RESOURCE_EXHAUSTED]: 429,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/** The headers that go with an error's status: when to retry, and how to authenticate. */
export function errorHeaders(error: AppError): Record<string, string> {
  if (error.code === ErrorCode.RATE_LIMITED) return { 'retry-after': String(error.details?.retryAfterSeconds ?? 60) };
  if (error.code === ErrorCode.UNAUTHENTICATED) return { 'www-authenticate': 'Bearer realm="switchboard"' };
  return {};
}
