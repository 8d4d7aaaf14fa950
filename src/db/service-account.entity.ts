import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { ORG_ROLES } from './membership.entity.ts';
import { Organization } from './organization.entity.ts';

/** A non-person member of one organization, with a role there; it authenticates with its keys (Credentials). */
export const ServiceAccount = defineEntity({
  name: 'ServiceAccount',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('sa')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    role: p.enum(ORG_ROLES),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type ServiceAccount = InferEntity<typeof ServiceAccount>;
