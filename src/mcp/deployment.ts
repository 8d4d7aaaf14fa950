import type { PubSub } from '../events/pubsub.ts';
import type { Signals } from '../events/signals.ts';
import { DEPLOYMENT_TOPIC, type DeploymentState, type DeploymentView } from '../resolvers/upstream-port.ts';

export type DeploymentStatus = DeploymentState['status'];

/** A report as instances send it to each other. */
type Report = Omit<DeploymentState, 'at'> & { at: string };

/** Instances tell each other on this topic; DEPLOYMENT_TOPIC then carries each report locally. */
const REPORTED = 'deployment.reported';
const STATUSES = new Set<string>(['validating', 'starting', 'running', 'failed', 'stopped'] satisfies DeploymentStatus[]);
const MAX_MESSAGE = 1_000;

/**
 * Remembers the latest status of each server's runtime and publishes every change, on every instance:
 * a dashboard connected to one instance sees the processes another one runs.
 */
export class DeploymentBoard implements DeploymentView {
  /** By server, then by user (null: the shared runtime). */
  readonly #latest = new Map<string, Map<string | null, DeploymentState>>();
  readonly #pubsub: PubSub;
  readonly #signals: Signals;

  constructor(pubsub: PubSub, signals: Signals) {
    this.#pubsub = pubsub;
    this.#signals = signals;
    pubsub.subscribe<Report>(REPORTED, (report) => this.#heard(report));
  }

  report(serverId: string, userId: string | null, status: DeploymentStatus, message: string | null = null): void {
    const report: Report = { instanceId: this.#signals.instanceId, serverId, userId, status, message: message?.slice(0, MAX_MESSAGE) ?? null, at: new Date().toISOString() };
    this.#signals.broadcast(REPORTED, report);
  }

  latest(serverId: string, visible: (state: DeploymentState) => boolean): DeploymentState | undefined {
    let latest: DeploymentState | undefined;
    for (const state of this.#latest.get(serverId)?.values() ?? []) {
      if (visible(state) && (!latest || state.at >= latest.at)) latest = state;
    }
    return latest;
  }

  #heard(report: Report) {
    if (typeof report?.serverId !== 'string' || (report.userId !== null && typeof report.userId !== 'string') || !STATUSES.has(report.status)) return;
    const state: DeploymentState = { ...report, at: new Date(report.at) };
    let byUser = this.#latest.get(state.serverId);
    if (!byUser) this.#latest.set(state.serverId, (byUser = new Map()));
    byUser.set(state.userId, state);
    this.#pubsub.publish(DEPLOYMENT_TOPIC, state);
  }
}
