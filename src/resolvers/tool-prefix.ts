import type { EntityManager } from '@mikro-orm/postgresql';
import { Agent } from '../db/agent.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import type { Toolset, ToolPrefixMode } from '../db/toolset.entity.ts';
import { ToolsetServer } from '../db/toolset-server.entity.ts';
import { badInput } from '../errors.ts';

/** A tool as a caller's /mcp shows it: its server's name and its own. */
export interface OfferedTool {
  server: string;
  tool: string;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The bare tool names more than one server offers → those servers, in name order. */
export function bareNameCollisions(tools: Iterable<OfferedTool>): Map<string, string[]> {
  const servers = new Map<string, string[]>();
  for (const { server, tool } of tools) {
    const list = servers.get(tool);
    if (list) list.push(server);
    else servers.set(tool, [server]);
  }
  const collisions = new Map<string, string[]>();
  for (const [tool, list] of servers) if (list.length > 1) collisions.set(tool, list.sort(byName));
  return collisions;
}

/** `tool "search" is offered by both "github" and "jira": …`: what a NEVER caller and its operator are told. */
export function collisionMessage(tool: string, servers: readonly string[]): string {
  const quoted = servers.map((s) => `"${s}"`);
  const who = quoted.length === 2 ? `both ${quoted[0]} and ${quoted[1]}` : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  return `tool "${tool}" is offered by ${who}: with toolPrefix NEVER, tool names must be unique`;
}

const LIVE = ['validated', 'published'] as const;

/** The agent's mode on /mcp: its own, else its toolset's, else `always`. */
export const agentPrefixMode = (agent: Pick<Agent, 'toolPrefix' | 'toolset'>): ToolPrefixMode =>
  agent.toolPrefix ?? agent.toolset?.toolPrefix ?? 'always';

/** What /mcp offers through a scope, read in the caller's transaction: the live servers' tools, as a toolset filters them. */
async function offeredTools(em: EntityManager, orgId: string, scope: { toolset: Toolset } | { allowList: readonly string[] }): Promise<OfferedTool[]> {
  // Pending changes (a server just put in the toolset) are part of what is checked.
  await em.flush();
  let chosen: Map<string, Set<string> | null>;
  let servers: { id: string; name: string }[];
  if ('toolset' in scope) {
    const entries = await em.find(ToolsetServer, { toolset: scope.toolset, server: { status: { $in: LIVE } } }, { populate: ['server'] });
    chosen = new Map(entries.map((e) => [e.server.id, e.tools ? new Set(e.tools) : null]));
    servers = entries.map((e) => e.server);
  } else {
    const every = scope.allowList.includes('*');
    servers = await em.find(McpServer, { org: orgId, status: { $in: LIVE }, ...(!every && { name: { $in: [...scope.allowList] } }) }, { fields: ['name'] });
    chosen = new Map();
  }
  if (!servers.length) return [];
  const names = new Map(servers.map((s) => [s.id, s.name]));
  const tools = await em.find(Tool, { server: { $in: [...names.keys()] } }, { fields: ['name', 'server'] });
  return tools
    .filter((t) => chosen.get(t.server.id)?.has(t.name) ?? true)
    .map((t) => ({ server: names.get(t.server.id)!, tool: t.name }));
}

/**
 * Refuses a configuration under which a NEVER caller would see two tools of one name: the first
 * collision, naming the tool and its servers (BAD_USER_INPUT on `field`).
 */
export async function assertNamesUnique(em: EntityManager, orgId: string, scope: { toolset: Toolset } | { allowList: readonly string[] }, field: string) {
  const [collision] = [...bareNameCollisions(await offeredTools(em, orgId, scope))].sort(([a], [b]) => byName(a, b));
  if (collision) throw badInput(collisionMessage(...collision), { field });
}

/** Whether anyone reaches the toolset under NEVER: the toolset itself (its project keys, its agents), or an agent of its own. */
export async function toolsetNamedBare(em: EntityManager, toolset: Toolset): Promise<boolean> {
  if (toolset.toolPrefix === 'never') return true;
  return (await em.count(Agent, { toolset, toolPrefix: 'never' })) > 0;
}

/** After a change to a toolset's servers or tools: refused when it would make names collide for a NEVER caller. */
export async function assertToolsetNamesUnique(em: EntityManager, toolset: Toolset, field: string) {
  if (await toolsetNamedBare(em, toolset)) await assertNamesUnique(em, toolset.org.id, { toolset }, field);
}
