import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, credentialStatus } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { unauthenticated } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { PrincipalCache } from './principal-cache.ts';
import { digestToken, hasValidShape } from './tokens.ts';

const LAST_USED_RESOLUTION_MS = 60_000;

async function userPrincipal(em: EntityManager, credential: Credential): Promise<Principal> {
  const user = credential.user;
  if (!user || !user.active) throw unauthenticated('Invalid or expired token');
  const memberships = await em.find(Membership, { user }, { fields: ['org', 'role'] });
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    orgId: credential.org.id,
    systemAdmin: user.systemRole === 'admin',
    orgRoles: new Map(memberships.map((m) => [m.org.id, m.role])),
    credentialId: credential.id,
    credentialKind: credential.kind,
    credentialName: credential.name,
    allowList: null,
  };
}

function agentPrincipal(credential: Credential): Principal {
  const agent = credential.agent!;
  return {
    kind: 'agent',
    id: agent.id,
    name: agent.name,
    orgId: agent.org.id,
    systemAdmin: false,
    // Agents act only through actions open to their kind (mcp.call); the role just places them in their org.
    orgRoles: new Map([[agent.org.id, 'viewer']]),
    credentialId: credential.id,
    credentialKind: credential.kind,
    credentialName: agent.name,
    allowList: agent.allowList,
  };
}

/**
 * Resolves a presented token to its principal, or throws UNAUTHENTICATED. The cache is cleared by every
 * committed mutation, so revoking, disabling or rotating a credential takes effect on the next request.
 */
export async function authenticate(em: EntityManager, token: string, cache: PrincipalCache, now = new Date()): Promise<Principal> {
  if (!hasValidShape(token)) throw unauthenticated('Invalid token');
  const digest = digestToken(token);
  const cached = cache.get(digest, now.getTime());
  if (cached) return cached;
  const ticket = cache.ticket();
  const credential = await em.findOne(Credential, { digest }, { populate: ['user', 'agent'] });
  if (!credential || credentialStatus(credential, now) !== 'active') throw unauthenticated('Invalid or expired token');
  const principal = credential.agent ? agentPrincipal(credential) : await userPrincipal(em, credential);
  if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(Credential, { id: credential.id }, { lastUsedAt: now });
  }
  cache.set(ticket, digest, principal, credential.expiresAt ?? null, now.getTime());
  return principal;
}
