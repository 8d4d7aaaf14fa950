import { z } from 'zod';
import { notFound } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { ofOrganization, route, type Run } from '../route.ts';
import { lowerRole, Role, upperRole } from './organizations.ts';

graphql(`fragment StackInvitation on Invitation {
  id email role status createdAt expiresAt lastSentAt acceptedAt acceptedByUserId revokedAt revokedReason lastSendError organization { id name }
}`);
const Invitations = graphql(`query StackInvitations($id: ID!, $after: String) { organization(id: $id) { invitations(first: 200, after: $after, includeClosed: true) { edges { node { ...StackInvitation } } pageInfo { hasNextPage endCursor } } } }`);
const Invite = graphql(`mutation StackInvite($input: CreateInvitationInput!) { createInvitation(input: $input) { invitation { ...StackInvitation } inviteUrl } }`);
const Resend = graphql(`mutation StackResend($id: ID!) { resendInvitation(input: { id: $id }) { invitation { ...StackInvitation } inviteUrl } }`);
const InvitationOrg = graphql(`query StackInvitationOrg($id: ID!) { node(id: $id) { ... on Invitation { organization { id } } } }`);
const Revoke = graphql(`mutation StackRevokeInvitation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { ...StackInvitation } } }`);
const Keys = graphql(`query StackKeys($org: ID!, $after: String) { serviceAccounts(organizationId: $org, first: 100, after: $after) { edges { node { name role keys { id clientId maskedToken status createdAt expiresAt lastUsedAt } } } pageInfo { hasNextPage endCursor } } }`);
const KeyRoles = graphql(`query StackKeyRoles($org: ID!) { organization(id: $org) { id } keyRoles { key name } }`);
const CreateKey = graphql(`mutation StackCreateKey($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { key credential { id clientId createdAt expiresAt } serviceAccount { name role } } }`);
const KeyOwner = graphql(`query StackKeyOwner($id: ID!) { credential(id: $id) { id kind organization { id } } }`);
const RevokeKey = graphql(`mutation StackRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }`);
const Check = graphql(`query StackCheck($org: ID!, $actions: [String!]!) { authorizationCheck(organizationId: $org, actions: $actions) { action allowed } }`);
const CheckEntities = graphql(`query StackCheckEntities($org: ID!, $checks: [EntityCheckInput!]!) { authorizationCheckEntities(organizationId: $org, checks: $checks) { action resourceId allowed } }`);

type InvitationFields = {
  id: string; email: string; role: string; status: string; createdAt: string; expiresAt: string; lastSentAt?: string | null; acceptedAt?: string | null;
  acceptedByUserId?: string | null; revokedAt?: string | null; revokedReason?: string | null; lastSendError?: string | null; organization: { id: string; name: string };
};
const invitation = (i: InvitationFields, inviteUrl?: string) => ({
  id: i.id, organizationId: i.organization.id, organizationName: i.organization.name, email: i.email, role: lowerRole(i.role), status: i.status.toLowerCase(),
  ...(inviteUrl && { inviteUrl }), createdAt: i.createdAt, expiresAt: i.expiresAt, lastSentAt: i.lastSentAt ?? null, acceptedAt: i.acceptedAt ?? null,
  acceptedByUserId: i.acceptedByUserId ?? null, revokedAt: i.revokedAt ?? null, revokedReason: i.revokedReason ?? null, lastSendError: i.lastSendError ?? null,
});
const nullable = z.string().nullable();
const InvitationOut = z.object({
  id: z.string(), organizationId: z.string(), organizationName: z.string(), email: z.string(), role: Role, status: z.string(), inviteUrl: z.string().optional(),
  createdAt: z.string(), expiresAt: z.string(), lastSentAt: nullable, acceptedAt: nullable, acceptedByUserId: nullable, revokedAt: nullable, revokedReason: nullable, lastSendError: nullable,
});
const roleName = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();
const KeyOut = z.object({
  id: z.string(), name: z.string(), clientId: z.string().nullable(), maskedKey: z.string().optional(), fullKey: z.string().optional(), createdAt: z.string(),
  expiresAt: nullable, lastUsedAt: nullable.optional(), roleKey: Role, roleName: z.string(),
});

/** The invitation in the path must be the organization's: another's is as unknown as a missing one. */
async function assertInvitationOf(run: Run, orgId: string, id: string) {
  const { node } = await run(InvitationOrg, { id });
  if (!node || !('organization' in node) || node.organization.id !== orgId) throw notFound('Invitation');
}

export const accessRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/invitations', summary: 'Invitations, open and closed', response: z.array(InvitationOut),
    handle: async ({ run, params }) => (await everyPage((after) => run(Invitations, { id: params.orgId!, after }).then((d) => d.organization.invitations))).map((i) => invitation(i)),
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/invitations', summary: 'Invite by email (the link is shown once)', status: 201, body: z.object({ email: z.string(), role: Role }),
    response: InvitationOut,
    handle: async ({ run, params, body }) => {
      const { createInvitation: sent } = await run(Invite, { input: { organizationId: params.orgId!, email: body.email, role: upperRole(body.role) } });
      return invitation(sent.invitation, sent.inviteUrl);
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/invitations/:invitationId/resend', summary: 'Resend an invitation (a new link; the old one stops)', response: InvitationOut,
    handle: async ({ run, params }) => {
      await assertInvitationOf(run, params.orgId!, params.invitationId!);
      const { resendInvitation: sent } = await run(Resend, { id: params.invitationId! });
      return invitation(sent.invitation, sent.inviteUrl);
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/invitations/:invitationId/revoke', summary: 'Revoke an invitation', body: z.object({ reason: z.string().optional() }).optional(),
    response: InvitationOut,
    handle: async ({ run, params, body }) => {
      await assertInvitationOf(run, params.orgId!, params.invitationId!);
      return invitation((await run(Revoke, { input: { id: params.invitationId!, reason: body?.reason } })).revokeInvitation.invitation);
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/api-keys', summary: 'Service-account keys (masked)', response: z.array(KeyOut),
    handle: async ({ run, params }) => (await everyPage((after) => run(Keys, { org: params.orgId!, after }).then((d) => d.serviceAccounts))).flatMap((account) =>
      account.keys.filter((k) => k.status === 'ACTIVE').map((k) => ({
        id: k.id, name: account.name, clientId: k.clientId ?? null, maskedKey: k.maskedToken, createdAt: k.createdAt, expiresAt: k.expiresAt ?? null,
        lastUsedAt: k.lastUsedAt ?? null, roleKey: lowerRole(account.role), roleName: roleName(account.role),
      }))),
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/api-keys/roles', summary: 'Roles a key can be given', response: z.array(z.object({ key: z.string(), name: z.string() })),
    // The roles of an organization the caller can see: another's is as unknown as a missing one.
    handle: async ({ run, params }) => (await run(KeyRoles, { org: params.orgId! })).keyRoles,
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/api-keys', summary: 'Create a service-account key (the full key is shown once)', status: 201,
    body: z.object({ name: z.string(), roleKey: Role.optional(), expiresAt: z.string().optional() }), response: KeyOut,
    handle: async ({ run, params, body }) => {
      const input = { organizationId: params.orgId!, name: body.name, role: body.roleKey && upperRole(body.roleKey), expiresAt: body.expiresAt };
      const { createServiceAccount: issued } = await run(CreateKey, { input });
      const role = issued.serviceAccount.role;
      return {
        id: issued.credential.id, name: issued.serviceAccount.name, clientId: issued.credential.clientId ?? null, fullKey: issued.key, createdAt: issued.credential.createdAt,
        expiresAt: issued.credential.expiresAt ?? null, roleKey: lowerRole(role), roleName: roleName(role),
      };
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/organizations/:orgId/api-keys/:keyId', summary: 'Revoke a service-account key (at once, on every instance)', status: 204,
    handle: async ({ run, params }) => {
      const credential = ofOrganization((await run(KeyOwner, { id: params.keyId! })).credential, params.orgId!, 'API key');
      if (credential.kind !== 'SERVICE_KEY') throw notFound('API key');
      await run(RevokeKey, { id: credential.id });
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/authorization/check', summary: 'Which of these actions the caller may perform here',
    body: z.object({ actions: z.array(z.string()) }), response: z.object({ results: z.array(z.object({ action: z.string(), allowed: z.boolean() })) }),
    handle: async ({ run, params, body }) => ({ results: (await run(Check, { org: params.orgId!, actions: body.actions })).authorizationCheck }),
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/authorization/check-entities', summary: 'Which of these actions the caller may perform on these resources',
    body: z.object({ checks: z.array(z.object({ action: z.string(), resourceId: z.string() })) }),
    response: z.object({ results: z.array(z.object({ action: z.string(), resourceId: z.string(), allowed: z.boolean() })) }),
    handle: async ({ run, params, body }) => ({ results: (await run(CheckEntities, { org: params.orgId!, checks: body.checks })).authorizationCheckEntities }),
  }),
];
