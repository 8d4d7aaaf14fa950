import { z } from 'zod';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route } from '../route.ts';

graphql(`fragment AmbassadorGroup on Group { id name description createdAt }`);
graphql(`fragment AmbassadorGroupDetail on Group { ...AmbassadorGroup members { id username } servers { id name } }`);
const Groups = graphql(`query AmbassadorGroups($after: String) { groups(first: 200, after: $after) { edges { node { ...AmbassadorGroup } } pageInfo { hasNextPage endCursor } } }`);
const GroupDetail = graphql(`query AmbassadorGroupById($id: ID!) { group(id: $id) { ...AmbassadorGroupDetail } }`);
const CreateGroup = graphql(`mutation AmbassadorCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { ...AmbassadorGroupDetail } } }`);
const ChangeMembers = graphql(`mutation AmbassadorGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { ...AmbassadorGroupDetail } } }`);
const ChangeMcps = graphql(`mutation AmbassadorGroupMcps($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { ...AmbassadorGroupDetail } } }`);

interface GroupFields { id: string; name: string; description?: string | null; createdAt: string }
interface GroupDetailFields extends GroupFields { members: { id: string; username: string }[]; servers: { id: string; name: string }[] }

const GroupOut = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), created_at: z.string() });
const GroupDetailOut = GroupOut.extend({
  members: z.array(z.object({ id: z.string(), username: z.string() })),
  mcps: z.array(z.object({ id: z.string(), name: z.string() })),
});
const group = (g: GroupFields) => ({ id: g.id, name: g.name, description: g.description ?? null, created_at: g.createdAt });
const detail = (g: GroupDetailFields) => ({ ...group(g), members: g.members, mcps: g.servers });
const Change = z.object({ add: z.array(z.string()).optional(), remove: z.array(z.string()).optional() });

export const groupRoutes = [
  route({
    method: 'GET', path: '/v1/admin/groups', summary: 'List all groups', response: z.array(GroupOut),
    handle: async ({ run }) => (await everyPage((after) => run(Groups, { after }).then((d) => d.groups))).map(group),
  }),
  route({
    method: 'POST', path: '/v1/admin/groups', summary: 'Create a group', status: 201, response: GroupDetailOut,
    body: z.object({ name: z.string(), description: z.string().optional() }),
    handle: async ({ run, body }) => detail((await run(CreateGroup, { input: { name: body.name, description: body.description } })).createGroup.group),
  }),
  route({
    method: 'GET', path: '/v1/admin/groups/:id', summary: 'A group with its members and assigned MCPs', response: GroupDetailOut,
    handle: async ({ run, params }) => detail((await run(GroupDetail, { id: params.id! })).group),
  }),
  route({
    method: 'PUT', path: '/v1/admin/groups/:id/members', summary: 'Add or remove members', body: Change, response: GroupDetailOut,
    handle: async ({ run, params, body }) => detail((await run(ChangeMembers, { input: { id: params.id!, add: body.add, remove: body.remove } })).updateGroupMembers.group),
  }),
  route({
    method: 'PUT', path: '/v1/admin/groups/:id/mcps', summary: 'Assign or remove MCPs', body: Change, response: GroupDetailOut,
    handle: async ({ run, params, body }) => detail((await run(ChangeMcps, { input: { id: params.id!, add: body.add, remove: body.remove } })).updateGroupServers.group),
  }),
];
