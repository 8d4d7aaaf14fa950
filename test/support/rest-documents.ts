import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import * as generated from '../../src/rest/gql/graphql.ts';

/** Every operation the REST layer declares (the documents codegen found in src/rest), with its type. */
export const REST_OPERATIONS: ReadonlyMap<string, string> = new Map(
  Object.values(generated as Record<string, unknown>)
    .filter((value): value is DocumentNode => (value as DocumentNode | undefined)?.kind === 'Document')
    .flatMap((document) => document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition'))
    .map((operation) => [operation.name!.value, operation.operation]),
);

/** How each dialect names its documents: a route may run only its own dialect's. */
export const DOCUMENT_PREFIX: Record<string, string> = { jungle: 'Jungle', apitraffic: 'Traffic', mcpstack: 'Stack', enkrypt: 'Enkrypt', ambassador: 'Ambassador' };
