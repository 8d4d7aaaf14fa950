import type { EntityManager } from '@mikro-orm/postgresql';
import { assert, can } from '../auth/policy.ts';
import { DEFAULT_ORG_SLUG, Organization } from '../db/organization.entity.ts';
import { notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { paginate, type PageArgs } from './pagination.ts';

export const defaultOrganization = (em: EntityManager) => em.findOneOrFail(Organization, { slug: DEFAULT_ORG_SLUG });

export async function getOrganization(ctx: Ctx, id: string) {
  assert(ctx.principal, 'organization.read', { orgId: id, type: 'Organization' });
  const org = await ctx.em.findOne(Organization, { id });
  if (!org) throw notFound('Organization');
  return org;
}

/** The organizations the caller belongs to (all of them for a system administrator). */
export async function listOrganizations(ctx: Ctx, args: PageArgs) {
  const principal = ctx.principal;
  assert(principal, 'organization.read', { orgId: principal?.orgId });
  const where = can(principal, 'audit.read.all') ? {} : { id: { $in: [...principal.orgRoles.keys()] } };
  return paginate(ctx.em, Organization, where, args);
}
