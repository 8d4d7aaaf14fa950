import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.ts';

/**
 * Every error a client sees carries `extensions.code`. Errors raised before execution (by yoga, graphql-js
 * or graphql-armor) come without one or with yoga's own; this gives them the codes clients expect.
 */
export function codeFor(error: GraphQLError): string | undefined {
  const code = error.extensions?.code;
  if (code === 'BAD_REQUEST') return ErrorCode.BAD_USER_INPUT;
  if (code) return undefined;
  if (/^Syntax Error: .*(limit|exceeded)/i.test(error.message)) return ErrorCode.GRAPHQL_VALIDATION_FAILED;
  if (error.message.startsWith('Syntax Error')) return ErrorCode.GRAPHQL_PARSE_FAILED;
  if (/^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/.test(error.message)) return ErrorCode.BAD_USER_INPUT;
  return undefined;
}

function tag(errors: readonly GraphQLError[] | undefined) {
  for (const error of errors ?? []) {
    const code = codeFor(error);
    if (code) (error.extensions as Record<string, unknown>).code = code;
  }
}

export function tagErrorCodes(result: unknown): void {
  if (Array.isArray(result)) for (const r of result) tag(r.errors);
  else if (result && typeof result === 'object' && 'errors' in result) tag(result.errors as GraphQLError[]);
}

export const errorCodes: Plugin = {
  onResultProcess: ({ result }) => tagErrorCodes(result),
};
