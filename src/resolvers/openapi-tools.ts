import type { EntityManager } from '@mikro-orm/postgresql';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { TOOL_NAMING_VERSION } from '../openapi/naming.ts';
import type { Operation } from '../openapi/operations.ts';

/**
 * One tool per operation, matched to the stored ones by `toolKey` so the operator's overrides (enabled,
 * display name, instructions, when to use) survive a new spec; tools whose operation is gone are dropped.
 */
export async function syncOperationTools(em: EntityManager, server: McpServer, operations: Operation[]) {
  const existing = new Map((await em.find(Tool, { server })).map((t) => [t.toolKey ?? t.name, t]));
  const kept = new Set(operations.map((o) => o.toolKey));
  const gone = [...existing.values()].filter((t) => !kept.has(t.toolKey ?? t.name));
  // Removed first: a new operation may take the name a removed one had.
  if (gone.length) {
    gone.forEach((t) => em.remove(t));
    await em.flush();
  }
  for (const o of operations) {
    const fromSpec = {
      name: o.name, toolKey: o.toolKey, toolNamingVersion: TOOL_NAMING_VERSION, httpMethod: o.method, httpPath: o.path,
      title: o.title, description: o.description, inputSchema: o.inputSchema, outputSchema: null, annotations: null,
    };
    const found = existing.get(o.toolKey);
    if (found) Object.assign(found, fromSpec);
    else em.create(Tool, { server, ...fromSpec });
  }
}
