import { DEPLOYMENT_STATUSES, type Deployment } from '../db/deployment.entity.ts';
import type { DeploymentChange } from '../db/deployment-change.entity.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { getDeploymentConfig, type DeploymentConfig } from '../resolvers/deployment-config.ts';
import { deploymentChanges, deploymentInstances, getDeployment, listDeployments } from '../resolvers/deployment-records.ts';
import { builder } from './builder.ts';
import { DeploymentRef, DeploymentStatusEnum } from './deployments.ts';
import { enumOf } from './enums.ts';
import { McpServerRef } from './servers.ts';

const LifecycleEnum = enumOf('DeploymentLifecycleStatus', DEPLOYMENT_STATUSES, 'draft until published; then running, failed or stopped as its latest runtime is.');

const ChangeRef = builder.objectRef<DeploymentChange>('DeploymentChange').implement({
  description: 'A status change of one of the deployment’s runtimes, as Subscription.deploymentStatus streamed it.',
  fields: (t) => ({
    status: t.field({ type: DeploymentStatusEnum, resolve: (c) => c.status }),
    message: t.exposeString('message', { nullable: true }),
    instanceId: t.exposeString('instanceId'),
    userId: t.exposeString('userId', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.at }),
  }),
});

export const DeploymentConfigRef = builder.objectRef<DeploymentConfig>('DeploymentConfig').implement({
  description: 'What a server’s runtimes start with in an environment. Null settings are the installation’s; env override values are never shown.',
  fields: (t) => ({
    environment: t.exposeString('environment'),
    callTimeoutMs: t.int({ nullable: true, resolve: (c) => c.deployment?.callTimeoutMs ?? null }),
    idleStopSeconds: t.int({ nullable: true, resolve: (c) => c.deployment?.idleStopSeconds ?? null }),
    effectiveCallTimeoutMs: t.int({ resolve: (c, _args, ctx) => c.deployment?.callTimeoutMs ?? ctx.services.config.mcpTimeoutMs }),
    effectiveIdleStopSeconds: t.int({ resolve: (c, _args, ctx) => c.deployment?.idleStopSeconds ?? Math.ceil(ctx.services.config.mcpIdleMs / 1_000) }),
    envNames: t.stringList({ description: 'Names of the env values merged over the server’s for a stdio process.', resolve: (c) => c.deployment?.envNames ?? [] }),
    server: t.field({ type: McpServerRef, resolve: (c) => c.server }),
  }),
});

export const ServerDeploymentRef = builder.objectRef<Deployment>('Deployment').implement({
  description: 'A server deployed in an environment: its status, its settings, its live instances and the status changes they went through.',
  fields: (t) => ({
    id: t.exposeID('id'),
    environment: t.exposeString('environment'),
    status: t.field({ type: LifecycleEnum, resolve: (d) => d.status }),
    config: t.field({ type: DeploymentConfigRef, resolve: (d) => ({ server: d.server as McpServer, environment: d.environment, deployment: d }) }),
    instances: t.field({ type: [DeploymentRef], description: 'Its runtimes that the caller may see, newest change first.', resolve: (d, _args, ctx) => deploymentInstances(ctx, d) }),
    changes: t.field({
      type: [ChangeRef],
      description: 'The newest status changes of its runtimes (at most 200 are kept), oldest first.',
      args: { last: t.arg.int({ defaultValue: 50 }) },
      complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.ceil((args.last ?? 50) / 10)) }),
      resolve: (d, args, ctx) => deploymentChanges(ctx, d, args.last ?? 50),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (d) => d.updatedAt }),
    server: t.field({ type: McpServerRef, resolve: (d) => d.server as McpServer }),
  }),
});

builder.objectFields(McpServerRef, (t) => ({
  currentDeployment: t.field({
    type: ServerDeploymentRef,
    nullable: true,
    description: 'Its deployment in the environment ("prod" by default): none before it is configured, validated or published.',
    args: { environment: t.arg.string() },
    resolve: async (server, args, ctx) => (await getDeploymentConfig(ctx, { id: server.id, environment: args.environment })).deployment,
  }),
  deploymentHistory: t.field({ type: [ServerDeploymentRef], description: 'Its deployments, one per environment, oldest first.', resolve: (server, _args, ctx) => listDeployments(ctx, server) }),
  deploymentConfig: t.field({
    type: DeploymentConfigRef,
    args: { environment: t.arg.string({ description: '"prod" by default.' }) },
    resolve: (server, args, ctx) => getDeploymentConfig(ctx, { id: server.id, environment: args.environment }),
  }),
}));

builder.queryField('deployment', (t) => t.field({
  type: ServerDeploymentRef,
  args: { id: t.arg.id({ required: true }) },
  resolve: (_root, { id }, ctx) => getDeployment(ctx, String(id)),
}));
