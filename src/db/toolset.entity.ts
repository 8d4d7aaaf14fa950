import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';

/** A named selection of an organization's servers, each with settings of its own (seed 003's "config"). */
export const Toolset = defineEntity({
  name: 'Toolset',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('tls')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Toolset = InferEntity<typeof Toolset>;
