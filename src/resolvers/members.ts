import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { Credential } from '../db/credential.entity.ts';
import { Invitation } from '../db/invitation.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Membership, ORG_ROLES, type OrgRole } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { UserServerSecret } from '../db/user-server-secret.entity.ts';
import { conflict, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { actingOrg, authorizeFound } from './scope.ts';

const memberTarget = (m: Membership) => ({ type: 'User', id: m.user.id, name: m.user.username });

export async function listMembers(ctx: Ctx, org: Organization, args: PageArgs & { role?: OrgRole | null }) {
  assert(ctx.principal, 'member.read', { orgId: org.id, type: 'Organization' });
  return paginate(ctx.em, Membership, { org, ...(args.role && { role: args.role }) }, args, undefined, { populate: ['user'] });
}

/** An organization always keeps an admin: refused (CONFLICT) when `membership` is its last one. */
async function assertNotLastAdmin(em: EntityManager, membership: Membership) {
  if (membership.role !== 'admin') return;
  const admins = await em.count(Membership, { org: membership.org, role: 'admin' });
  if (admins <= 1) throw conflict('An organization keeps at least one admin: make another member admin first');
}

/** What someone invited as an admin stops being offered once they are no longer one. */
async function withdrawInvitations(em: EntityManager, orgId: string, userId: string, reason: string) {
  await em.nativeUpdate(Invitation, { org: orgId, invitedBy: userId, acceptedAt: null, revokedAt: null }, { revokedAt: new Date(), revokedReason: `Withdrawn: ${reason}` });
}

const MemberRef = z.object({ organizationId: fields.id, userId: fields.id });

async function loadMembership(ctx: Ctx, em: EntityManager, ref: z.infer<typeof MemberRef>, action: 'member.role' | 'member.remove') {
  // Locked until commit: an organization's member changes take turns, so two admins demoting or removing
  // each other at once cannot both pass the last-admin check.
  const org = await em.findOne(Organization, { id: ref.organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  authorizeFound(ctx, 'member.read', 'Organization', org?.id);
  const membership = await em.findOne(Membership, { org: ref.organizationId, user: ref.userId }, { populate: ['user'] });
  if (!membership) throw notFound('Member');
  assert(ctx.principal, action, { orgId: ref.organizationId, ownerId: membership.user.id, type: 'Member' });
  return membership;
}

const RoleInput = MemberRef.extend({ role: z.enum(ORG_ROLES) });

export async function updateMemberRole(ctx: Ctx, input: z.input<typeof RoleInput>) {
  return mutate(ctx, { type: 'member_role_changed' }, async (em) => {
    const data = parseInput(RoleInput, input);
    const membership = await loadMembership(ctx, em, data, 'member.role');
    const from = membership.role;
    if (from !== data.role) await assertNotLastAdmin(em, membership);
    membership.role = data.role;
    if (from === 'admin' && data.role !== 'admin') await withdrawInvitations(em, data.organizationId, membership.user.id, 'its sender is no longer an admin');
    return { result: membership, target: memberTarget(membership), orgId: data.organizationId, details: { from, to: data.role } };
  });
}

/** Removes a member with everything of theirs there: tokens and project keys for it, groups, projects, subscriptions, own values and processes. */
export async function removeMember(ctx: Ctx, input: z.input<typeof MemberRef>) {
  const { userId, perUser } = await mutate(ctx, { type: 'member_removed' }, async (em) => {
    const data = parseInput(MemberRef, input);
    const membership = await loadMembership(ctx, em, data, 'member.remove');
    await assertNotLastAdmin(em, membership);
    const [orgId, userId] = [data.organizationId, membership.user.id];
    await em.nativeDelete(Credential, { user: userId, org: orgId, kind: 'api_token' });
    await em.execute('delete from group_member m using user_group g where m.group_id = g.id and g.org_id = ? and m.user_id = ?', [orgId, userId]);
    await em.execute('delete from project_member m using project p where m.project_id = p.id and p.org_id = ? and m.user_id = ?', [orgId, userId]);
    await em.execute('delete from server_subscription s using mcp_server v where s.server_id = v.id and v.org_id = ? and s.user_id = ?', [orgId, userId]);
    const perUser = (await em.find(McpServer, { org: orgId, isolation: 'per_user' }, { fields: ['id'] })).map((s) => s.id);
    if (perUser.length) await em.nativeDelete(UserServerSecret, { user: userId, server: { $in: perUser } });
    await withdrawInvitations(em, orgId, userId, 'its sender left the organization');
    em.remove(membership);
    return { result: { userId, perUser }, target: memberTarget(membership), orgId };
  });
  await Promise.all(perUser.map((serverId) => ctx.services.upstreams.stop(serverId, userId)));
  return userId;
}

/** Puts an existing user into an organization (system administrators; everyone else invites). */
export async function addMember(ctx: Ctx, input: z.input<typeof RoleInput>) {
  return mutate(ctx, { type: 'member_added' }, async (em) => {
    // Filed under the organization it names (when the caller belongs to it), even when refused.
    assert(ctx.principal, 'member.add', { orgId: actingOrg(ctx, input.organizationId) });
    const data = parseInput(RoleInput, input);
    const [org, user] = await Promise.all([em.findOne(Organization, { id: data.organizationId }), em.findOne(User, { id: data.userId })]);
    if (!org) throw notFound('Organization');
    if (!user) throw notFound('User');
    if (await em.count(Membership, { org, user })) throw conflict(`${user.username} is already a member`);
    const membership = em.create(Membership, { org, user, role: data.role });
    return { result: membership, target: memberTarget(membership), orgId: org.id, details: { role: data.role } };
  });
}
