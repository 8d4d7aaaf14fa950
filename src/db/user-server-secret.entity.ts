import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';
import { User } from './user.entity.ts';

/** A user's own values for a per-user server's `scope: user` variables, sealed like server secrets. */
export const UserServerSecret = defineEntity({
  name: 'UserServerSecret',
  uniques: [{ properties: ['user', 'server'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('sec')),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    sealedValues: p.text().hidden(),
    names: p.json<string[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type UserServerSecret = InferEntity<typeof UserServerSecret>;
