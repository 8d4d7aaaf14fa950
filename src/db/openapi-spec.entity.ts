import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { McpServer } from './mcp-server.entity.ts';

export const SPEC_SOURCES = ['upload', 'url'] as const;
export type SpecSource = (typeof SPEC_SOURCES)[number];
export const UPSTREAM_AUTH_TYPES = ['none', 'api_key', 'bearer', 'basic', 'oauth2_client_credentials'] as const;
export type UpstreamAuthType = (typeof UPSTREAM_AUTH_TYPES)[number];

/** How the gateway authenticates to the API, without its secret (sealed with the server's other secrets). */
export interface UpstreamAuth {
  type: UpstreamAuthType;
  /** api_key: where the key goes, under which name. */
  in?: 'header' | 'query' | 'cookie';
  name?: string;
  /** basic: the user name; oauth2_client_credentials: the client id. */
  username?: string;
  tokenUrl?: string;
  scopes?: string[];
}

/**
 * The OpenAPI document a `transport: openapi` server is generated from, upgraded to 3.1, kept beside the
 * server rather than in it: the catalog loads servers often and specs can be large.
 */
export const OpenApiSpec = defineEntity({
  name: 'OpenApiSpec',
  properties: {
    server: () => p.oneToOne(McpServer).primary().owner().deleteRule('cascade'),
    source: p.enum(SPEC_SOURCES),
    url: p.text().nullable(),
    fileName: p.string().nullable(),
    /** The version the document was written in (2.0, 3.0, 3.1). */
    originalVersion: p.string(),
    document: p.json<Record<string, unknown>>(),
    /** Overrides the document's `servers[0]`. */
    baseUrl: p.text().nullable(),
    auth: p.json<UpstreamAuth>().onCreate(() => ({ type: 'none' })),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type OpenApiSpec = InferEntity<typeof OpenApiSpec>;
