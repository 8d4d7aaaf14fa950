import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { ruleOf, type Action } from './actions.ts';
import { roleIn, type Principal } from './principal.ts';

/** What an action is performed on: the organization it belongs to and, where it has one, its owner. */
export interface Resource {
  orgId?: string | null;
  ownerId?: string | null;
  /** Shown in NOT_FOUND messages. */
  type?: string;
}

type Decision = 'allow' | 'forbidden' | 'hidden';

function decide(principal: Principal, action: Action, resource: Resource): Decision {
  const rule = ruleOf(action);
  // Kinds first: an agent "owns" nothing a person's action is about (its id is no user's).
  const kinds = rule.kinds ?? ['user', 'serviceAccount'];
  if (!kinds.includes(principal.kind)) return 'forbidden';
  if (rule.self && resource.ownerId && resource.ownerId === principal.id) return 'allow';
  if (rule.global) return principal.systemAdmin ? 'allow' : 'forbidden';
  if (!resource.orgId) return principal.systemAdmin ? 'allow' : 'forbidden';
  const role = roleIn(principal, resource.orgId);
  if (!role) return 'hidden';
  return rule.roles.includes(role) ? 'allow' : 'forbidden';
}

/**
 * The one authorization check. Throws UNAUTHENTICATED without a principal, NOT_FOUND for a resource of an
 * organization the principal does not belong to (its existence is not revealed), FORBIDDEN otherwise.
 */
export function assert(principal: Principal | null, action: Action, resource: Resource = {}): asserts principal is Principal {
  if (!principal) throw unauthenticated();
  const decision = decide(principal, action, resource);
  if (decision === 'hidden') throw notFound(resource.type ?? 'Resource');
  if (decision === 'forbidden') throw forbidden(`Not allowed to ${action}`);
}

export function can(principal: Principal | null, action: Action, resource: Resource = {}): boolean {
  return !!principal && decide(principal, action, resource) === 'allow';
}
