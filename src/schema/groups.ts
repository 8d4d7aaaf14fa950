import type { Group } from '../db/group.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { createGroup, deleteGroup, getGroup, groupsOf, listGroups, updateGroup, updateGroupMembers, updateGroupServers } from '../resolvers/groups.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { OrganizationRef } from './organizations.ts';
import { McpServerRef } from './servers.ts';
import { UserRef } from './users.ts';

export const GroupRef = builder.objectRef<Group>('Group');

builder.node(GroupRef, {
  description: 'People of an organization and the servers assigned to them: published servers are offered to members.',
  id: { resolve: (g) => g.id },
  isTypeOf: (value) => (value as Group).id?.startsWith('grp_'),
  loadOne: (id, ctx) => nullIfNotFound(getGroup(ctx, id)),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    organization: t.field({ type: OrganizationRef, resolve: (g, _args, ctx) => ctx.em.findOneOrFail(Organization, g.org.id) }),
    members: t.field({ type: [UserRef], complexity: 10, resolve: async (g) => (await g.members.load()).getItems() }),
    servers: t.field({ type: [McpServerRef], complexity: 10, resolve: async (g) => (await g.servers.load()).getItems() }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const GroupConnection = connectionOf(GroupRef, 'Group');

builder.queryFields((t) => ({
  group: t.field({
    type: GroupRef,
    description: 'One group, by id, or by name in an organization (the caller’s only one when not named).',
    args: { id: t.arg.id(), name: t.arg.string(), organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => getGroup(ctx, args),
  }),
  groups: t.connection({
    complexity: pageComplexity,
    type: GroupRef,
    args: { organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => listGroups(ctx, args),
  }, GroupConnection),
}));

const CreateGroupInput = builder.inputType('CreateGroupInput', {
  fields: (t) => ({ name: t.string({ required: true }), description: t.string(), organizationId: t.id() }),
});
const UpdateGroupInput = builder.inputType('UpdateGroupInput', {
  fields: (t) => ({ id: t.id({ required: true }), name: t.string(), description: t.string() }),
});
const ChangeGroupInput = builder.inputType('ChangeGroupInput', {
  fields: (t) => ({ id: t.id({ required: true }), add: t.idList(), remove: t.idList() }),
});
const GroupPayload = builder.simpleObject('GroupPayload', { fields: (t) => ({ group: t.field({ type: GroupRef }) }) });

inputMutation('createGroup', { input: CreateGroupInput, payload: GroupPayload, resolve: async (input, ctx) => ({ group: await createGroup(ctx, input) }) });
inputMutation('updateGroup', { input: UpdateGroupInput, payload: GroupPayload, resolve: async (input, ctx) => ({ group: await updateGroup(ctx, input) }) });
inputMutation('deleteGroup', {
  input: IdInput,
  payload: builder.simpleObject('DeleteGroupPayload', { fields: (f) => ({ deletedGroupId: f.id() }) }),
  resolve: async (input, ctx) => ({ deletedGroupId: await deleteGroup(ctx, input) }),
});
inputMutation('updateGroupMembers', {
  input: ChangeGroupInput,
  payload: GroupPayload,
  description: 'Adds and removes members (users of the group’s organization).',
  resolve: async (input, ctx) => ({ group: await updateGroupMembers(ctx, input) }),
});
inputMutation('updateGroupServers', {
  input: ChangeGroupInput,
  payload: GroupPayload,
  description: 'Assigns and unassigns servers of the group’s organization.',
  resolve: async (input, ctx) => ({ group: await updateGroupServers(ctx, input) }),
});

builder.objectField(UserRef, 'groups', (t) =>
  t.field({ type: [GroupRef], complexity: 10, description: 'Groups the person is in, of organizations the caller may see groups of.', resolve: (u, _args, ctx) => groupsOf(ctx, u) }));
