import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { McpServer } from './mcp-server.entity.ts';

export const DEPLOYMENT_STATUSES = ['draft', 'running', 'failed', 'stopped'] as const;
export type DeploymentLifecycle = (typeof DEPLOYMENT_STATUSES)[number];

/**
 * A server as it is deployed in one environment: its status, and the settings its runtimes start with
 * (call timeout, idle stop, env overrides sealed like the server's own env values). Its runtimes are
 * the live instances (src/mcp/deployment.ts); what they went through is kept as DeploymentChange rows.
 */
export const Deployment = defineEntity({
  name: 'Deployment',
  uniques: [{ properties: ['server', 'environment'] }],
  properties: {
    id: p.string().primary().onCreate(() => newId('dep')),
    server: () => p.manyToOne(McpServer).deleteRule('cascade'),
    environment: p.string().default('prod'),
    status: p.enum(DEPLOYMENT_STATUSES).default('draft'),
    /** Null: the installation's (SWITCHBOARD_MCP_TIMEOUT_MS). */
    callTimeoutMs: p.integer().nullable(),
    /** Null: the installation's (SWITCHBOARD_MCP_IDLE_MS). */
    idleStopSeconds: p.integer().nullable(),
    /** Env values merged over the server's for a stdio process, sealed; only their names are shown. */
    sealedEnv: p.text().nullable(),
    envNames: p.json<string[]>().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Deployment = InferEntity<typeof Deployment>;
