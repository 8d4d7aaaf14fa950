import type { PubSub } from '../events/pubsub.ts';

import { DEPLOYMENT_TOPIC, type DeploymentState, type DeploymentView } from '../resolvers/upstream-port.ts';

export type DeploymentStatus = DeploymentState['status'];
export type DeploymentEvent = DeploymentState;


/** Remembers the latest status of each server's runtime and publishes every change. */
export class DeploymentBoard implements DeploymentView {
  readonly #latest = new Map<string, DeploymentEvent>();
  readonly #pubsub: PubSub;

  constructor(pubsub: PubSub) {
    this.#pubsub = pubsub;
  }

  report(serverId: string, userId: string | null, status: DeploymentStatus, message: string | null = null): void {
    const event: DeploymentEvent = { serverId, userId, status, message, at: new Date() };
    this.#latest.set(serverId, event);
    this.#pubsub.publish(DEPLOYMENT_TOPIC, event);
  }

  latest(serverId: string): DeploymentEvent | undefined {
    return this.#latest.get(serverId);
  }
}
