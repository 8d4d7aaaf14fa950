import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';

/**
 * How tools are named on the aggregated /mcp endpoint: always `server__tool`, never (bare names, which must
 * then be unique), or bare unless another visible tool has the same bare name.
 */
export const TOOL_PREFIX_MODES = ['always', 'never', 'on_collision'] as const;
export type ToolPrefixMode = (typeof TOOL_PREFIX_MODES)[number];

/** A named selection of an organization's servers, each with settings of its own (seed 003's "config"). */
export const Toolset = defineEntity({
  name: 'Toolset',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('tls')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    /** How /mcp names its tools for the agents and project keys it scopes; null: `always`. */
    toolPrefix: p.enum(TOOL_PREFIX_MODES).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Toolset = InferEntity<typeof Toolset>;
