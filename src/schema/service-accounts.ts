import type { Credential } from '../db/credential.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import type { ServiceAccount } from '../db/service-account.entity.ts';
import {
  createServiceAccount, createServiceAccountKey, deleteServiceAccount, getServiceAccount, keyRoles, listKeys, listServiceAccounts, updateServiceAccount,
} from '../resolvers/service-accounts.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { CredentialRef } from './credentials.ts';
import { OrganizationRef, OrgRoleEnum } from './organizations.ts';

export const ServiceAccountRef = builder.objectRef<ServiceAccount>('ServiceAccount');

builder.node(ServiceAccountRef, {
  description: 'A non-person member of one organization with a role there; it authenticates with its keys (sbk_…).',
  id: { resolve: (a) => a.id },
  isTypeOf: (value) => (value as ServiceAccount).id?.startsWith('sa_'),
  loadOne: (id, ctx) => nullIfNotFound(getServiceAccount(ctx, id)),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    role: t.field({ type: OrgRoleEnum, resolve: (a) => a.role }),
    organization: t.field({ type: OrganizationRef, resolve: (a, _args, ctx) => ctx.em.findOneOrFail(Organization, a.org.id) }),
    keys: t.field({ type: [CredentialRef], description: 'Its keys that are not revoked, masked.', resolve: (a, _args, ctx) => listKeys(ctx, a) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const KeyRoleRef = builder.simpleObject('KeyRole', { fields: (t) => ({ key: t.string(), name: t.string() }) });

builder.queryFields((t) => ({
  serviceAccount: t.field({ type: ServiceAccountRef, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, ctx) => getServiceAccount(ctx, id) }),
  serviceAccounts: t.connection({
    complexity: pageComplexity,
    type: ServiceAccountRef,
    args: { organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => listServiceAccounts(ctx, args),
  }, connectionOf(ServiceAccountRef, 'ServiceAccount')),
  keyRoles: t.field({ type: [KeyRoleRef], description: 'The roles a service account (and so its keys) can be given.', resolve: (_root, _args, ctx) => keyRoles(ctx) }),
}));

const IssuedKeyPayload = builder.objectRef<{ serviceAccount: ServiceAccount; credential: Credential; key: string }>('IssuedServiceKeyPayload').implement({
  fields: (t) => ({
    serviceAccount: t.field({ type: ServiceAccountRef, resolve: (p) => p.serviceAccount }),
    credential: t.field({ type: CredentialRef, resolve: (p) => p.credential }),
    key: t.string({ description: 'The full key (sbk_<clientId>_…), shown this once. Send it as a bearer token or in X-API-Key.', resolve: (p) => p.key }),
  }),
});

inputMutation('createServiceAccount', {
  input: builder.inputType('CreateServiceAccountInput', {
    fields: (t) => ({
      organizationId: t.id(),
      name: t.string({ required: true }),
      description: t.string(),
      role: t.field({ type: OrgRoleEnum, description: 'Defaults to VIEWER.' }),
      expiresAt: t.field({ type: 'DateTime', description: 'When its first key stops working.' }),
    }),
  }),
  payload: IssuedKeyPayload,
  description: 'Creates a service account with its role and issues its first key.',
  resolve: (input, ctx) => createServiceAccount(ctx, input),
});
inputMutation('createServiceAccountKey', {
  input: builder.inputType('CreateServiceAccountKeyInput', {
    fields: (t) => ({ serviceAccountId: t.id({ required: true }), name: t.string(), expiresAt: t.field({ type: 'DateTime' }) }),
  }),
  payload: IssuedKeyPayload,
  description: 'Issues another key for a service account (to rotate without downtime). Revoke keys with revokeCredential.',
  resolve: (input, ctx) => createServiceAccountKey(ctx, input),
});
inputMutation('updateServiceAccount', {
  input: builder.inputType('UpdateServiceAccountInput', {
    fields: (t) => ({ id: t.id({ required: true }), name: t.string(), description: t.string(), role: t.field({ type: OrgRoleEnum }) }),
  }),
  payload: builder.simpleObject('ServiceAccountPayload', { fields: (t) => ({ serviceAccount: t.field({ type: ServiceAccountRef }) }) }),
  resolve: async (input, ctx) => ({ serviceAccount: await updateServiceAccount(ctx, input) }),
});
inputMutation('deleteServiceAccount', {
  input: IdInput,
  payload: builder.simpleObject('DeleteServiceAccountPayload', { fields: (t) => ({ deletedServiceAccountId: t.id() }) }),
  description: 'Deletes a service account and its keys.',
  resolve: async (input, ctx) => ({ deletedServiceAccountId: await deleteServiceAccount(ctx, input) }),
});
