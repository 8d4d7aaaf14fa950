import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, credentialStatus } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { unauthenticated } from '../errors.ts';
import type { Principal } from './principal.ts';
import { digestToken, hasValidShape } from './tokens.ts';

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a presented token to its principal, or throws UNAUTHENTICATED. Every request reads the
 * credential afresh, so revoking, disabling or expiring one takes effect on the very next request.
 */
export async function authenticate(em: EntityManager, token: string, now = new Date()): Promise<Principal> {
  if (!hasValidShape(token)) throw unauthenticated('Invalid token');
  const credential = await em.findOne(Credential, { digest: digestToken(token) }, { populate: ['user'] });
  if (!credential || credentialStatus(credential, now) !== 'active') throw unauthenticated('Invalid or expired token');
  const user = credential.user;
  if (!user || !user.active) throw unauthenticated('Invalid or expired token');

  const memberships = await em.find(Membership, { user }, { fields: ['org', 'role'] });
  if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(Credential, { id: credential.id }, { lastUsedAt: now });
  }
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    orgId: credential.org.id,
    systemAdmin: user.systemRole === 'admin',
    orgRoles: new Map(memberships.map((m) => [m.org.id, m.role])),
    credentialId: credential.id,
    credentialKind: credential.kind,
  };
}
