import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';

export const DEFAULT_ORG_SLUG = 'default';

export const Organization = defineEntity({
  name: 'Organization',
  properties: {
    id: p.string().primary().onCreate(() => newId('org')),
    slug: p.string().unique(),
    name: p.string(),
    planTier: p.string().default('free'),
    /** Whether install guides for its servers may be shown to people outside it (seed 002). */
    publicMcpGuidesEnabled: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Organization = InferEntity<typeof Organization>;
