import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { CREDENTIAL_KINDS, credentialStatus, type Credential } from '../db/credential.entity.ts';
import {
  changeCredentialStatus, createApiToken, getCredential, listCredentials, rotateCredential,
} from '../resolvers/credentials.ts';
import { builder } from './builder.ts';
import { enumOf } from './enums.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { OrganizationRef } from './organizations.ts';
import { UserRef } from './users.ts';

export const CredentialKindEnum = enumOf('CredentialKind', CREDENTIAL_KINDS);

export const CredentialStatusEnum = enumOf('CredentialStatus', ['active', 'disabled', 'revoked', 'expired'] as const);

export const CredentialRef = builder.objectRef<Credential>('Credential');

builder.node(CredentialRef, {
  description: 'A secret a caller presents: a login session, an API or agent token, a service key. Only its masked form is ever shown again.',
  id: { resolve: (c) => c.id },
  isTypeOf: (value) => (value as Credential).id?.startsWith('cred_'),
  loadOne: (id, ctx) => nullIfNotFound(getCredential(ctx, id)),
  fields: (t) => ({
    kind: t.field({ type: CredentialKindEnum, resolve: (c) => c.kind }),
    name: t.exposeString('name'),
    maskedToken: t.exposeString('masked'),
    environment: t.exposeString('environment', { nullable: true, description: "An agent token's environment label." }),
    clientId: t.exposeString('clientId', { nullable: true, description: "A service key's public half (sbk_…): safe to show and log." }),
    custom: t.exposeBoolean('custom', { description: 'The value was chosen by its creator, not generated.' }),
    status: t.field({ type: CredentialStatusEnum, resolve: (c) => credentialStatus(c) }),
    user: t.field({ type: UserRef, nullable: true, resolve: (c, _args, ctx) => c.user && ctx.em.findOne(User, c.user.id) }),
    organization: t.field({ type: OrganizationRef, resolve: (c, _args, ctx) => ctx.em.findOneOrFail(Organization, c.org.id) }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const CredentialConnection = connectionOf(CredentialRef, 'Credential');

const CredentialFilter = builder.inputType('CredentialFilter', {
  fields: (t) => ({
    userId: t.id(),
    kind: t.field({ type: CredentialKindEnum }),
    projectId: t.id({ description: "A project's keys: a member's own, or all of them for its organization's admins." }),
    includeInactive: t.boolean({ description: 'Include revoked credentials.' }),
  }),
});

builder.queryFields((t) => ({
  credential: t.field({ type: CredentialRef, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, ctx) => getCredential(ctx, id) }),
  credentials: t.connection({
    complexity: pageComplexity,
    type: CredentialRef,
    description: "The caller's credentials; administrators may pass any userId, or none for all.",
    args: { filter: t.arg({ type: CredentialFilter }) },
    resolve: (_root, args, ctx) => listCredentials(ctx, args),
  }, CredentialConnection),
}));

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    userId: t.id({ description: 'Whose token; defaults to the caller. Administrators only for others.' }),
    name: t.string({ required: true }),
    expiresAt: t.field({ type: 'DateTime' }),
    token: t.string({ description: 'Use this value instead of a generated one (at least 16 characters).' }),
    organizationId: t.id({ description: "The organization the token acts in on /mcp; defaults to the person's only one." }),
  }),
});

export const IssuedCredentialPayload = builder.simpleObject('IssuedCredentialPayload', {
  fields: (t) => ({
    credential: t.field({ type: CredentialRef }),
    token: t.string({ description: 'The secret in full. Shown only here; store it now.' }),
  }),
});

const CredentialPayload = builder.simpleObject('CredentialPayload', {
  fields: (t) => ({ credential: t.field({ type: CredentialRef }) }),
});

inputMutation('createApiToken', { input: CreateApiTokenInput, payload: IssuedCredentialPayload, resolve: (input, ctx) => createApiToken(ctx, input) });
inputMutation('rotateCredential', {
  input: builder.inputType('RotateCredentialInput', {
    fields: (t) => ({ id: t.id({ required: true }), token: t.string({ description: 'Use this value instead of a generated one (seed 000 PUT sets a chosen token).' }) }),
  }),
  payload: IssuedCredentialPayload,
  description: 'Replaces the secret of an API or agent token; the old value stops working at once.',
  resolve: (input, ctx) => rotateCredential(ctx, input),
});
for (const change of ['revoke', 'disable', 'enable'] as const) {
  inputMutation(`${change}Credential`, {
    input: IdInput,
    payload: CredentialPayload,
    resolve: async (input, ctx) => ({ credential: await changeCredentialStatus(ctx, input, change) }),
  });
}
