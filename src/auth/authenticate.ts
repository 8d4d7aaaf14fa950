import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, credentialStatus } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import type { User } from '../db/user.entity.ts';
import { unauthenticated } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { PrincipalCache } from './principal-cache.ts';
import { digestToken, hasValidShape } from './tokens.ts';

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a presented token to its principal, or throws UNAUTHENTICATED. The cache is cleared on every
 * instance by every committed mutation that may change access, so revoking, disabling or rotating a
 * credential takes effect on the next request.
 */
export async function authenticate(em: EntityManager, token: string, cache: PrincipalCache, now = new Date()): Promise<Principal> {
  if (!hasValidShape(token)) throw unauthenticated('Invalid token');
  const digest = digestToken(token);
  const cached = cache.get(digest, now.getTime());
  if (cached) return cached;
  const ticket = cache.ticket();
  const credential = await em.findOne(Credential, { digest }, { populate: ['user'] });
  if (!credential || credentialStatus(credential, now) !== 'active') throw unauthenticated('Invalid or expired token');
  const user = credential.user;
  if (!user || !user.active) throw unauthenticated('Invalid or expired token');

  const memberships = await em.find(Membership, { user }, { fields: ['org', 'role'] });
  if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(Credential, { id: credential.id }, { lastUsedAt: now });
  }
  const principal = principalOf(credential, user, memberships);
  cache.set(ticket, digest, principal, credential.expiresAt ?? null, now.getTime());
  return principal;
}

function principalOf(credential: Credential, user: User, memberships: readonly Pick<Membership, 'org' | 'role'>[]): Principal {
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    orgId: credential.org.id,
    systemAdmin: user.systemRole === 'admin',
    orgRoles: new Map(memberships.map((m) => [m.org.id, m.role])),
    credentialId: credential.id,
    credentialKind: credential.kind,
    credentialExpiresAt: credential.expiresAt ?? null,
  };
}

const RESOLVE_CHUNK = 1_000;

/**
 * The principals of many credentials at once, read again from the database (live subscriptions check
 * them when access may have changed): null for a credential that no longer authenticates.
 */
export async function resolvePrincipals(em: EntityManager, credentialIds: readonly string[], now = new Date()): Promise<Map<string, Principal | null>> {
  const resolved = new Map<string, Principal | null>(credentialIds.map((id) => [id, null]));
  for (let i = 0; i < credentialIds.length; i += RESOLVE_CHUNK) {
    const credentials = await em.find(Credential, { id: { $in: credentialIds.slice(i, i + RESOLVE_CHUNK) } }, { populate: ['user'] });
    const live = credentials.filter((c) => credentialStatus(c, now) === 'active' && c.user?.active);
    const memberships = await em.find(Membership, { user: { $in: live.map((c) => c.user!.id) } }, { fields: ['user', 'org', 'role'] });
    for (const credential of live) {
      const own = memberships.filter((m) => m.user.id === credential.user!.id);
      resolved.set(credential.id, principalOf(credential, credential.user!, own));
    }
  }
  return resolved;
}
