import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';

export const OPERATION_KINDS = ['validate', 'publish', 'archive', 'hosting_check', 'restart', 'stop'] as const;
export const OPERATION_STATUSES = ['running', 'succeeded', 'failed'] as const;

/** Something done to a server's deployment, kept as its history: who asked, when, how it ended. */
export const DeploymentOperation = defineEntity({
  name: 'DeploymentOperation',
  indexes: [{ properties: ['server', 'createdAt'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('dop')),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    kind: p.enum(OPERATION_KINDS),
    status: p.enum(OPERATION_STATUSES),
    environment: p.string().default('prod'),
    requestedBy: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
    /** Why it failed, as its operation said. */
    error: p.text().nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
  },
});

export type DeploymentOperation = InferEntity<typeof DeploymentOperation>;
