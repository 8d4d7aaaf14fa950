import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';

/** A tool an upstream server offers, as discovered, plus the operator's overrides and switches. */
export const Tool = defineEntity({
  name: 'Tool',
  uniques: [{ properties: ['server', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('tool')),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    name: p.string(),
    title: p.string().nullable(),
    description: p.text().nullable(),
    inputSchema: p.json<Record<string, unknown>>(),
    outputSchema: p.json<Record<string, unknown>>().nullable(),
    annotations: p.json<Record<string, unknown>>().nullable(),
    displayName: p.string().nullable(),
    descriptionOverride: p.text().nullable(),
    instructions: p.text().nullable(),
    whenToUse: p.text().nullable(),
    whenNotToUse: p.text().nullable(),
    /** An OpenAPI operation's: its stable key (the operationId, else method and path), the naming rules' version, its request line. */
    toolKey: p.string().nullable(),
    toolNamingVersion: p.integer().nullable(),
    httpMethod: p.string().nullable(),
    httpPath: p.text().nullable(),
    enabled: p.boolean().default(true),
    killedAt: p.datetime().nullable(),
    killReason: p.text().nullable(),
    killedBy: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Tool = InferEntity<typeof Tool>;
