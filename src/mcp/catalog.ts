import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServerFacts, ToolFacts } from '../auth/mcp-access.ts';
import { McpServer, type Isolation, type EnvSchemaField } from '../db/mcp-server.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { Toolset, type ToolPrefixMode } from '../db/toolset.entity.ts';
import { ToolsetServer } from '../db/toolset-server.entity.ts';
import { exposedToolName } from './names.ts';
import { scanParams } from './param-headers.ts';

export interface CatalogTool extends ToolFacts {
  id: string;
  name: string;
  /** What tools/list shows: overrides applied, guidance for the model appended. */
  listing: { title?: string; description?: string; inputSchema: unknown; outputSchema?: unknown; annotations?: unknown };
}

export interface CatalogServer extends ServerFacts {
  isolation: Isolation;
  envSchema: EnvSchemaField[];
  tools: Map<string, CatalogTool>;
}

/** A read-only picture of what the data plane serves: live servers, their tools, who is in which group. */
export interface Catalog {
  servers: Map<string, CatalogServer>;
  /** orgId → server name → server. */
  byName: Map<string, Map<string, CatalogServer>>;
  /** orgId → exposed `server__tool` name → [server, tool]. */
  exposed: Map<string, Map<string, [CatalogServer, CatalogTool]>>;
  /** userId → ids of servers assigned to their groups. */
  groupServers: Map<string, Set<string>>;
  /** userId → ids of servers they subscribed to. */
  subscriptions: Map<string, Set<string>>;
  /** toolsetId → server id → the tools on there (null: all). */
  toolsets: Map<string, Map<string, Set<string> | null>>;
  /** toolsetId → how /mcp names tools for those it scopes, for toolsets that say (the others: `always`). */
  toolsetPrefixes: Map<string, ToolPrefixMode>;
}

function describe(tool: Tool): string | undefined {
  const parts = [tool.descriptionOverride ?? tool.description ?? undefined];
  if (tool.instructions) parts.push(`Instructions: ${tool.instructions}`);
  if (tool.whenToUse) parts.push(`Use when: ${tool.whenToUse}`);
  if (tool.whenNotToUse) parts.push(`Do not use when: ${tool.whenNotToUse}`);
  const text = parts.filter(Boolean).join('\n\n');
  return text || undefined;
}

async function load(orm: MikroORM): Promise<Catalog> {
  const em = orm.em.fork();
  const servers = await em.find(McpServer, { status: { $in: ['validated', 'published'] } });
  const tools = servers.length ? await em.find(Tool, { server: { $in: servers.map((s) => s.id) } }) : [];
  type Link = { user_id: string; server_id: string };
  const links = await em.execute<Link[]>('select gm.user_id, gs.mcp_server_id as server_id from group_member gm join group_server gs on gs.group_id = gm.group_id');
  const subscribed = await em.execute<Link[]>('select user_id, server_id from server_subscription');
  const entries = await em.find(ToolsetServer, {}, { fields: ['toolset', 'server', 'tools'] });
  const prefixes = await em.find(Toolset, { toolPrefix: { $ne: null } }, { fields: ['toolPrefix'] });
  const catalog: Catalog = {
    servers: new Map(), byName: new Map(), exposed: new Map(), groupServers: new Map(), subscriptions: new Map(), toolsets: new Map(),
    toolsetPrefixes: new Map(prefixes.map((t) => [t.id, t.toolPrefix!])),
  };
  for (const { toolset, server, tools } of entries) {
    if (!catalog.toolsets.has(toolset.id)) catalog.toolsets.set(toolset.id, new Map());
    catalog.toolsets.get(toolset.id)!.set(server.id, tools ? new Set(tools) : null);
  }
  for (const s of servers) {
    const server: CatalogServer = {
      id: s.id, orgId: s.org.id, name: s.name, status: s.status, killReason: s.killedAt ? s.killReason ?? 'switched off' : null,
      isolation: s.isolation, envSchema: s.envSchema, tools: new Map(),
    };
    catalog.servers.set(s.id, server);
    if (!catalog.byName.has(server.orgId)) catalog.byName.set(server.orgId, new Map());
    catalog.byName.get(server.orgId)!.set(server.name, server);
  }
  for (const t of tools) {
    // One stored before the gateway checked x-mcp-header declarations is not offered either (a validation drops it).
    if (!scanParams(t.inputSchema as Record<string, unknown>).valid) continue;
    const server = catalog.servers.get(t.server.id)!;
    const tool: CatalogTool = {
      id: t.id, name: t.name, enabled: t.enabled, killReason: t.killedAt ? t.killReason ?? 'switched off' : null,
      listing: {
        title: t.displayName ?? t.title ?? undefined,
        description: describe(t),
        inputSchema: t.inputSchema,
        ...(t.outputSchema && { outputSchema: t.outputSchema }),
        ...(t.annotations && { annotations: t.annotations }),
      },
    };
    server.tools.set(tool.name, tool);
    if (!catalog.exposed.has(server.orgId)) catalog.exposed.set(server.orgId, new Map());
    catalog.exposed.get(server.orgId)!.set(exposedToolName(server.name, tool.name), [server, tool]);
  }
  for (const [rows, byUser] of [[links, catalog.groupServers], [subscribed, catalog.subscriptions]] as const) {
    for (const { user_id, server_id } of rows) {
      if (!byUser.has(user_id)) byUser.set(user_id, new Set());
      byUser.get(user_id)!.add(server_id);
    }
  }
  return catalog;
}

/**
 * The catalog, read from the database at most once per `ttlMs` and at once after `clear()` (every
 * committed mutation clears it), so a kill switch applies from the next call on this instance and within
 * `ttlMs` on every other.
 */
export class CatalogCache {
  readonly #orm: MikroORM;
  readonly #ttlMs: number;
  #current: { catalog: Promise<Catalog>; loadedAt: number; generation: number } | null = null;
  #generation = 0;

  constructor(orm: MikroORM, ttlMs = 1_000) {
    this.#orm = orm;
    this.#ttlMs = ttlMs;
  }

  get(): Promise<Catalog> {
    const now = Date.now();
    const current = this.#current;
    if (current && current.generation === this.#generation && now - current.loadedAt < this.#ttlMs) return current.catalog;
    const catalog = load(this.#orm);
    const entry = { catalog, loadedAt: now, generation: this.#generation };
    this.#current = entry;
    catalog.catch(() => {
      if (this.#current === entry) this.#current = null;
    });
    return catalog;
  }

  clear(): void {
    this.#generation++;
  }
}
