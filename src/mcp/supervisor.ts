import type { DiscoveredTool, LiveRuntime, UpstreamControl, UpstreamSpec } from '../resolvers/upstream-port.ts';
import type { DeploymentBoard } from './deployment.ts';
import { redactorFor, type RuntimeLogs } from './runtime-logs.ts';
import { StderrTail } from './stderr-tail.ts';
import { ToolRefresher, type ToolsChanged } from './tool-refresh.ts';
import { connect, listAllTools, type Excluded, type UpstreamOptions } from './upstream.ts';
import { asLegacyResult, type UpstreamSession } from './upstream-session.ts';

interface Connection {
  key: string;
  serverId: string;
  userId: string | null;
  client: UpstreamSession | null;
  starting: Promise<UpstreamSession> | null;
  failures: number;
  retryAt: number;
  lastUsed: number;
  /** Calls that keep it in use: in flight upstream, or waiting for their caller (held calls). */
  holds: number;
  stopping: boolean;
  spec: () => Promise<UpstreamSpec>;
  /** As its deployment set them when it started (the installation's otherwise). */
  timeoutMs: number;
  idleMs: number;
}

const BACKOFF_MS = [0, 250, 1_000, 5_000, 15_000, 30_000];
/** How often idle runtimes are looked for, at most: a deployment may stop its runtimes sooner than the installation. */
const IDLE_CHECK_MS = 5_000;

/** A runtime's key: the server's id, and the user's for a per-user server. */
export const runtimeKey = (serverId: string, userId: string | null) => (userId ? `${serverId}:${userId}` : serverId);

export interface SupervisorOptions extends UpstreamOptions {
  board: DeploymentBoard;
  idleMs: number;
  /** How long validating may take (connect, initialize, list): shorter than a tool call's timeout. */
  validationTimeoutMs: number;
  /** Hears a server's tools as a running upstream lists them after saying they changed. */
  toolsChanged: ToolsChanged;
  /** Where the upstream processes' stderr is kept, redacted. */
  logs: Pick<RuntimeLogs, 'push'>;
}

/**
 * Owns every upstream connection of this instance: one per shared server, one per user of a per-user
 * server. A connection starts on first use and is multiplexed by all callers; one that dies is restarted
 * with backoff; one left unused for `idleMs` is stopped.
 */
export class Supervisor implements UpstreamControl {
  readonly #connections = new Map<string, Connection>();
  /** The connection each running session is of: for `hold`, and its call timeout on every call. */
  readonly #ofSession = new WeakMap<UpstreamSession, Connection>();
  readonly #options: SupervisorOptions;
  readonly #reaper: NodeJS.Timeout;
  readonly #refresher: ToolRefresher;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#refresher = new ToolRefresher(options);
    this.#reaper = setInterval(() => this.#stopIdle(), Math.min(options.idleMs, IDLE_CHECK_MS)).unref();
    options.board.onStopAsked((serverId, userId, why) => void this.#stopHere(serverId, userId, why));
  }

  async discover(spec: UpstreamSpec): Promise<DiscoveredTool[]> {
    const { board } = this.#options;
    void board.report(spec.serverId, null, 'validating', null, 'validation');
    const options = { ...this.#options, timeoutMs: this.#options.validationTimeoutMs };
    const stderr = new StderrTail(spec);
    let client: UpstreamSession | undefined;
    try {
      const redact = redactorFor(spec);
      client = await connect(spec, options, (line) => (stderr.push(line), this.#options.logs.push(spec.serverId, null, redact(line))));
      const tools = await listAllTools(client, options, this.#excluder(spec.serverId, null));
      void board.report(spec.serverId, null, 'stopped', `validated: ${tools.length} tools`, 'validation');
      return tools;
    } catch (error) {
      const message = stderr.explain((error as Error).message);
      void board.report(spec.serverId, null, 'failed', message, 'validation');
      throw new Error(message, { cause: error });
    } finally {
      await client?.close().catch(() => {});
    }
  }

  /** The running session for `key`, starting (or restarting, after its backoff) if needed. */
  async acquire(key: string, serverId: string, userId: string | null, spec: () => Promise<UpstreamSpec>): Promise<UpstreamSession> {
    let connection = this.#connections.get(key);
    if (!connection) {
      const { timeoutMs, idleMs } = this.#options;
      connection = { key, serverId, userId, client: null, starting: null, failures: 0, retryAt: 0, lastUsed: 0, holds: 0, stopping: false, spec, timeoutMs, idleMs };
      this.#connections.set(key, connection);
    }
    connection.lastUsed = Date.now();
    if (connection.client) return connection.client;
    if (!connection.starting) connection.starting = this.#start(connection);
    return connection.starting;
  }

  async #start(c: Connection): Promise<UpstreamSession> {
    const { board, timeoutMs } = this.#options;
    const wait = c.retryAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, timeoutMs)));
    void board.report(c.serverId, c.userId, 'starting');
    try {
      const spec = await c.spec();
      c.timeoutMs = spec.settings?.callTimeoutMs ?? this.#options.timeoutMs;
      c.idleMs = spec.settings?.idleMs ?? this.#options.idleMs;
      const redact = redactorFor(spec);
      const client = await connect(spec, this.#options, (line) => this.#options.logs.push(c.serverId, c.userId, redact(line)));
      client.onclose = () => this.#closed(c, client);
      client.watchTools?.(() => this.#refresher.changed(c.serverId, client, this.#excluder(c.serverId, c.userId)));
      c.client = client;
      this.#ofSession.set(client, c);
      c.failures = 0;
      // Which era the upstream speaks is found once, here, for as long as this runtime lives.
      void board.report(c.serverId, c.userId, 'running', `${client.era} era, protocol ${client.protocolVersion}`);
      this.#options.log.info('upstream started', { serverId: c.serverId, userId: c.userId, era: client.era, protocolVersion: client.protocolVersion });
      return client;
    } catch (error) {
      this.#failed(c, (error as Error).message);
      throw error;
    } finally {
      c.starting = null;
    }
  }

  /** A tool left out of a server's listing: a warning, and a line in the server's runtime log saying why. */
  #excluder(serverId: string, userId: string | null): Excluded {
    return (tool, reason) => {
      this.#options.log.warn('upstream tool left out: invalid x-mcp-header declarations', { serverId, tool, reason });
      this.#options.logs.push(serverId, userId, `switchboard: the tool "${tool}" is not offered, its x-mcp-header declarations are invalid (MCP 2026-07-28): ${reason}`);
    };
  }

  #closed(c: Connection, client: UpstreamSession) {
    if (c.client !== client) return;
    c.client = null;
    if (c.stopping) return;
    this.#failed(c, 'The upstream connection closed unexpectedly');
    // Recently used: bring it back without waiting for the next call.
    if (Date.now() - c.lastUsed < c.idleMs) {
      c.starting = this.#start(c);
      c.starting.catch(() => {});
    }
  }

  #failed(c: Connection, message: string) {
    c.failures++;
    c.retryAt = Date.now() + BACKOFF_MS[Math.min(c.failures - 1, BACKOFF_MS.length - 1)]!;
    void this.#options.board.report(c.serverId, c.userId, 'failed', message);
    this.#options.log.warn('upstream failed', { serverId: c.serverId, failures: c.failures, message });
  }

  async #stopConnection(c: Connection, why: string) {
    c.stopping = true;
    this.#connections.delete(c.key);
    const client = c.client ?? (await c.starting?.catch(() => null));
    c.client = null;
    await client?.close().catch(() => {});
    if (client) this.#options.log.info('upstream stopped', { serverId: c.serverId, userId: c.userId, why });
    // Awaited: on shutdown, every other instance hears this before it hears that this one is gone.
    await this.#options.board.report(c.serverId, c.userId, 'stopped', why);
  }

  async request({ serverId, userId, spec }: LiveRuntime, call: { method: string; params?: Record<string, unknown> }) {
    const session = await this.acquire(runtimeKey(serverId, userId), serverId, userId, spec);
    return asLegacyResult(await session.request(call, { timeout: this.callTimeout(session) }));
  }

  async start({ serverId, userId, spec }: LiveRuntime) {
    const { era, protocolVersion } = await this.acquire(runtimeKey(serverId, userId), serverId, userId, spec);
    return { era, protocolVersion };
  }

  async listTools({ serverId, userId, spec }: LiveRuntime) {
    return listAllTools(await this.acquire(runtimeKey(serverId, userId), serverId, userId, spec), this.#options, this.#excluder(serverId, userId));
  }

  /** Here and on every other instance: what they run would otherwise keep its old configuration. */
  async stop(serverId: string, userId?: string, why = 'configuration changed or server left service'): Promise<void> {
    await Promise.all([this.#stopHere(serverId, userId, why), this.#options.board.askOthersToStop(serverId, userId ?? null, why)]);
  }

  async #stopHere(serverId: string, userId: string | undefined, why: string): Promise<void> {
    const matching = [...this.#connections.values()].filter((c) => c.serverId === serverId && (userId === undefined || c.userId === userId));
    await Promise.all(matching.map((c) => this.#stopConnection(c, why)));
  }

  /** How long a call to `session` may take: its deployment's timeout, else the installation's. */
  callTimeout(session: UpstreamSession): number {
    return this.#ofSession.get(session)?.timeoutMs ?? this.#options.timeoutMs;
  }

  /**
   * Keeps the runtime of `session` from being stopped as idle until the release is called (a call in flight,
   * however long, or a held call waiting for its caller); used from then on.
   */
  hold(session: UpstreamSession): () => void {
    const c = this.#ofSession.get(session);
    if (!c) return () => {};
    c.holds++;
    return () => {
      c.holds--;
      c.lastUsed = Date.now();
    };
  }

  #stopIdle() {
    const now = Date.now();
    for (const c of this.#connections.values()) {
      if (c.lastUsed < now - c.idleMs && !c.starting && !c.holds) void this.#stopConnection(c, 'idle');
    }
  }

  /** Stops every running connection; later calls start afresh from the catalog as it then is. */
  async stopAll(why: string): Promise<void> {
    await Promise.all([...this.#connections.values()].map((c) => this.#stopConnection(c, why)));
  }

  async close(): Promise<void> {
    clearInterval(this.#reaper);
    await this.stopAll('shutting down');
  }
}
