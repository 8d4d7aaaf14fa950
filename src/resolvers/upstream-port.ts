import type { Isolation, Transport } from '../db/mcp-server.entity.ts';
import type { OpenApiRuntime } from '../openapi/runtime.ts';

/** Everything needed to reach one upstream, secrets opened. Built by `upstreamSpec`, never stored. */
export interface UpstreamSpec {
  serverId: string;
  name: string;
  transport: Transport;
  isolation: Isolation;
  command: string | null;
  args: string[];
  env: Record<string, string>;
  url: string | null;
  headers: Record<string, string>;
  /** `transport: openapi`: the API the gateway calls itself. */
  openapi?: OpenApiRuntime;
  /** Its deployment's settings, where they differ from the installation's. */
  settings?: RuntimeSettings;
}

/** A deployment's settings for its runtimes; absent ones are the installation's. */
export interface RuntimeSettings {
  callTimeoutMs?: number;
  idleMs?: number;
}

export interface DiscoveredTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

export interface DeploymentState {
  /** The Switchboard instance whose runtime this is. */
  instanceId: string;
  serverId: string;
  userId: string | null;
  status: 'validating' | 'starting' | 'running' | 'failed' | 'stopped';
  message: string | null;
  at: Date;
}

/** A server's runtime: the shared one, or one user's of a per-user server; `spec` is read only if it must start. */
export interface LiveRuntime {
  serverId: string;
  userId: string | null;
  spec: () => Promise<UpstreamSpec>;
}

/** Pub/sub topic of DeploymentState changes, on every instance. */
export const DEPLOYMENT_TOPIC = 'deployment';

/** The runtimes of servers on every instance, each with its latest status. */
export interface DeploymentView {
  /** The server's runtimes (one per instance that runs it, and per user of a per-user server) that pass `visible`, newest change first. */
  runtimes(serverId: string, visible: (state: DeploymentState) => boolean): DeploymentState[];
}

/**
 * What resolvers may ask of the MCP runtime (implemented in src/mcp, injected by app.ts), so that
 * operations stay transport-agnostic and the import direction stays mcp → resolvers.
 */
export interface UpstreamControl {
  /** Connects afresh (finding the era it speaks: server/discover, else initialize), lists every tool, disconnects. Throws with a clear message. */
  discover(spec: UpstreamSpec): Promise<DiscoveredTool[]>;
  /** Stops the running connections of a server (or one user's of it) on every instance: its configuration changed, or it left service. */
  stop(serverId: string, userId?: string, why?: string): Promise<void>;
  /**
   * One request to a server's live runtime (started if it is not running, as a call through /mcp would
   * start it), answered as a 2025-era caller sees it. Throws the upstream's error, or why it is unreachable.
   */
  request(runtime: LiveRuntime, call: { method: string; params?: Record<string, unknown> }): Promise<Record<string, unknown>>;
  /** The live runtime, started if it is not running: the era and protocol version it speaks. */
  start(runtime: LiveRuntime): Promise<{ era: string; protocolVersion: string }>;
  /** Every tool the live runtime lists now (started if needed), within the bounds of a validation's listing. */
  listTools(runtime: LiveRuntime): Promise<DiscoveredTool[]>;
}
