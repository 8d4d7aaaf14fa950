import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { McpServer } from './mcp-server.entity.ts';

/**
 * A line an upstream's process wrote to stderr, with its secrets redacted, as the instance running it
 * heard it. A bounded store: each server keeps its newest lines only (src/mcp/runtime-logs.ts).
 */
export const RuntimeLog = defineEntity({
  name: 'RuntimeLog',
  indexes: [{ properties: ['server', 'seq'] }],
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    /** The user whose runtime it is, for a per-user server. */
    userId: p.string().nullable(),
    instanceId: p.string(),
    at: p.datetime(),
    line: p.text(),
  },
});

export type RuntimeLog = InferEntity<typeof RuntimeLog>;
