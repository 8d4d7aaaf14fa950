import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';
import { Toolset } from './toolset.entity.ts';

/** One server in a toolset: which of its tools are on there, and the guardrails named for it. */
export const ToolsetServer = defineEntity({
  name: 'ToolsetServer',
  uniques: [{ properties: ['toolset', 'server'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('tss')),
    toolset: () => p.manyToOne(Toolset).deleteRule('cascade'),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    /** The tools on in this toolset; null: every tool the server has, now and later. */
    tools: p.json<string[]>().nullable(),
    description: p.text().nullable(),
    /** Guardrail references, stored now and enforced by a later release. */
    inputGuardrails: p.json<string[]>(),
    outputGuardrails: p.json<string[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ToolsetServer = InferEntity<typeof ToolsetServer>;
