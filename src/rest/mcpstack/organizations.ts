import { z } from 'zod';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route } from '../route.ts';

graphql(`fragment StackOrganization on Organization { id slug name planTier mcpServerCount memberCount createdAt publicMcpGuidesEnabled }`);
graphql(`fragment StackMember on OrganizationMember { principalId username displayName email role joinedAt }`);
const Organizations = graphql(`query StackOrganizations($after: String) { organizations(first: 100, after: $after) { edges { node { ...StackOrganization } } pageInfo { hasNextPage endCursor } } }`);
const Organization = graphql(`query StackOrganization($id: ID!) { organization(id: $id) { ...StackOrganization } }`);
const CreateOrganization = graphql(`mutation StackCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { ...StackOrganization } } }`);
const UpdateOrganization = graphql(`mutation StackUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { ...StackOrganization } } }`);
const DeleteOrganization = graphql(`mutation StackDeleteOrganization($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }`);
const Members = graphql(`query StackMembers($id: ID!, $after: String) { organization(id: $id) { members(first: 200, after: $after) { edges { node { ...StackMember } } pageInfo { hasNextPage endCursor } } } }`);
const ChangeRole = graphql(`mutation StackChangeRole($input: OrganizationMemberInput!) { updateMemberRole(input: $input) { member { ...StackMember } } }`);
const RemoveMember = graphql(`mutation StackRemoveMember($input: RemoveMemberInput!) { removeMember(input: $input) { removedUserId } }`);

type OrgFields = { id: string; slug: string; name: string; planTier: string; mcpServerCount: number; memberCount: number; createdAt: string; publicMcpGuidesEnabled: boolean };
type MemberFields = { principalId: string; username: string; displayName?: string | null; email?: string | null; role: string; joinedAt: string };

const organization = (o: OrgFields) => ({
  id: o.id, slug: o.slug, name: o.name, planTier: o.planTier, mcpServerCount: o.mcpServerCount, memberCount: o.memberCount, createdOn: o.createdAt, publicMcpGuidesEnabled: o.publicMcpGuidesEnabled,
});
export const Role = z.enum(['admin', 'developer', 'viewer']);
/** GraphQL's OrgRole (`DEVELOPER`) as the seed writes it (`developer`). */
export const lowerRole = (role: string) => Role.parse(role.toLowerCase());
const member = (m: MemberFields) => ({ principalId: m.principalId, username: m.username, displayName: m.displayName ?? null, email: m.email ?? null, role: lowerRole(m.role), joinedAt: m.joinedAt });
export const upperRole = (role: z.infer<typeof Role>) => role.toUpperCase() as Uppercase<typeof role>;

const OrganizationOut = z.object({
  id: z.string(), slug: z.string(), name: z.string(), planTier: z.string(), mcpServerCount: z.number(), memberCount: z.number(), createdOn: z.string(), publicMcpGuidesEnabled: z.boolean(),
});
const MemberOut = z.object({ principalId: z.string(), username: z.string(), displayName: z.string().nullable(), email: z.string().nullable(), role: Role, joinedAt: z.string() });

export const organizationRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations', summary: 'Organizations the token can access', response: z.array(OrganizationOut),
    handle: async ({ run }) => (await everyPage((after) => run(Organizations, { after }).then((d) => d.organizations))).map(organization),
  }),
  route({
    method: 'POST', path: '/api/v1/organizations', summary: 'Create an organization (its creator becomes its admin)', status: 201,
    body: z.object({ name: z.string(), slug: z.string() }), response: OrganizationOut,
    handle: async ({ run, body }) => organization((await run(CreateOrganization, { input: body })).createOrganization.organization),
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId', summary: 'An organization', response: OrganizationOut,
    handle: async ({ run, params }) => organization((await run(Organization, { id: params.orgId! })).organization),
  }),
  route({
    method: 'PATCH', path: '/api/v1/organizations/:orgId', summary: 'Update an organization', response: OrganizationOut,
    body: z.object({ name: z.string().optional(), slug: z.string().optional(), publicMcpGuidesEnabled: z.boolean().optional() }),
    handle: async ({ run, params, body }) => organization((await run(UpdateOrganization, { input: { id: params.orgId!, ...body } })).updateOrganization.organization),
  }),
  route({
    method: 'DELETE', path: '/api/v1/organizations/:orgId', summary: 'Delete an organization with everything in it (admins)', status: 204,
    handle: async ({ run, params }) => void (await run(DeleteOrganization, { id: params.orgId! })),
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/members', summary: 'Active members', response: z.array(MemberOut),
    handle: async ({ run, params }) => (await everyPage((after) => run(Members, { id: params.orgId!, after }).then((d) => d.organization.members))).map(member),
  }),
  route({
    method: 'PATCH', path: '/api/v1/organizations/:orgId/members/:principalId', summary: 'Change a member’s role (an organization keeps its last admin)',
    body: z.object({ role: Role }), response: MemberOut,
    handle: async ({ run, params, body }) => member((await run(ChangeRole, { input: { organizationId: params.orgId!, userId: params.principalId!, role: upperRole(body.role) } })).updateMemberRole.member),
  }),
  route({
    method: 'DELETE', path: '/api/v1/organizations/:orgId/members/:principalId', summary: 'Remove a member (or leave)', status: 204,
    handle: async ({ run, params }) => void (await run(RemoveMember, { input: { organizationId: params.orgId!, userId: params.principalId! } })),
  }),
];
