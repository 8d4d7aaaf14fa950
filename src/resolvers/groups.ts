import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { can } from '../auth/policy.ts';
import { Group } from '../db/group.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { badInput, notFound } from '../errors.ts';
import { authorizedOrg, authorizeFound, byIdOrName, type NamedRef } from './scope.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';

const groupTarget = (g: Group) => ({ type: 'Group', id: g.id, name: g.name });

async function loadGroup(ctx: Ctx, em: EntityManager, ref: string | NamedRef, action: 'group.read' | 'group.write') {
  const group = await em.findOne(Group, byIdOrName(ctx, typeof ref === 'string' ? { id: ref } : ref), { populate: ['members', 'servers'] });
  authorizeFound(ctx, action, 'Group', group?.org.id);
  return group!;
}

export const getGroup = (ctx: Ctx, ref: string | NamedRef) => loadGroup(ctx, ctx.em, ref, 'group.read');

/** The groups a person is in, of the organizations the caller may read groups of. */
export async function groupsOf(ctx: Ctx, user: User) {
  const groups = await ctx.em.find(Group, { members: user }, { orderBy: { name: 'asc', id: 'asc' } });
  return groups.filter((g) => can(ctx.principal, 'group.read', { orgId: g.org.id }));
}

export async function listGroups(ctx: Ctx, args: PageArgs & { organizationId?: string | null }) {
  const orgId = authorizedOrg(ctx, args.organizationId, 'group.read');
  return paginate(ctx.em, Group, { org: orgId }, args, undefined, { populate: ['members', 'servers'] });
}

const name = z.string().trim().min(1).max(100);
const CreateInput = z.object({ name, description: z.string().max(2_000).nullish(), organizationId: fields.id.nullish() });

export async function createGroup(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'group_created' }, async (em) => {
    const orgId = authorizedOrg(ctx, input.organizationId, 'group.write');
    const data = parseInput(CreateInput, input);
    const org = await em.findOne(Organization, { id: orgId });
    if (!org) throw notFound('Organization');
    const group = em.create(Group, { org, name: data.name, description: data.description ?? null });
    return { result: group, target: groupTarget(group), orgId: org.id };
  });
}

const UpdateInput = z.object({ id: fields.id, name: name.nullish(), description: z.string().max(2_000).nullish() });

export async function updateGroup(ctx: Ctx, input: z.input<typeof UpdateInput>) {
  return mutate(ctx, { type: 'group_updated' }, async (em) => {
    const group = await loadGroup(ctx, em, input.id, 'group.write');
    const data = parseInput(UpdateInput, input);
    if (data.name) group.name = data.name;
    if (data.description !== undefined) group.description = data.description;
    return { result: group, target: groupTarget(group), orgId: group.org.id };
  });
}

export async function deleteGroup(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'group_deleted' }, async (em) => {
    const group = await loadGroup(ctx, em, parseInput(z.object({ id: fields.id }), input).id, 'group.write');
    em.remove(group);
    return { result: group.id, target: groupTarget(group), orgId: group.org.id };
  });
}

const ChangeInput = z.object({
  id: fields.id,
  add: z.array(fields.id).max(500).nullish(),
  remove: z.array(fields.id).max(500).nullish(),
});

/** Adds and removes people; they must belong to the group's organization. */
export async function updateGroupMembers(ctx: Ctx, input: z.input<typeof ChangeInput>) {
  return mutate(ctx, { type: 'group_members_updated' }, async (em) => {
    const group = await loadGroup(ctx, em, input.id, 'group.write');
    const data = parseInput(ChangeInput, input);
    const members = await em.find(Membership, { org: group.org, user: { $in: data.add ?? [] } }, { populate: ['user'] });
    const outsiders = (data.add ?? []).filter((id) => !members.some((m) => m.user.id === id));
    if (outsiders.length) throw badInput(`Not members of the organization: ${outsiders.join(', ')}`);
    for (const m of members) group.members.add(m.user);
    for (const id of data.remove ?? []) group.members.remove(em.getReference(User, id));
    return { result: group, target: groupTarget(group), orgId: group.org.id, details: { added: data.add ?? [], removed: data.remove ?? [] } };
  });
}

/** Assigns and unassigns servers of the group's organization. */
export async function updateGroupServers(ctx: Ctx, input: z.input<typeof ChangeInput>) {
  return mutate(ctx, { type: 'group_servers_updated' }, async (em) => {
    const group = await loadGroup(ctx, em, input.id, 'group.write');
    const data = parseInput(ChangeInput, input);
    const servers = await em.find(McpServer, { org: group.org, id: { $in: data.add ?? [] } });
    const unknown = (data.add ?? []).filter((id) => !servers.some((s) => s.id === id));
    if (unknown.length) throw badInput(`Not servers of the organization: ${unknown.join(', ')}`);
    for (const s of servers) group.servers.add(s);
    for (const id of data.remove ?? []) group.servers.remove(em.getReference(McpServer, id));
    return { result: group, target: groupTarget(group), orgId: group.org.id, details: { added: data.add ?? [], removed: data.remove ?? [] } };
  });
}
