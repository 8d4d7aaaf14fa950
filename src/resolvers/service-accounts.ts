import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { Credential } from '../db/credential.entity.ts';
import { ORG_ROLES } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { ServiceAccount } from '../db/service-account.entity.ts';
import { conflict } from '../errors.ts';
import type { Ctx } from './context.ts';
import { issueCredential } from './credentials.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { actingOrg, authorizedOrg, authorizeFound } from './scope.ts';

const accountTarget = (a: ServiceAccount) => ({ type: 'ServiceAccount', id: a.id, name: a.name });
const accountName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" or "-", at most 100');

/** The roles a key can be given, as seed 002 names them. */
const KEY_ROLES = ORG_ROLES.map((key) => ({ key, name: key[0]!.toUpperCase() + key.slice(1) }));

export function keyRoles(ctx: Ctx) {
  assert(ctx.principal, 'catalogue.read');
  return KEY_ROLES;
}

async function loadAccount(ctx: Ctx, em: EntityManager, id: string, action: 'serviceAccount.read' | 'serviceAccount.write') {
  const account = await em.findOne(ServiceAccount, { id });
  authorizeFound(ctx, action, 'Service account', account?.org.id);
  return account!;
}

export const getServiceAccount = (ctx: Ctx, id: string) => loadAccount(ctx, ctx.em, id, 'serviceAccount.read');

export async function listServiceAccounts(ctx: Ctx, args: PageArgs & { organizationId?: string | null }) {
  const orgId = authorizedOrg(ctx, args.organizationId, 'serviceAccount.read');
  return paginate(ctx.em, ServiceAccount, { org: orgId }, args);
}

export const listKeys = (ctx: Ctx, account: ServiceAccount) =>
  ctx.em.find(Credential, { serviceAccount: account, revokedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });

function issueKey(em: EntityManager, account: ServiceAccount, name: string, expiresAt: Date | null | undefined) {
  const { credential, plaintext } = issueCredential(em, { kind: 'service_key', serviceAccount: account, org: account.org, name, expiresAt });
  return { credential, key: plaintext };
}

const CreateInput = z.object({
  organizationId: fields.id.nullish(),
  name: accountName,
  description: z.string().max(2_000).nullish(),
  role: z.enum(ORG_ROLES).nullish(),
  expiresAt: fields.futureDate.nullish(),
});

/** Creates a service account with its role (viewer by default) and its first key, shown this once. */
export async function createServiceAccount(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'service_account_created' }, async (em) => {
    const orgId = actingOrg(ctx, input.organizationId);
    const org = await em.findOne(Organization, { id: orgId });
    authorizeFound(ctx, 'serviceAccount.write', 'Organization', org?.id);
    const data = parseInput(CreateInput, input);
    if (await em.count(ServiceAccount, { org: org!, name: data.name })) throw conflict(`A service account named ${data.name} already exists`);
    const account = em.create(ServiceAccount, { org: org!, name: data.name, description: data.description ?? null, role: data.role ?? 'viewer' });
    return { result: { serviceAccount: account, ...issueKey(em, account, data.name, data.expiresAt) }, target: accountTarget(account), orgId: org!.id, details: { role: account.role } };
  });
}

const KeyInput = z.object({ serviceAccountId: fields.id, name: fields.name.nullish(), expiresAt: fields.futureDate.nullish() });

export async function createServiceAccountKey(ctx: Ctx, input: z.input<typeof KeyInput>) {
  return mutate(ctx, { type: 'service_key_created' }, async (em) => {
    const account = await loadAccount(ctx, em, input.serviceAccountId, 'serviceAccount.write');
    const data = parseInput(KeyInput, input);
    const issued = issueKey(em, account, data.name ?? account.name, data.expiresAt);
    return { result: { serviceAccount: account, ...issued }, target: accountTarget(account), orgId: account.org.id, details: { credentialId: issued.credential.id } };
  });
}

const UpdateInput = z.object({ id: fields.id, name: accountName.nullish(), description: z.string().max(2_000).nullish(), role: z.enum(ORG_ROLES).nullish() });

export async function updateServiceAccount(ctx: Ctx, input: z.input<typeof UpdateInput>) {
  return mutate(ctx, { type: 'service_account_updated' }, async (em) => {
    const account = await loadAccount(ctx, em, input.id, 'serviceAccount.write');
    const data = parseInput(UpdateInput, input);
    if (data.name && data.name !== account.name && (await em.count(ServiceAccount, { org: account.org, name: data.name }))) {
      throw conflict(`A service account named ${data.name} already exists`);
    }
    const from = account.role;
    if (data.name) account.name = data.name;
    if (data.description !== undefined) account.description = data.description;
    if (data.role) account.role = data.role;
    return { result: account, target: accountTarget(account), orgId: account.org.id, details: { role: { from, to: account.role } } };
  });
}

/** Deletes a service account; its keys go with it and stop working on the next request. */
export async function deleteServiceAccount(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'service_account_deleted' }, async (em) => {
    const account = await loadAccount(ctx, em, parseInput(z.object({ id: fields.id }), input).id, 'serviceAccount.write');
    em.remove(account);
    return { result: account.id, target: accountTarget(account), orgId: account.org.id };
  });
}
