import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';

/** People of an organization and the servers assigned to them. */
export const Group = defineEntity({
  name: 'Group',
  tableName: 'user_group',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('grp')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    members: () => p.manyToMany(User).pivotTable('group_member').deleteRule('cascade'),
    servers: () => p.manyToMany(McpServer).pivotTable('group_server').deleteRule('cascade'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Group = InferEntity<typeof Group>;
