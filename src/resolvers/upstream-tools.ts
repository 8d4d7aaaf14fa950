import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import type { Services } from './context.ts';
import { mutate } from './mutation.ts';
import { syncTools } from './server-lifecycle.ts';
import { serverTarget } from './servers.ts';
import type { DiscoveredTool } from './upstream-port.ts';

/** The most tool names an audit event lists per kind of change. */
const NAMES_LISTED = 50;

const upstreamFields = (t: DiscoveredTool | Tool) => ({
  title: t.title ?? null, description: t.description ?? null, inputSchema: t.inputSchema,
  outputSchema: t.outputSchema ?? null, annotations: t.annotations ?? null,
});

/** What the upstream's list changes in the stored one: tools added, removed, and changed (title, description, schemas, annotations). */
async function toolChanges(em: EntityManager, serverId: string, discovered: DiscoveredTool[]) {
  const stored = new Map((await em.find(Tool, { server: serverId })).map((t) => [t.name, t]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const d of discovered) {
    const found = stored.get(d.name);
    if (!found) added.push(d.name);
    else if (!isDeepStrictEqual(upstreamFields(found), upstreamFields(d))) changed.push(d.name);
    stored.delete(d.name);
  }
  const removed = [...stored.keys()];
  return added.length + changed.length + removed.length ? { added, removed, changed } : null;
}

/**
 * A running upstream said its tools changed, and lists these: the stored tools follow (the operator's
 * overrides and switches are kept), as a validation would make them, audited as `server_tools_changed`
 * with what changed, and every instance's callers hear of it as of any catalog change. A list that
 * changes nothing changes nothing and leaves no event; a server archived or gone is left alone.
 */
export async function applyUpstreamTools(services: Services, serverId: string, discovered: DiscoveredTool[]): Promise<void> {
  const em = services.orm.em.fork();
  const server = await em.findOne(McpServer, { id: serverId });
  if (!server || server.status === 'archived' || !(await toolChanges(em, serverId, discovered))) return;
  const ctx = { em, principal: null, principalTicket: services.principals.ticket(), correlationId: randomUUID(), clientLabel: null, remoteAddress: null, services };
  await mutate(ctx, { type: 'server_tools_changed', actorName: `upstream ${server.name}` }, async (tx) => {
    // Two instances hearing the same upstream apply its list one after the other; the second finds it applied.
    const locked = await tx.findOneOrFail(McpServer, { id: serverId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const changes = (await toolChanges(tx, serverId, discovered)) ?? { added: [], removed: [], changed: [] };
    await syncTools(tx, locked, discovered);
    const listed = Object.fromEntries(Object.entries(changes).map(([kind, names]) => [kind, names.slice(0, NAMES_LISTED)]));
    return { result: null, target: serverTarget(locked), orgId: locked.org.id, details: { ...listed, tools: discovered.length } };
  });
}
