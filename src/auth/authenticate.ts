import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, credentialStatus } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { unauthenticated } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { Attempts } from './attempts.ts';
import type { PrincipalCache } from './principal-cache.ts';
import type { PresentedCredential } from './presented.ts';
import { digestToken, hasValidShape } from './tokens.ts';

const LAST_USED_RESOLUTION_MS = 60_000;

type Roles = readonly Pick<Membership, 'org' | 'role'>[];

/** A credential that authenticates: active, and its person active (agents and service accounts have no such switch). */
const authenticates = (c: Credential, now: Date) => credentialStatus(c, now) === 'active' && (c.user ? c.user.active : !!(c.agent ?? c.serviceAccount));

const POPULATE = ['user', 'agent', 'serviceAccount', 'project'] as const;

/** Who a working credential stands for. `memberships` are its person's (agents and service accounts have their one). */
function principalOf(credential: Credential, memberships: Roles): Principal {
  const common = {
    homeOrgId: credential.org.id,
    credentialId: credential.id,
    credentialKind: credential.kind,
    credentialExpiresAt: credential.expiresAt ?? null,
    projectId: null,
    toolPrefix: null,
  };
  const agent = credential.agent;
  if (agent) {
    return {
      ...common,
      kind: 'agent',
      id: agent.id,
      name: agent.name,
      systemAdmin: false,
      // Agents act only through actions open to their kind (mcp.call); the role just places them in their org.
      orgRoles: new Map([[agent.org.id, 'viewer']]),
      credentialName: agent.name,
      allowList: agent.allowList,
      toolsetId: agent.toolset?.id ?? null,
      toolPrefix: agent.toolPrefix ?? null,
    };
  }
  const account = credential.serviceAccount;
  if (account) {
    return {
      ...common,
      kind: 'serviceAccount',
      id: account.id,
      name: account.name,
      systemAdmin: false,
      orgRoles: new Map([[account.org.id, account.role]]),
      credentialName: credential.name,
      allowList: null,
      toolsetId: null,
    };
  }
  const user = credential.user!;
  // A project key acts in its project's organization only, with no system role (and, by the policy, for /mcp only).
  const project = credential.project;
  const roles = project ? memberships.filter((m) => m.org.id === credential.org.id) : memberships;
  return {
    ...common,
    kind: 'user',
    id: user.id,
    name: user.username,
    systemAdmin: !project && user.systemRole === 'admin',
    orgRoles: new Map(roles.map((m) => [m.org.id, m.role])),
    credentialName: credential.name,
    allowList: null,
    toolsetId: project?.toolset?.id ?? null,
    projectId: project?.id ?? null,
  };
}

export interface Authentication {
  cache: PrincipalCache;
  /** Where guessing is counted; `source` is the caller's address. */
  attempts?: Attempts;
  source?: string | null;
}

/**
 * Resolves a presented token to its principal, or throws UNAUTHENTICATED (RATE_LIMITED once its source
 * has failed too often). A token the cache holds was verified moments ago and skips the guessing limits.
 * The cache is cleared on every instance by every committed mutation that may change access, so
 * revoking, disabling or rotating a credential takes effect on the next request.
 */
export async function authenticate(em: EntityManager | (() => EntityManager), token: string, { cache, attempts, source = null }: Authentication, now = new Date()): Promise<Principal> {
  const digest = hasValidShape(token) ? digestToken(token) : null;
  const cached = digest && cache.get(digest, now.getTime());
  if (cached) return cached;
  if (!digest) {
    await attempts?.beginAuthentication(source);
    throw unauthenticated('Invalid token');
  }
  // A function of an entity manager is called on a cache miss only: the hot path forks none.
  return cache.load(digest, () => readPrincipal(typeof em === 'function' ? em() : em, digest, { cache, attempts, source }, now));
}

async function readPrincipal(em: EntityManager, digest: string, { cache, attempts, source = null }: Authentication, now: Date): Promise<Principal> {
  const attempt = await attempts?.beginAuthentication(source);
  const ticket = cache.ticket();
  const credential = await em.findOne(Credential, { digest }, { populate: POPULATE });
  if (!credential || !authenticates(credential, now)) throw unauthenticated('Invalid or expired token');
  attempt?.succeeded();
  const memberships = credential.user ? await em.find(Membership, { user: credential.user }, { fields: ['org', 'role'] }) : [];
  if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(Credential, { id: credential.id }, { lastUsedAt: now });
  }
  const principal = principalOf(credential, memberships);
  cache.set(ticket, digest, principal, credential.expiresAt ?? null, now.getTime());
  return principal;
}

/** Every door's way in: the principal of the credential a request presented, or null when it presented none. */
export const authenticateCredential = (em: EntityManager, credential: PresentedCredential | null, authentication: Authentication) =>
  credential ? authenticate(em, credential.token, authentication) : Promise.resolve(null);

const RESOLVE_CHUNK = 1_000;

/**
 * The principals of many credentials at once, read again from the database (live subscriptions check
 * them when access may have changed): null for a credential that no longer authenticates.
 */
export async function resolvePrincipals(em: EntityManager, credentialIds: readonly string[], now = new Date()): Promise<Map<string, Principal | null>> {
  const resolved = new Map<string, Principal | null>(credentialIds.map((id) => [id, null]));
  for (let i = 0; i < credentialIds.length; i += RESOLVE_CHUNK) {
    const credentials = await em.find(Credential, { id: { $in: credentialIds.slice(i, i + RESOLVE_CHUNK) } }, { populate: POPULATE });
    const live = credentials.filter((c) => authenticates(c, now));
    const people = live.filter((c) => c.user).map((c) => c.user!.id);
    const memberships = people.length ? await em.find(Membership, { user: { $in: people } }, { fields: ['user', 'org', 'role'] }) : [];
    for (const credential of live) {
      resolved.set(credential.id, principalOf(credential, memberships.filter((m) => m.user.id === credential.user?.id)));
    }
  }
  return resolved;
}
