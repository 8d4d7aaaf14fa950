import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Deployment } from './deployment.entity.ts';

export const RUNTIME_STATUSES = ['validating', 'starting', 'running', 'failed', 'stopped'] as const;

/**
 * A status change of one of a deployment's runtimes, as Subscription.deploymentStatus streamed it,
 * written by the instance that ran it. Bounded: each deployment keeps its newest changes only.
 */
export const DeploymentChange = defineEntity({
  name: 'DeploymentChange',
  indexes: [{ properties: ['deployment', 'seq'] }],
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    deployment: () => p.manyToOne(Deployment).deleteRule('cascade'),
    status: p.enum(RUNTIME_STATUSES),
    message: p.text().nullable(),
    instanceId: p.string(),
    /** The user whose runtime it is, for a per-user server. */
    userId: p.string().nullable(),
    at: p.datetime(),
  },
});

export type DeploymentChange = InferEntity<typeof DeploymentChange>;
