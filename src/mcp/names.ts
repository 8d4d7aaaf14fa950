import { createHash } from 'node:crypto';

/** Clients reject longer tool names. */
export const MAX_TOOL_NAME = 64;
export const SEPARATOR = '__';

/**
 * The name a tool has on the aggregated endpoint: `server__tool`. Server names hold no "__" and do not
 * end in "_", so the first "__" always splits it. A name that would exceed 64 characters keeps a readable prefix and ends in
 * a hash of the full tool name: stable across restarts and instances, and unique per server.
 */
export function exposedToolName(server: string, tool: string): string {
  const full = `${server}${SEPARATOR}${tool}`;
  if (full.length <= MAX_TOOL_NAME) return full;
  const hash = createHash('sha256').update(tool).digest('hex').slice(0, 8);
  const room = MAX_TOOL_NAME - server.length - SEPARATOR.length - hash.length - 1;
  return `${server}${SEPARATOR}${tool.slice(0, room)}_${hash}`;
}

export function serverOfExposedName(name: string): string | null {
  const at = name.indexOf(SEPARATOR);
  return at > 0 ? name.slice(0, at) : null;
}
