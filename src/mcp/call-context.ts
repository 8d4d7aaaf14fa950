import type { ServerResponse } from 'node:http';
import { serverAccess, type PersonFacts } from '../auth/mcp-access.ts';
import { toolsetScoped, type Principal } from '../auth/principal.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { UserServerSecret } from '../db/user-server-secret.entity.ts';
import type { Services } from '../resolvers/context.ts';
import { runtimeSpec } from '../resolvers/server-spec.ts';
import type { Catalog, CatalogServer } from './catalog.ts';
import type { InvocationCounter } from './invocations.ts';
import type { Envelope } from './modern-envelope.ts';
import { runtimeKey, type Supervisor } from './supervisor.ts';
import type { ToolDecision } from './tool-decision.ts';
import type { UpstreamSession } from './upstream-session.ts';

/** Everything one MCP request needs, resolved once. */
export interface CallContext {
  principal: Principal;
  catalog: Catalog;
  /** `/mcp/<server>` serves one server under its tools' own names; `/mcp` serves all, namespaced. */
  scope: string | null;
  correlationId: string;
  services: Services;
  supervisor: Supervisor;
  invocations: InvocationCounter;
  /** Set when the caller asked for progress and reads a stream: relays the upstream's progress. */
  /** A 2026-era request's envelope (its caller's version and capabilities); absent for the 2025 era. */
  envelope?: Envelope;
  /** A 2026-era tools/call's policy decision, taken from its Mcp-Name header before its body was parsed. */
  decision?: ToolDecision;
  progress?: (update: { progress: number; total?: number; message?: string }) => void;
  /** The HTTP response the request is answered on: closed before its answer, the caller cancelled (see held-calls). */
  response?: ServerResponse;
}

/** What decides the tools a caller sees: who they are, the catalog, and the endpoint's scope. */
export type Visibility = Pick<CallContext, 'principal' | 'catalog' | 'scope'>;

const NONE: ReadonlySet<string> = new Set();
const NO_SERVERS: ReadonlyMap<string, ReadonlySet<string> | null> = new Map();

/** The caller's groups' servers and subscriptions, as the policy wants them. */
export const personOf = (cc: Visibility): PersonFacts => ({
  groupServerIds: cc.catalog.groupServers.get(cc.principal.id) ?? NONE,
  subscribedServerIds: cc.catalog.subscriptions.get(cc.principal.id) ?? NONE,
  toolset: toolsetScoped(cc.principal) ? (cc.catalog.toolsets.get(cc.principal.toolsetId ?? '') ?? NO_SERVERS) : undefined,
});

/** The servers this caller may use here, switched-off ones included (their tools are then refused). */
export function reachableServers(cc: Visibility): CatalogServer[] {
  const ofOrg = cc.catalog.byName.get(cc.principal.homeOrgId);
  if (!ofOrg) return [];
  const candidates = cc.scope ? [ofOrg.get(cc.scope)].filter((s) => s !== undefined) : [...ofOrg.values()];
  return candidates.filter((s) => serverAccess(cc.principal, s, personOf(cc))?.kind !== 'hidden');
}

/** The upstream session for this caller, of either era: shared, or the caller's own for a per-user server. */
export function upstreamClient(cc: CallContext, server: CatalogServer): Promise<UpstreamSession> {
  const userId = server.isolation === 'per_user' ? cc.principal.id : null;
  return cc.supervisor.acquire(runtimeKey(server.id, userId), server.id, userId, async () => {
    const em = cc.services.orm.em.fork();
    const row = await em.findOneOrFail(McpServer, { id: server.id });
    let values: Record<string, string> = {};
    if (userId) {
      const own = await em.findOne(UserServerSecret, { user: userId, server: server.id });
      values = own ? cc.services.secrets.open<Record<string, string>>(own.sealedValues) : {};
      const missing = server.envSchema.filter((f) => f.scope === 'user' && f.required && !values[f.name]).map((f) => f.name);
      if (missing.length) throw new Error(`Set your own values for ${missing.join(', ')} first (setMyServerSecrets)`);
    }
    return runtimeSpec(em, cc.services.secrets, row, values);
  });
}
