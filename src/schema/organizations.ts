import { ORG_ROLES, type Membership } from '../db/membership.entity.ts';
import type { Organization } from '../db/organization.entity.ts';
import { addMember, listMembers, removeMember, updateMemberRole } from '../resolvers/members.ts';
import {
  createOrganization, deleteOrganization, getOrganization, listOrganizations, memberCount, serverCount, updateOrganization,
} from '../resolvers/organizations.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { enumOf } from './enums.ts';

export const OrgRoleEnum = enumOf('OrgRole', ORG_ROLES, 'A role in one organization: admin, developer or viewer.');

export const OrganizationRef = builder.objectRef<Organization>('Organization');
export const MemberRef = builder.objectRef<Membership>('OrganizationMember');

MemberRef.implement({
  description: 'A person in an organization, with their role there.',
  fields: (t) => ({
    id: t.exposeID('id'),
    principalId: t.id({ description: 'The user id.', resolve: (m) => m.user.id }),
    username: t.string({ resolve: (m) => m.user.username }),
    displayName: t.string({ nullable: true, resolve: (m) => m.user.displayName ?? null }),
    email: t.string({ nullable: true, resolve: (m) => m.user.email ?? null }),
    role: t.field({ type: OrgRoleEnum, resolve: (m) => m.role }),
    joinedAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const MemberConnection = connectionOf(MemberRef, 'OrganizationMember');

builder.node(OrganizationRef, {
  description: 'A tenant. Every server, agent, key and audit event belongs to exactly one.',
  id: { resolve: (org) => org.id },
  isTypeOf: (value) => (value as Organization).id?.startsWith('org_'),
  loadOne: (id, ctx) => nullIfNotFound(getOrganization(ctx, { id })),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    planTier: t.exposeString('planTier'),
    publicMcpGuidesEnabled: t.exposeBoolean('publicMcpGuidesEnabled'),
    memberCount: t.int({ complexity: 5, resolve: (org, _args, ctx) => memberCount(ctx, org) }),
    mcpServerCount: t.int({ complexity: 5, resolve: (org, _args, ctx) => serverCount(ctx, org) }),
    members: t.connection({
      complexity: pageComplexity,
      type: MemberRef,
      args: { role: t.arg({ type: OrgRoleEnum }) },
      resolve: (org, args, ctx) => listMembers(ctx, org, args),
    }, MemberConnection),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const OrganizationConnection = connectionOf(OrganizationRef, 'Organization');

builder.queryFields((t) => ({
  organization: t.field({
    type: OrganizationRef,
    description: 'One organization, by id or slug.',
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: (_root, args, ctx) => getOrganization(ctx, args),
  }),
  organizations: t.connection({
    complexity: pageComplexity,
    type: OrganizationRef,
    description: 'Organizations the caller belongs to (all of them for a system administrator).',
    resolve: (_root, args, ctx) => listOrganizations(ctx, args),
  }, OrganizationConnection),
}));

const OrganizationPayload = builder.simpleObject('OrganizationPayload', { fields: (t) => ({ organization: t.field({ type: OrganizationRef }) }) });

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    slug: t.string({ required: true, description: 'Unique, lowercase: letters, digits and "-".' }),
    planTier: t.string({ description: 'Defaults to "free".' }),
    publicMcpGuidesEnabled: t.boolean(),
  }),
});

const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    slug: t.string(),
    planTier: t.string({ description: 'System administrators only.' }),
    publicMcpGuidesEnabled: t.boolean(),
  }),
});

inputMutation('createOrganization', {
  input: CreateOrganizationInput,
  payload: OrganizationPayload,
  description: 'Founds an organization; the caller becomes its admin.',
  resolve: async (input, ctx) => ({ organization: await createOrganization(ctx, input) }),
});
inputMutation('updateOrganization', {
  input: UpdateOrganizationInput,
  payload: OrganizationPayload,
  resolve: async (input, ctx) => ({ organization: await updateOrganization(ctx, input) }),
});
inputMutation('deleteOrganization', {
  input: IdInput,
  payload: builder.simpleObject('DeleteOrganizationPayload', { fields: (t) => ({ deletedOrganizationId: t.id() }) }),
  description: 'Deletes the organization with its servers, agents, keys and invitations, and stops its upstreams.',
  resolve: async (input, ctx) => ({ deletedOrganizationId: await deleteOrganization(ctx, input) }),
});

const MemberInput = builder.inputType('OrganizationMemberInput', {
  fields: (t) => ({ organizationId: t.id({ required: true }), userId: t.id({ required: true }), role: t.field({ type: OrgRoleEnum, required: true }) }),
});
const MemberPayload = builder.simpleObject('OrganizationMemberPayload', { fields: (t) => ({ member: t.field({ type: MemberRef }) }) });

inputMutation('updateMemberRole', {
  input: MemberInput,
  payload: MemberPayload,
  description: "Changes a member's role. The last admin keeps theirs (CONFLICT).",
  resolve: async (input, ctx) => ({ member: await updateMemberRole(ctx, input) }),
});
inputMutation('addMember', {
  input: MemberInput,
  payload: MemberPayload,
  description: 'Adds an existing user to an organization (system administrators; others invite).',
  resolve: async (input, ctx) => ({ member: await addMember(ctx, input) }),
});
inputMutation('removeMember', {
  input: builder.inputType('RemoveMemberInput', { fields: (t) => ({ organizationId: t.id({ required: true }), userId: t.id({ required: true }) }) }),
  payload: builder.simpleObject('RemoveMemberPayload', { fields: (t) => ({ removedUserId: t.id() }) }),
  description: 'Removes a member (or lets one leave), with their tokens, groups and subscriptions there. Never the last admin.',
  resolve: async (input, ctx) => ({ removedUserId: await removeMember(ctx, input) }),
});
