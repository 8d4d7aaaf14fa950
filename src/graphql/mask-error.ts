import { GraphQLError } from 'graphql';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';

export const UNEXPECTED_ERROR = 'Unexpected error.';

/** Errors meant for clients keep their message and get a stable code; anything else is masked and logged. */
export function maskError(log: Logger) {
  return (error: unknown, message = UNEXPECTED_ERROR): GraphQLError => {
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
    log.error('unexpected error', { error: (original as Error)?.stack ?? String(original) });
    return new GraphQLError(message, { path: graphqlError?.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  };
}

export type ErrorMask = ReturnType<typeof maskError>;
