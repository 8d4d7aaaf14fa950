import { assert, assertFound } from '../auth/policy.ts';
import { roleIn } from '../auth/principal.ts';
import type { Action } from '../auth/actions.ts';
import { badInput, unauthenticated } from '../errors.ts';
import type { Ctx } from './context.ts';

/** The audit log files a request under the organization it concerns, even when the request fails. */
function concern(ctx: Ctx, orgId: string) {
  // Only an organization the caller belongs to: another tenant's is not told who probed it.
  if (ctx.principal && roleIn(ctx.principal, orgId)) ctx.concernedOrgId ??= orgId;
}

/**
 * The organization an operation acts in when it names no resource: the one it names, else the caller's
 * only one (an agent's or a service account's, a person's single membership). A person in several must
 * name it: the credential they happen to present never decides.
 */
export function actingOrg(ctx: Ctx, named: string | null | undefined): string {
  const principal = ctx.principal;
  if (!principal) throw unauthenticated();
  const orgs = [...principal.orgRoles.keys()];
  const orgId = named ?? (principal.kind !== 'user' ? principal.homeOrgId : orgs.length === 1 ? orgs[0] : undefined);
  if (!orgId) throw badInput(`organizationId: you belong to ${orgs.length} organizations; name the one to act in`, { field: 'organizationId' });
  concern(ctx, orgId);
  return orgId;
}

/** `assertFound` for a resource a resolver looked up (`orgId` undefined when there was none), filed under its organization. */
export function authorizeFound(ctx: Ctx, action: Action, type: string, orgId: string | undefined): void {
  if (orgId) concern(ctx, orgId);
  assertFound(ctx.principal, action, type, orgId);
}

/** How a resource of an organization is named: by id, or by name in an organization (the caller's own when not named). */
export interface NamedRef { id?: string | null; name?: string | null; organizationId?: string | null }

/** The filter that finds what `ref` names: its id, or its name in the organization acted in. */
export const byIdOrName = (ctx: Ctx, ref: NamedRef) => (ref.id ? { id: ref.id } : { org: actingOrg(ctx, ref.organizationId), name: ref.name ?? '' });

/** `actingOrg`, once the caller may perform `action` there. */
export function authorizedOrg(ctx: Ctx, named: string | null | undefined, action: Action): string {
  const orgId = actingOrg(ctx, named);
  assert(ctx.principal, action, { orgId, type: 'Organization' });
  return orgId;
}
