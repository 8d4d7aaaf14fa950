import type { ServerStatus } from '../db/mcp-server.entity.ts';
import { can } from './policy.ts';
import { roleIn, type Principal } from './principal.ts';

/** What the policy needs to know about a server; the MCP data plane keeps these in memory. */
export interface ServerFacts {
  id: string;
  orgId: string;
  name: string;
  status: ServerStatus;
  killReason: string | null;
}

export interface ToolFacts {
  enabled: boolean;
  killReason: string | null;
}

export type Denial =
  /** Not visible to the caller at all: reported as an unknown tool, never as "forbidden". */
  | { kind: 'hidden' }
  /** Visible but switched off: the caller is told why. */
  | { kind: 'off'; message: string };

const LIVE: readonly ServerStatus[] = ['validated', 'published'];
const NO_GROUPS: ReadonlySet<string> = new Set();

/** What a person has been offered and what they took: servers of their groups, servers they subscribed to. */
export interface PersonFacts {
  groupServerIds: ReadonlySet<string>;
  subscribedServerIds: ReadonlySet<string>;
  /** A toolset-scoped principal's toolset (see `toolsetScoped`): server id → the tools on there (null: all). */
  toolset?: ReadonlyMap<string, ReadonlySet<string> | null>;
}

/**
 * Whether a person may subscribe to `server`: operators (admin, developer) to any live server of their
 * organization, everyone to published servers assigned to one of their groups.
 */
export function mayUse(principal: Principal, server: ServerFacts, groupServerIds: ReadonlySet<string>): boolean {
  if (!can(principal, 'mcp.call', { orgId: server.orgId }) || !LIVE.includes(server.status)) return false;
  const role = roleIn(principal, server.orgId);
  return role === 'admin' || role === 'developer' || (server.status === 'published' && groupServerIds.has(server.id));
}

/**
 * Whether `principal` may use `server` through /mcp. Toolset-scoped callers (agents, project keys): the
 * servers of their toolset. Other agents: servers of their organization named in their allow list (`*` for all). Service accounts: what their role lets them use. People: servers they may
 * use (see `mayUse`) and subscribed to.
 */
export function serverAccess(principal: Principal, server: ServerFacts, person: PersonFacts): Denial | null {
  if (!can(principal, 'mcp.call', { orgId: server.orgId })) return { kind: 'hidden' };
  if (!LIVE.includes(server.status)) return { kind: 'hidden' };
  if (person.toolset) {
    if (!person.toolset.has(server.id)) return { kind: 'hidden' };
  } else if (principal.kind === 'agent') {
    const list = principal.allowList ?? [];
    if (!list.includes('*') && !list.includes(server.name)) return { kind: 'hidden' };
  } else if (principal.kind === 'serviceAccount') {
    // A service account subscribes to nothing and is in no group: its role decides (operators: every live server).
    if (!mayUse(principal, server, NO_GROUPS)) return { kind: 'hidden' };
  } else if (!person.subscribedServerIds.has(server.id) || !mayUse(principal, server, person.groupServerIds)) {
    return { kind: 'hidden' };
  }
  if (server.killReason !== null) return { kind: 'off', message: `Server "${server.name}" is switched off: ${server.killReason}` };
  return null;
}

export function toolAccess(principal: Principal, server: ServerFacts, tool: ToolFacts & { name: string }, person: PersonFacts): Denial | null {
  const denial = serverAccess(principal, server, person);
  if (denial) return denial;
  // A toolset that names its tools hides the others: it is the caller's whole world.
  const chosen = person.toolset?.get(server.id);
  if (chosen && !chosen.has(tool.name)) return { kind: 'hidden' };
  if (tool.killReason !== null) return { kind: 'off', message: `Tool is switched off: ${tool.killReason}` };
  if (!tool.enabled) return { kind: 'off', message: 'Tool is disabled' };
  return null;
}
