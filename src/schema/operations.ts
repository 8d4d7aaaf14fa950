import { OPERATION_KINDS, OPERATION_STATUSES, type DeploymentOperation } from '../db/deployment-operation.entity.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { getOperation, listOperations, operationFindings } from '../resolvers/operations.ts';
import { builder } from './builder.ts';
import { connectionOf, pageComplexity } from './common.ts';
import { enumOf } from './enums.ts';
import { McpServerRef } from './servers.ts';

const OperationRef = builder.objectRef<DeploymentOperation>('DeploymentOperation').implement({
  description: 'Something done to a server’s deployment: a validation, a publication, an archiving, a hosting check.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: enumOf('DeploymentOperationKind', OPERATION_KINDS), resolve: (o) => o.kind }),
    status: t.field({ type: enumOf('DeploymentOperationStatus', OPERATION_STATUSES), resolve: (o) => o.status }),
    environment: t.exposeString('environment'),
    requestedBy: t.exposeString('requestedBy', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (o) => o.createdAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (o) => o.finishedAt ?? null }),
    durationMs: t.float({ nullable: true, resolve: (o) => (o.finishedAt ? o.finishedAt.getTime() - o.createdAt.getTime() : null) }),
    error: t.string({ nullable: true, description: 'Why it failed. Operators only.', resolve: (o, _args, ctx) => operationFindings(ctx, o)?.error ?? null }),
    details: t.field({ type: 'JSON', nullable: true, description: 'What it found. Operators only.', resolve: (o, _args, ctx) => operationFindings(ctx, o)?.details ?? null }),
    server: t.field({ type: McpServerRef, resolve: (o) => o.server as McpServer }),
  }),
});

const OperationConnection = connectionOf(OperationRef, 'DeploymentOperation');

builder.objectField(McpServerRef, 'operations', (t) => t.connection({
  type: OperationRef,
  complexity: pageComplexity,
  description: 'The server’s deployment history, oldest first: `last` pages from the newest.',
  resolve: (server, args, ctx) => listOperations(ctx, server, args) as never,
}, OperationConnection));

builder.queryField('deploymentOperation', (t) => t.field({
  type: OperationRef,
  args: { id: t.arg.id({ required: true }) },
  resolve: (_root, { id }, ctx) => getOperation(ctx, String(id)),
}));
