import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';
import { TOOL_PREFIX_MODES, Toolset } from './toolset.entity.ts';

/**
 * A non-human caller of /mcp. Its scope is a toolset when it has one, else `allowList`: the servers it
 * may use by name, `["*"]` for every server.
 */
export const Agent = defineEntity({
  name: 'Agent',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('agt')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    description: p.text().nullable(),
    allowList: p.json<string[]>(),
    toolset: () => p.manyToOne(Toolset).nullable().deleteRule('set null'),
    /** How /mcp names its tools for this agent; null: its toolset's mode, else `always`. */
    toolPrefix: p.enum(TOOL_PREFIX_MODES).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Agent = InferEntity<typeof Agent>;
