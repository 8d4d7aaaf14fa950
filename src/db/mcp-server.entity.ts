import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';

/** `openapi`: generated from an OpenAPI spec (see OpenApiSpec), its API called by the gateway itself. */
export const TRANSPORTS = ['stdio', 'streamable_http', 'sse', 'openapi'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const ISOLATIONS = ['shared', 'per_user'] as const;
export type Isolation = (typeof ISOLATIONS)[number];
export const SERVER_STATUSES = ['draft', 'validated', 'published', 'archived'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

/** A variable the server needs: `scope: user` values are supplied by each user (per-user isolation). */
export interface EnvSchemaField {
  name: string;
  description?: string | null;
  required: boolean;
  secret: boolean;
  scope: 'user' | 'server';
}

/** A catalog entry: how to reach an upstream MCP server, and who may use it. */
export const McpServer = defineEntity({
  name: 'McpServer',
  uniques: [{ properties: ['org', 'name'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('srv')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    displayName: p.string().nullable(),
    description: p.text().nullable(),
    tags: p.json<string[]>().onCreate(() => []),
    transport: p.enum(TRANSPORTS),
    command: p.string().nullable(),
    args: p.json<string[]>().onCreate(() => []),
    /** Without credentials: those it carried are sealed with the other secrets. */
    url: p.text().nullable(),
    urlHasCredentials: p.boolean().default(false),
    /** Env values, headers and URL credentials, sealed with the secret key: replayed to the upstream, never returned. */
    sealedSecrets: p.text().nullable().hidden(),
    envNames: p.json<string[]>().onCreate(() => []),
    headerNames: p.json<string[]>().onCreate(() => []),
    envSchema: p.json<EnvSchemaField[]>().onCreate(() => []),
    isolation: p.enum(ISOLATIONS).default('shared'),
    status: p.enum(SERVER_STATUSES).default('draft'),
    killedAt: p.datetime().nullable(),
    killReason: p.text().nullable(),
    killedBy: p.string().nullable(),
    totalInvocations: p.bigint('number').default(0),
    validatedAt: p.datetime().nullable(),
    validationError: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type McpServer = InferEntity<typeof McpServer>;
