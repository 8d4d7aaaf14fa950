import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';

export const ORG_ROLES = ['admin', 'developer', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const Membership = defineEntity({
  name: 'Membership',
  uniques: [{ properties: ['user', 'org'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('mem')),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    role: p.enum(ORG_ROLES),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Membership = InferEntity<typeof Membership>;
