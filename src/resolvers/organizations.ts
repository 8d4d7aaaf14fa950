import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { DEFAULT_ORG_SLUG, Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { conflict } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { authorizeFound } from './scope.ts';

export const defaultOrganization = (em: EntityManager) => em.findOneOrFail(Organization, { slug: DEFAULT_ORG_SLUG });

const orgTarget = (org: Organization) => ({ type: 'Organization', id: org.id, name: org.slug });

async function loadOrganization(ctx: Ctx, em: EntityManager, ref: { id?: string | null; slug?: string | null }, action: 'organization.read' | 'organization.update' | 'organization.delete') {
  const org = ref.id ? await em.findOne(Organization, { id: ref.id }) : await em.findOne(Organization, { slug: (ref.slug ?? '').toLowerCase() });
  authorizeFound(ctx, action, 'Organization', org?.id);
  return org!;
}

export const getOrganization = (ctx: Ctx, ref: { id?: string | null; slug?: string | null }) => loadOrganization(ctx, ctx.em, ref, 'organization.read');

/** The organizations the caller belongs to (all of them for a system administrator). */
export async function listOrganizations(ctx: Ctx, args: PageArgs) {
  const principal = ctx.principal;
  assert(principal, 'organization.list');
  const where = principal.systemAdmin ? {} : { id: { $in: [...principal.orgRoles.keys()] } };
  return paginate(ctx.em, Organization, where, args);
}

export const memberCount = (ctx: Ctx, org: Organization) => ctx.em.count(Membership, { org });
export const serverCount = (ctx: Ctx, org: Organization) => ctx.em.count(McpServer, { org });

const slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and "-", at most 40, not starting or ending with "-"');
const planTier = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lowercase word');
const CreateInput = z.object({ name: fields.name, slug, planTier: planTier.nullish(), publicMcpGuidesEnabled: z.boolean().nullish() });

async function assertSlugFree(em: EntityManager, value: string, except?: string) {
  const taken = await em.findOne(Organization, { slug: value });
  if (taken && taken.id !== except) throw conflict(`An organization with the slug "${value}" already exists`);
}

/** Founds an organization; its creator becomes its admin. */
export async function createOrganization(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'organization_created' }, async (em) => {
    assert(ctx.principal, 'organization.create');
    const data = parseInput(CreateInput, input);
    if (data.planTier && data.planTier !== 'free') assert(ctx.principal, 'organization.plan');
    await assertSlugFree(em, data.slug);
    const org = em.create(Organization, { name: data.name, slug: data.slug, planTier: data.planTier ?? 'free', publicMcpGuidesEnabled: data.publicMcpGuidesEnabled ?? true });
    em.create(Membership, { org, user: em.getReference(User, ctx.principal.id), role: 'admin' });
    return { result: org, target: orgTarget(org), orgId: org.id };
  });
}

const UpdateInput = z.object({ id: fields.id, name: fields.name.nullish(), slug: slug.nullish(), planTier: planTier.nullish(), publicMcpGuidesEnabled: z.boolean().nullish() });

export async function updateOrganization(ctx: Ctx, input: z.input<typeof UpdateInput>) {
  return mutate(ctx, { type: 'organization_updated' }, async (em) => {
    const org = await loadOrganization(ctx, em, { id: input.id }, 'organization.update');
    const data = parseInput(UpdateInput, input);
    if (data.planTier != null && data.planTier !== org.planTier) assert(ctx.principal, 'organization.plan');
    if (data.slug && data.slug !== org.slug) {
      if (org.slug === DEFAULT_ORG_SLUG) throw conflict('The default organization keeps its slug');
      await assertSlugFree(em, data.slug, org.id);
      org.slug = data.slug;
    }
    if (data.name) org.name = data.name;
    if (data.planTier) org.planTier = data.planTier;
    if (data.publicMcpGuidesEnabled != null) org.publicMcpGuidesEnabled = data.publicMcpGuidesEnabled;
    return { result: org, target: orgTarget(org), orgId: org.id };
  });
}

/** Deletes an organization with everything in it (servers, agents, keys, invitations), then stops its upstreams. */
export async function deleteOrganization(ctx: Ctx, input: { id: string }) {
  const { id, serverIds } = await mutate(ctx, { type: 'organization_deleted' }, async (em) => {
    const org = await loadOrganization(ctx, em, parseInput(z.object({ id: fields.id }), input), 'organization.delete');
    if (org.slug === DEFAULT_ORG_SLUG) throw conflict('The default organization cannot be deleted');
    const servers = await em.find(McpServer, { org }, { fields: ['id'] });
    await em.nativeDelete(Organization, { id: org.id });
    return { result: { id: org.id, serverIds: servers.map((s) => s.id) }, target: orgTarget(org), orgId: org.id, details: { servers: servers.length } };
  });
  await Promise.all(serverIds.map((serverId) => ctx.services.upstreams.stop(serverId)));
  return id;
}
