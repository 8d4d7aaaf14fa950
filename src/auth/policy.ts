import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { ruleOf, type Action } from './actions.ts';
import { roleIn, type Principal } from './principal.ts';

/**
 * What an action is performed on. Resources nest: an installation holds organizations, an organization
 * holds its servers, agents, groups and keys (and, next, projects holding toolsets); a role granted at
 * one level applies below it. `orgId` places the resource; without one it is the installation's.
 */
export interface Resource {
  orgId?: string | null;
  /** The person the resource belongs to (their credentials, their own events). */
  ownerId?: string | null;
  /** Shown in NOT_FOUND messages. */
  type?: string;
}

type Decision = 'allow' | 'forbidden' | 'hidden';

const kindMay = (principal: Principal, action: Action) =>
  (ruleOf(action).kinds ?? ['user', 'serviceAccount']).includes(principal.kind) && (principal.projectId === null || !!ruleOf(action).projectKeys);

function decide(principal: Principal, action: Action, resource: Resource): Decision {
  const rule = ruleOf(action);
  // Kinds first: an agent "owns" nothing a person's action is about (its id is no user's).
  if (!kindMay(principal, action)) return 'forbidden';
  if (rule.self && resource.ownerId && resource.ownerId === principal.id) return 'allow';
  if (rule.anyone) return 'allow';
  if (rule.global || !resource.orgId) return principal.systemAdmin ? 'allow' : 'forbidden';
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

/**
 * `assert` for a resource looked up by id or name: `orgId` is undefined when nothing was found, which is
 * NOT_FOUND to anyone who could act on such a resource at all, exactly as another tenant's would be.
 */
export function assertFound(principal: Principal | null, action: Action, type: string, orgId: string | undefined): asserts principal is Principal {
  if (orgId === undefined) missing(principal, action, type);
  assert(principal, action, { orgId, type });
}

/** What a caller is told of a resource that does not exist: as `assertFound` tells it. */
export function missing(principal: Principal | null, action: Action, type: string): never {
  if (!principal) throw unauthenticated();
  if (!kindMay(principal, action)) throw forbidden(`Not allowed to ${action}`);
  throw notFound(type);
}

export function can(principal: Principal | null, action: Action, resource: Resource = {}): boolean {
  return !!principal && decide(principal, action, resource) === 'allow';
}
