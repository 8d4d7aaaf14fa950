import { invitationStatus, type Invitation } from '../db/invitation.entity.ts';
import type { Membership } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import type { User } from '../db/user.entity.ts';
import {
  acceptInvitation, createInvitation, getInvitation, listInvitations, resendInvitation, revokeInvitation,
} from '../resolvers/invitations.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { enumOf } from './enums.ts';
import { MemberRef, OrganizationRef, OrgRoleEnum } from './organizations.ts';
import { UserRef } from './users.ts';

const InvitationStatusEnum = enumOf('InvitationStatus', ['pending', 'accepted', 'revoked', 'expired'] as const);

export const InvitationRef = builder.objectRef<Invitation>('Invitation');

builder.node(InvitationRef, {
  description: 'An offer to join an organization with a role, by email. Its link (with a one-time secret) is shown only when sent.',
  id: { resolve: (i) => i.id },
  isTypeOf: (value) => (value as Invitation).id?.startsWith('inv_'),
  loadOne: (id, ctx) => nullIfNotFound(getInvitation(ctx, id)),
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, resolve: (i, _args, ctx) => ctx.em.findOneOrFail(Organization, i.org.id) }),
    email: t.exposeString('email'),
    role: t.field({ type: OrgRoleEnum, resolve: (i) => i.role }),
    status: t.field({ type: InvitationStatusEnum, resolve: (i) => invitationStatus(i) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    lastSentAt: t.expose('lastSentAt', { type: 'DateTime', nullable: true }),
    lastSendError: t.exposeString('lastSendError', { nullable: true, description: 'Why the last mail was not delivered.' }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
    acceptedByUserId: t.id({ nullable: true, resolve: (i) => i.acceptedBy?.id ?? null }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revokedReason: t.exposeString('revokedReason', { nullable: true }),
  }),
});

builder.objectField(OrganizationRef, 'invitations', (t) =>
  t.connection({
    complexity: pageComplexity,
    type: InvitationRef,
    description: 'Pending invitations; with includeClosed, accepted, revoked and expired ones too. Admins only.',
    args: { includeClosed: t.arg.boolean() },
    resolve: (org, args, ctx) => listInvitations(ctx, org, args),
  }, connectionOf(InvitationRef, 'Invitation')));

const SentInvitationPayload = builder.simpleObject('SentInvitationPayload', {
  fields: (t) => ({
    invitation: t.field({ type: InvitationRef }),
    inviteUrl: t.string({ description: 'The link to accept, with its one-time secret: shown this once (and mailed when SMTP is set).' }),
  }),
});

inputMutation('createInvitation', {
  input: builder.inputType('CreateInvitationInput', {
    fields: (t) => ({ organizationId: t.id({ required: true }), email: t.string({ required: true }), role: t.field({ type: OrgRoleEnum, required: true }) }),
  }),
  payload: SentInvitationPayload,
  description: 'Invites a person by email; the link is valid for 7 days.',
  resolve: (input, ctx) => createInvitation(ctx, input),
});
inputMutation('resendInvitation', {
  input: IdInput,
  payload: SentInvitationPayload,
  description: 'Sends the invitation again with a new link (the old one stops working) valid for 7 more days.',
  resolve: (input, ctx) => resendInvitation(ctx, input),
});
inputMutation('revokeInvitation', {
  input: builder.inputType('RevokeInvitationInput', { fields: (t) => ({ id: t.id({ required: true }), reason: t.string() }) }),
  payload: builder.simpleObject('InvitationPayload', { fields: (t) => ({ invitation: t.field({ type: InvitationRef }) }) }),
  resolve: async (input, ctx) => ({ invitation: await revokeInvitation(ctx, input) }),
});

const AcceptedInvitationPayload = builder.objectRef<{ member: Membership; organization: Organization; user: User }>('AcceptedInvitationPayload').implement({
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, resolve: (p) => p.organization }),
    member: t.field({ type: MemberRef, resolve: (p) => p.member }),
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
  }),
});

inputMutation('acceptInvitation', {
  input: builder.inputType('AcceptInvitationInput', {
    fields: (t) => ({
      secret: t.string({ required: true, description: 'The secret after "#" in the invite link.' }),
      username: t.string({ description: 'Without signing in: the new account’s username.' }),
      password: t.string({ description: 'Without signing in: the new account’s password.' }),
      displayName: t.string(),
    }),
  }),
  payload: AcceptedInvitationPayload,
  description: 'Joins the organization: as the signed-in person, or as a new account for the invited email.',
  resolve: (input, ctx) => acceptInvitation(ctx, input),
});
