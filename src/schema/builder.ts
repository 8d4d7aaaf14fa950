import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { typenameOfId } from '../db/ids.ts';
import type { Ctx } from '../resolvers/context.ts';
import { ErrorCode, notFound, unauthenticated } from '../errors.ts';

interface Types {
  Context: Ctx;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}

/** The types `node(id)` serves; other prefixed ids (memberships, events…) are no nodes. */
const NODE_TYPES = new Set(['Organization', 'User', 'Credential', 'McpServer', 'Tool', 'Group', 'Agent', 'ServiceAccount', 'Invitation', 'Toolset', 'Project']);

function knownId(ctx: Ctx, id: { typename: string; id: string }) {
  if (!ctx.principal) throw unauthenticated();
  if (!NODE_TYPES.has(id.typename)) throw notFound('Node');
  return id;
}

export type SchemaTypes = PothosSchemaTypes.ExtendDefaultTypes<Types>;

export const builder = new SchemaBuilder<Types>({
  plugins: [RelayPlugin, SimpleObjectsPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are already global: prefixed by type (`usr_…`), the same in GraphQL and every REST dialect.
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => ({ typename: typenameOfId(globalID) ?? '', id: globalID }),
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // An id of no known type is no node, but only a caller who could read nodes learns that.
    nodeQueryOptions: { resolve: (_root, { id }, ctx, _info, resolveNode) => resolveNode(knownId(ctx, id)) },
    nodesQueryOptions: { resolve: (_root, { ids }, ctx, _info, resolveNodes) => resolveNodes(ids.map((id) => knownId(ctx, id))) },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 10_000, depth: 12, breadth: 150 },
    complexityError: (kind, result) => {
      const measured = kind.toLowerCase() as 'depth' | 'breadth' | 'complexity';
      return new GraphQLError(`Query ${measured} ${result[measured]} exceeds the limit of ${result[`max${kind}`]}`, {
        extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
      });
    },
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
