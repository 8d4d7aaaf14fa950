import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';
import { User } from './user.entity.ts';

/** A person's choice to use a server they are offered: its tools then appear on their /mcp. */
export const ServerSubscription = defineEntity({
  name: 'ServerSubscription',
  uniques: [{ properties: ['user', 'server'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('sub')),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ServerSubscription = InferEntity<typeof ServerSubscription>;
