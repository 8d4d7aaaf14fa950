import type { PubSub } from '../events/pubsub.ts';
import type { Signals } from '../events/signals.ts';
import { DEPLOYMENT_TOPIC, type DeploymentState, type DeploymentView } from '../resolvers/upstream-port.ts';
import type { ReportPhase } from './deployment-history.ts';

export type DeploymentStatus = DeploymentState['status'];

/** A report as instances send it to each other; `n` counts the reports of its instance. */
type Report = Omit<DeploymentState, 'at'> & { at: string; n: number };
interface Runtime {
  state: DeploymentState;
  n: number;
}

/** Instances tell each other on these topics; DEPLOYMENT_TOPIC then carries each new report locally. */
export const REPORTED = 'deployment.reported';
/** A starting instance asks the others for the runtimes they run. */
const CENSUS = 'deployment.census';
/** An instance shut down: its runtimes are forgotten. */
const GONE = 'deployment.gone';
/** An instance that runs something says so now and then; one not heard from for three beats is forgotten. */
const ALIVE = 'deployment.alive';
const HEARTBEAT_MS = 15_000;
/** An instance asks the others to stop a server's runtimes (its configuration changed, an operator stopped it). */
const STOP = 'deployment.stop';

interface StopAsked { instanceId: string; serverId: string; userId: string | null; why: string }
const isStopAsked = (ask: StopAsked | undefined): ask is StopAsked =>
  typeof ask?.instanceId === 'string' && typeof ask.serverId === 'string' && (ask.userId === null || typeof ask.userId === 'string') && typeof ask.why === 'string';

const STATUSES = new Set<string>(['validating', 'starting', 'running', 'failed', 'stopped'] satisfies DeploymentStatus[]);
const MAX_MESSAGE = 1_000;

const isReport = (report: Report | undefined): report is Report =>
  typeof report?.serverId === 'string' && typeof report.instanceId === 'string' && (report.userId === null || typeof report.userId === 'string')
  && STATUSES.has(report.status) && !Number.isNaN(Date.parse(report.at)) && Number.isSafeInteger(report.n);

/**
 * The latest status of every runtime of every server (one per instance that runs it, and per user of a
 * per-user server), kept on every instance: a dashboard connected to one instance sees the processes the
 * others run. An instance sends its reports one after the other, so everyone hears them in order. A
 * starting instance asks the others for theirs; one that shuts down is forgotten at once, one that
 * crashed once it has missed three heartbeats (its runtimes are then reported stopped).
 */
export class DeploymentBoard implements DeploymentView {
  /** By server, then by runtime (instance and user). */
  readonly #runtimes = new Map<string, Map<string, Runtime>>();
  readonly #pubsub: PubSub;
  readonly #signals: Signals;
  /** When each other instance was last heard from. */
  readonly #lastHeard = new Map<string, number>();
  readonly #heartbeat: NodeJS.Timeout;
  #sent = 0;
  #outbox: Promise<void> = Promise.resolve();
  /** Keeps this instance's own reports (the deployments' history). */
  readonly #record: ((state: DeploymentState, phase: ReportPhase) => void) | undefined;

  constructor(pubsub: PubSub, signals: Signals, options: { heartbeatMs?: number; record?: (state: DeploymentState, phase: ReportPhase) => void } = {}) {
    this.#pubsub = pubsub;
    this.#signals = signals;
    this.#record = options.record;
    pubsub.subscribe<Report>(REPORTED, (report) => this.#heard(report));
    pubsub.subscribe(CENSUS, () => this.#answerCensus());
    pubsub.subscribe<{ instanceId?: unknown }>(GONE, (gone) => this.#forget(gone?.instanceId));
    pubsub.subscribe<{ instanceId?: unknown }>(ALIVE, (alive) => {
      if (typeof alive?.instanceId === 'string') this.#lastHeard.set(alive.instanceId, Date.now());
    });
    const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.#heartbeat = setInterval(() => this.#beat(heartbeatMs), heartbeatMs).unref();
    void this.#send(CENSUS, {});
  }

  /** Resolves once the other instances are told. */
  /** How many of this instance's runtimes are in each status (for metrics). */
  localStatusCounts(): Map<DeploymentState['status'], number> {
    const counts = new Map<DeploymentState['status'], number>();
    for (const runtimes of this.#runtimes.values()) {
      for (const { state } of runtimes.values()) {
        if (state.instanceId === this.#signals.instanceId) counts.set(state.status, (counts.get(state.status) ?? 0) + 1);
      }
    }
    return counts;
  }

  report(serverId: string, userId: string | null, status: DeploymentStatus, message: string | null = null, phase: ReportPhase = 'runtime'): Promise<void> {
    const state: DeploymentState = { instanceId: this.#signals.instanceId, serverId, userId, status, message: message?.slice(0, MAX_MESSAGE) ?? null, at: new Date() };
    this.#record?.(state, phase);
    return this.#send(REPORTED, { ...state, at: state.at.toISOString(), n: ++this.#sent } satisfies Report);
  }

  runtimes(serverId: string, visible: (state: DeploymentState) => boolean): DeploymentState[] {
    const states = [...(this.#runtimes.get(serverId)?.values() ?? [])].map((runtime) => runtime.state);
    return states.filter(visible).sort((x, y) => y.at.getTime() - x.at.getTime());
  }

  /** Asks every other instance to stop the server's runtimes (one user's, with `userId`); resolves once sent. */
  askOthersToStop(serverId: string, userId: string | null, why: string): Promise<void> {
    return this.#send(STOP, { instanceId: this.#signals.instanceId, serverId, userId, why: why.slice(0, MAX_MESSAGE) } satisfies StopAsked);
  }

  /** Hears the other instances ask this one to stop runtimes. */
  onStopAsked(listener: (serverId: string, userId: string | undefined, why: string) => void): void {
    this.#pubsub.subscribe<StopAsked>(STOP, (ask) => {
      if (isStopAsked(ask) && ask.instanceId !== this.#signals.instanceId) listener(ask.serverId, ask.userId ?? undefined, ask.why);
    });
  }

  /** After this instance's last report: the others forget its runtimes. */
  close(): Promise<void> {
    clearInterval(this.#heartbeat);
    return this.#send(GONE, { instanceId: this.#signals.instanceId });
  }

  #heard(report: Report) {
    if (!isReport(report)) return;
    const { n, ...fields } = report;
    const state: DeploymentState = { ...fields, at: new Date(report.at) };
    let byRuntime = this.#runtimes.get(state.serverId);
    if (!byRuntime) this.#runtimes.set(state.serverId, (byRuntime = new Map()));
    const key = `${state.instanceId}/${state.userId ?? ''}`;
    // A census answer repeats what most instances know already.
    if ((byRuntime.get(key)?.n ?? 0) >= n) return;
    byRuntime.set(key, { state, n });
    this.#lastHeard.set(state.instanceId, Date.now());
    this.#pubsub.publish(DEPLOYMENT_TOPIC, state);
  }

  #beat(heartbeatMs: number) {
    const me = this.#signals.instanceId;
    if (this.#own().length) void this.#send(ALIVE, { instanceId: me });
    const silentSince = Date.now() - 3 * heartbeatMs;
    for (const [instanceId, heard] of this.#lastHeard) {
      if (instanceId !== me && heard < silentSince) this.#forget(instanceId, 'its Switchboard instance stopped answering');
    }
  }

  #own(): Runtime[] {
    return [...this.#runtimes.values()].flatMap((byRuntime) => [...byRuntime.values()]).filter(({ state }) => state.instanceId === this.#signals.instanceId);
  }

  #answerCensus() {
    for (const { state, n } of this.#own()) void this.#send(REPORTED, { ...state, at: state.at.toISOString(), n });
  }

  /** Drops an instance's runtimes; with `why`, subscribers hear that those still up are stopped. */
  #forget(instanceId: unknown, why?: string) {
    if (instanceId === this.#signals.instanceId) return;
    this.#lastHeard.delete(instanceId as string);
    for (const [serverId, byRuntime] of this.#runtimes) {
      for (const [key, { state }] of byRuntime) {
        if (state.instanceId !== instanceId) continue;
        byRuntime.delete(key);
        if (why && state.status !== 'stopped') this.#pubsub.publish(DEPLOYMENT_TOPIC, { ...state, status: 'stopped', message: why, at: new Date() } satisfies DeploymentState);
      }
      if (!byRuntime.size) this.#runtimes.delete(serverId);
    }
  }

  /** One message at a time, in order. */
  #send(topic: string, payload: Report | object): Promise<void> {
    this.#outbox = this.#outbox.then(() => this.#signals.broadcast(topic, payload));
    return this.#outbox;
  }
}
