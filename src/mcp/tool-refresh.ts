import type { DiscoveredTool } from '../resolvers/upstream-port.ts';
import { listAllTools, type Excluded, type UpstreamOptions } from './upstream.ts';
import type { UpstreamSession } from './upstream-session.ts';

/** Takes a server's tools as one of its runtimes now lists them, to keep the catalog in step. */
export type ToolsChanged = (serverId: string, tools: DiscoveredTool[]) => Promise<void>;

/** The least time between two readings of one runtime's tools: an upstream that keeps saying they changed is read at this pace. */
const SPACING_MS = 1_000;

/**
 * Reads a runtime's tool list again when its upstream says it changed, and hands it on. What is said
 * while a reading is under way makes one more reading after it, a second later; any number of such
 * announcements count as one.
 */
export class ToolRefresher {
  /** The runtimes being read, each with whether another reading was asked for meanwhile. */
  readonly #reading = new Map<UpstreamSession, boolean>();
  readonly #options: UpstreamOptions & { toolsChanged: ToolsChanged };

  constructor(options: UpstreamOptions & { toolsChanged: ToolsChanged }) {
    this.#options = options;
  }

  changed(serverId: string, session: UpstreamSession, excluded: Excluded): void {
    const busy = this.#reading.has(session);
    this.#reading.set(session, busy);
    if (!busy) void this.#read(serverId, session, excluded);
  }

  async #read(serverId: string, session: UpstreamSession, excluded: Excluded) {
    const { toolsChanged, log } = this.#options;
    try {
      for (let again = true; again; again = this.#reading.get(session)!) {
        this.#reading.set(session, false);
        try {
          await toolsChanged(serverId, await listAllTools(session, this.#options, excluded));
        } catch (error) {
          log.warn('the upstream said its tools changed; reading them again failed', { serverId, message: (error as Error).message });
        }
        if (this.#reading.get(session)) await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
      }
    } finally {
      this.#reading.delete(session);
    }
  }
}
