import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Ctx } from '../resolvers/context.ts';
import { tagErrorCodes } from './error-codes.ts';
import type { GraphQLServer } from './yoga.ts';

const sources = new WeakMap<DocumentNode, string>();
const sourceOf = (document: DocumentNode) => {
  let source = sources.get(document);
  if (source === undefined) sources.set(document, (source = print(document)));
  return source;
};

/**
 * Runs one typed document in process through the same envelop as `/graphql` (limits, masking, plugins),
 * with `context` as the operation's context: the REST doors and the startup configuration use it, so
 * neither can do more than its documents. Errors come back tagged with their codes, as on the wire.
 */
export async function executeInProcess<Result, Variables>(
  yoga: GraphQLServer, context: Ctx, typed: TypedDocumentNode<Result, Variables>, variables: Variables, req?: IncomingMessage,
): Promise<ExecutionResult<Result>> {
  const query = sourceOf(typed);
  const params = { query, variables: variables as Record<string, unknown> };
  const initial = { ...(req && { req }), params, request: { method: 'POST' } as Request };
  const { schema, parse, validate, execute } = yoga.getEnveloped(initial);
  const document = parse(query);
  const invalid = validate(schema, document)[0];
  // The documents are checked against the schema at build time: one that fails here is our defect.
  if (invalid) throw new Error(`in-process document does not validate: ${invalid.message}`);
  // Envelop's own context object, extended with the operation's: plugins find at execute what they noted at parse.
  const result = (await execute({ schema, document, contextValue: Object.assign(initial, context), variableValues: params.variables })) as ExecutionResult<Result>;
  tagErrorCodes(result);
  return result;
}
