import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';
import { Toolset } from './toolset.entity.ts';

/** People of an organization working with one toolset (seed 003's project and its assigned config). */
export const Project = defineEntity({
  name: 'Project',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('prj')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    /** What the project's keys reach on /mcp; none assigned: nothing. */
    toolset: () => p.manyToOne(Toolset).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Project = InferEntity<typeof Project>;
