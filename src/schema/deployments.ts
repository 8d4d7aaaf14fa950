import { payloadOrThrow, type StreamEnd } from '../events/stream-end.ts';
import { subscribeDeploymentStatus } from '../resolvers/deployments.ts';
import type { DeploymentState } from '../resolvers/upstream-port.ts';
import { builder } from './builder.ts';
import { enumOf } from './enums.ts';

export const DeploymentStatusEnum = enumOf('DeploymentStatus', ['validating', 'starting', 'running', 'failed', 'stopped'] as const);

export const DeploymentRef = builder.objectRef<DeploymentState>('DeploymentInstance').implement({
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
    description: 'Every status change of a server\'s runtimes that the subscriber may see, as it happens, on every instance. '
      + 'Ends with UNAUTHENTICATED or FORBIDDEN when the subscriber\'s access changes.',
    args: { serverId: t.arg.id({ required: true }) },
    subscribe: (_root, { serverId }, ctx) => subscribeDeploymentStatus(ctx, serverId),
    resolve: (item: DeploymentState | StreamEnd) => payloadOrThrow(item),
  }),
);
