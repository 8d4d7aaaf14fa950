import { toolAccess } from '../auth/mcp-access.ts';
import { roleIn, type Principal } from '../auth/principal.ts';
import type { ToolPrefixMode } from '../db/toolset.entity.ts';
import type { Logger } from '../log.ts';
import { bareNameCollisions, collisionMessage } from '../resolvers/tool-prefix.ts';
import { personOf, reachableServers, type Visibility } from './call-context.ts';
import type { Catalog, CatalogServer, CatalogTool } from './catalog.ts';
import { exposedToolName } from './names.ts';

export type Entry = [CatalogServer, CatalogTool];

/** How one caller's /mcp names its tools when they are not all `server__tool`. */
export interface Naming {
  /** Name → tool, for every tool the caller can reach: switched-off ones too, so that a call to one is told why. */
  byName: Map<string, Entry>;
  /** The same, by name in code-point order: what tools/list walks. */
  sorted: [string, Entry][];
  /** NEVER: a bare name several servers offer → why it is withheld. */
  collisions: Map<string, string>;
}

/**
 * How /mcp names tools for this caller: an agent's own mode, else its toolset's; a project key's
 * toolset's; `always` for everyone else and whenever nothing says otherwise. `/mcp/<server>` always uses
 * bare names and does not ask.
 */
export function prefixModeOf({ principal, catalog }: Pick<Visibility, 'principal' | 'catalog'>): ToolPrefixMode {
  if (principal.kind === 'agent') {
    if (principal.toolPrefix) return principal.toolPrefix;
  } else if (principal.projectId === null) {
    return 'always';
  }
  return (principal.toolsetId !== null && catalog.toolsetPrefixes.get(principal.toolsetId)) || 'always';
}

/**
 * Everything `reachableServers` and `toolAccess` read of a non-`always` principal (agents and project
 * keys: neither groups nor subscriptions count for them), so that principals alike share one naming.
 */
const visibilityKey = (p: Principal) =>
  [p.kind, p.id, p.homeOrgId, p.projectId, p.toolsetId, p.toolPrefix, roleIn(p, p.homeOrgId), p.allowList?.join(',')].join('|');

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Names for `tools` (each unique): bare, except those in `prefixed`. */
const named = (tools: Entry[], prefixed: Set<Entry>) =>
  tools.map((e): [string, Entry] => [prefixed.has(e) ? exposedToolName(e[0].name, e[1].name) : e[1].name, e]);

function build(view: Visibility, mode: 'never' | 'on_collision', log: Logger | undefined): Naming {
  const person = personOf(view);
  const tools: Entry[] = [];
  for (const server of reachableServers(view)) {
    for (const tool of server.tools.values()) {
      if (toolAccess(view.principal, server, tool, person)?.kind !== 'hidden') tools.push([server, tool]);
    }
  }
  const collided = bareNameCollisions(tools.map(([s, t]) => ({ server: s.name, tool: t.name })));
  const collisions = new Map<string, string>();
  let names: [string, Entry][];
  if (mode === 'never') {
    // Never resolved quietly: a name several servers offer is nobody's, until an operator decides.
    for (const [tool, servers] of collided) collisions.set(tool, collisionMessage(tool, servers));
    names = tools.filter(([, t]) => !collided.has(t.name)).map((e) => [e[1].name, e]);
    report(log, view.principal, collisions);
  } else {
    // A bare name may equal another server's prefixed one (`b__c` of server a, `c` of server b): it is
    // then prefixed too, and so on until no name is taken twice.
    const prefixed = new Set(tools.filter(([, t]) => collided.has(t.name)));
    for (;;) {
      const taken = new Set(named([...prefixed], prefixed).map(([name]) => name));
      const clashing = tools.filter((e) => !prefixed.has(e) && taken.has(e[1].name));
      if (!clashing.length) break;
      for (const e of clashing) prefixed.add(e);
    }
    names = named(tools, prefixed);
  }
  const sorted = names.sort(([a], [b]) => byCodePoint(a, b));
  return { byName: new Map(sorted), sorted, collisions };
}

/** The collisions last reported per principal: a collision is logged when it appears, not on every catalog load. */
const reported = new Map<string, string>();
const REPORTED_MAX = 10_000;

function report(log: Logger | undefined, principal: Principal, collisions: Map<string, string>) {
  const key = `${principal.kind}:${principal.id}:${principal.toolsetId}`;
  if (!collisions.size) return void reported.delete(key);
  const signature = [...collisions.keys()].sort(byCodePoint).join('\n');
  if (!log || reported.get(key) === signature) return;
  if (reported.size >= REPORTED_MAX) reported.clear();
  reported.set(key, signature);
  log.warn('tools withheld from /mcp: toolPrefix NEVER, and several servers offer these names', {
    principal: principal.id, kind: principal.kind, toolsetId: principal.toolsetId, collisions: [...collisions.values()],
  });
}

/** Per catalog (each load is a new one), per principal: built once, read by every tools/list and tools/call. */
const namings = new WeakMap<Catalog, Map<string, Naming>>();

export function namingOf(view: Visibility, mode: 'never' | 'on_collision', log?: Logger): Naming {
  let ofCatalog = namings.get(view.catalog);
  if (!ofCatalog) namings.set(view.catalog, (ofCatalog = new Map()));
  const key = visibilityKey(view.principal);
  let naming = ofCatalog.get(key);
  if (!naming) ofCatalog.set(key, (naming = build(view, mode, log)));
  return naming;
}
