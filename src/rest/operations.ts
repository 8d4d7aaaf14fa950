import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLError } from 'graphql';
import { AppError, ErrorCode } from '../errors.ts';
import { createContext, exchangeDoor } from '../graphql/context.ts';
import { executeInProcess } from '../graphql/in-process.ts';
import type { GraphQLServer } from '../graphql/yoga.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Services } from '../resolvers/context.ts';

const CODES = new Set<string>(Object.values(ErrorCode));

/** A GraphQL error as the AppError it was (masked ones stay masked: an internal error). */
function appErrorOf(error: GraphQLError): AppError {
  const code = error.extensions?.code;
  const known = typeof code === 'string' && CODES.has(code);
  return new AppError(known ? (code as ErrorCode) : ErrorCode.INTERNAL_SERVER_ERROR, error.message, error.extensions?.details as Record<string, unknown> | undefined);
}

/**
 * The caller of a REST request, as GraphQL sees them: one context (one authentication) for the request,
 * and its documents run through the same envelop as `/graphql` (limits, masking, plugins), so a route can
 * never do more than its documents, and leaves the audit events they leave.
 */
export async function graphQLCaller(yoga: GraphQLServer, services: Services, exchange: Exchange) {
  const { door, headers } = exchangeDoor(services, exchange);
  const contextValue = await createContext(services, door);
  async function run<Result, Variables>(typed: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const result = await executeInProcess(yoga, contextValue, typed, variables, exchange.req);
    const error = result.errors?.[0];
    if (error) throw appErrorOf(error);
    return result.data as Result;
  }
  return { run, headers, authenticated: contextValue.principal !== null };
}
