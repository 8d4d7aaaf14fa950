import { subscribeDeploymentStatus } from '../resolvers/deployments.ts';
import type { DeploymentState } from '../resolvers/upstream-port.ts';
import { builder } from './builder.ts';
import { enumOf } from './enums.ts';

const DeploymentStatusEnum = enumOf('DeploymentStatus', ['validating', 'starting', 'running', 'failed', 'stopped'] as const);

export const DeploymentRef = builder.objectRef<DeploymentState>('Deployment').implement({
  description: "The runtime of a server on a Switchboard instance: one per shared server, one per user of a per-user one.",
  fields: (t) => ({
    instanceId: t.id({ description: 'The Switchboard instance that runs it.', resolve: (d) => d.instanceId }),
    serverId: t.id({ resolve: (d) => d.serverId }),
    userId: t.id({ nullable: true, resolve: (d) => d.userId }),
    status: t.field({ type: DeploymentStatusEnum, resolve: (d) => d.status }),
    message: t.exposeString('message', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

builder.subscriptionField('deploymentStatus', (t) =>
  t.field({
    type: DeploymentRef,
    description: 'Every runtime status change of a server, as it happens, on every instance.',
    args: { serverId: t.arg.id({ required: true }) },
    subscribe: (_root, { serverId }, ctx) => subscribeDeploymentStatus(ctx, serverId),
    resolve: (event) => event,
  }),
);
