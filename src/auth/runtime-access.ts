import { forbidden, unauthenticated, type AppError } from '../errors.ts';
import { can } from './policy.ts';
import type { Principal } from './principal.ts';

/**
 * Who sees a server's runtime status: of a shared runtime everyone who may read the server; of a per-user
 * one (its messages may quote that user's own configuration) that user and the server's operators.
 */
export function maySeeRuntime(principal: Principal, orgId: string, runtimeUserId: string | null): boolean {
  if (!can(principal, 'server.read', { orgId })) return false;
  return runtimeUserId === null || runtimeUserId === principal.id || maySeeEveryRuntime(principal, orgId);
}

/** The server's operators see every user's runtime of it. */
export const maySeeEveryRuntime = (principal: Principal, orgId: string) => can(principal, 'server.write', { orgId });

/**
 * Whether a live view of a server's runtimes may go on, given its subscriber's credential read again:
 * it ends when the credential stops working, or when what the subscriber may see of them changed.
 */
export function runtimeViewEnds(subscribed: Principal, fresh: Principal | null, orgId: string): AppError | null {
  if (!fresh) return unauthenticated('Credential revoked, disabled or expired');
  const sees = (p: Principal) => [can(p, 'server.read', { orgId }), can(p, 'server.write', { orgId })].join();
  if (sees(fresh) !== sees(subscribed)) return forbidden('Access to this server changed: subscribe again');
  return null;
}
