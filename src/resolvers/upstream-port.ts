import type { Isolation, Transport } from '../db/mcp-server.entity.ts';

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

/** Pub/sub topic of DeploymentState changes, on every instance. */
export const DEPLOYMENT_TOPIC = 'deployment';

/** The latest runtime status changes of servers, on whichever instance they happened. */
export interface DeploymentView {
  /** The most recent change of the server's runtimes (one shared, or one per user) that passes `visible`. */
  latest(serverId: string, visible: (state: DeploymentState) => boolean): DeploymentState | undefined;
}

/**
 * What resolvers may ask of the MCP runtime (implemented in src/mcp, injected by app.ts), so that
 * operations stay transport-agnostic and the import direction stays mcp → resolvers.
 */
export interface UpstreamControl {
  /** Connects with a fresh session, initializes, lists every tool, disconnects. Throws with a clear message. */
  discover(spec: UpstreamSpec): Promise<DiscoveredTool[]>;
  /** Stops the running connections of a server (or one user's of it): its configuration changed, or it left service. */
  stop(serverId: string, userId?: string): Promise<void>;
}
