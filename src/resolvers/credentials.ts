import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert, can, missing } from '../auth/policy.ts';
import { clientIdOf, digestToken, issueToken } from '../auth/tokens.ts';
import { CREDENTIAL_KINDS, Credential, credentialStatus, type CredentialKind } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import type { Agent } from '../db/agent.entity.ts';
import { Project } from '../db/project.entity.ts';
import type { ServiceAccount } from '../db/service-account.entity.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { authorizeFound } from './scope.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';

interface IssueSpec {
  kind: CredentialKind;
  user?: User;
  agent?: Agent;
  serviceAccount?: ServiceAccount;
  project?: Project;
  org: Organization;
  name: string;
  expiresAt?: Date | null;
  custom?: string;
  environment?: string | null;
}

/** Creates a credential row; the plaintext is returned to the caller once and never stored. */
export function issueCredential(em: EntityManager, spec: IssueSpec) {
  const token = issueToken(spec.kind, spec.custom);
  const credential = em.create(Credential, {
    kind: spec.kind,
    user: spec.user ?? null,
    agent: spec.agent ?? null,
    serviceAccount: spec.serviceAccount ?? null,
    project: spec.project ?? null,
    clientId: clientIdOf(token.plaintext),
    environment: spec.environment ?? null,
    org: spec.org,
    name: spec.name,
    digest: token.digest,
    masked: token.masked,
    custom: !!spec.custom,
    expiresAt: spec.expiresAt ?? null,
  });
  return { credential, plaintext: token.plaintext };
}

/** Inside the mutation, after its authorization: a chosen token must be new; whose it is goes unsaid. */
export async function assertTokenAvailable(em: EntityManager, custom: string | null | undefined) {
  if (custom && (await em.count(Credential, { digest: digestToken(custom) }))) throw badInput('token: this value cannot be used: choose another');
}

/**
 * A chosen token is a guess at other credentials (it is refused when one has it), so each counts
 * against the caller's source like a failed authentication: run before the transaction (`mutate`'s
 * prepare), which must not wait on a connection of its own.
 */
export const countTokenGuess = async (ctx: Ctx, token: unknown) => {
  // One that is refused for its shape or strength tells nothing about others'.
  if (fields.customToken.safeParse(token).success) await ctx.services.attempts.guess(ctx.remoteAddress);
};

const credentialTarget = (c: Credential) => ({ type: 'Credential', id: c.id, name: c.name });

async function loadOwned(ctx: Ctx, em: EntityManager, id: string, action: 'credential.read' | 'credential.manage') {
  const credential = await em.findOne(Credential, { id });
  // Unknown: NOT_FOUND, as another organization's agent token or service key is.
  if (!credential) missing(ctx.principal, action, 'Credential');
  // Agents' tokens and service accounts' keys are their organization's; a person's credentials are their own.
  const read = action === 'credential.read';
  if (credential.agent) authorizeFound(ctx, read ? 'agent.read' : 'agent.write', 'Credential', credential.org.id);
  else if (credential.serviceAccount) authorizeFound(ctx, read ? 'serviceAccount.read' : 'serviceAccount.write', 'Credential', credential.org.id);
  // A project key is its person's, and its organization's admins'.
  else if (credential.project) assert(ctx.principal, 'project.key', { orgId: credential.org.id, ownerId: credential.user?.id, type: 'Credential' });
  else assert(ctx.principal, action, { ownerId: credential.user?.id });
  return credential;
}

export const getCredential = (ctx: Ctx, id: string) => loadOwned(ctx, ctx.em, id, 'credential.read');

const ListFilter = z
  .object({ userId: fields.id.nullish(), kind: z.enum(CREDENTIAL_KINDS).nullish(), projectId: fields.id.nullish(), includeInactive: z.boolean().nullish() })
  .nullish();

/**
 * A person's own credentials; administrators may list anyone's (or everyone's, without `userId`). With
 * `projectId`, the keys of that project: a member's own, or all of them for its organization's admins.
 */
export async function listCredentials(ctx: Ctx, args: PageArgs & { filter?: z.input<typeof ListFilter> }) {
  const filter = parseInput(ListFilter, args.filter);
  const principal = ctx.principal;
  const where: Record<string, unknown> = {};
  if (filter?.projectId) {
    const project = await ctx.em.findOne(Project, { id: filter.projectId });
    authorizeFound(ctx, 'project.read', 'Project', project?.org.id);
    const userId = filter.userId ?? (can(principal, 'project.key', { orgId: project!.org.id }) ? null : principal?.id);
    assert(principal, 'project.key', { orgId: project!.org.id, ownerId: userId });
    where.project = project!.id;
    if (userId) where.user = userId;
  } else {
    const userId = filter?.userId ?? (can(principal, 'credential.read') ? null : principal?.id);
    assert(principal, 'credential.read', { ownerId: userId });
    if (userId) where.user = userId;
  }
  if (filter?.kind) where.kind = filter.kind;
  if (!filter?.includeInactive) Object.assign(where, { revokedAt: null });
  return paginate(ctx.em, Credential, where, args);
}

const CreateApiTokenInput = z.object({
  userId: fields.id.nullish(),
  name: fields.name,
  expiresAt: fields.futureDate.nullish(),
  token: fields.customToken.nullish(),
  organizationId: fields.id.nullish(),
});

/** The organization a person's token acts in on /mcp: the one named, else their only one; they must belong to it. */
async function tokenOrganization(em: EntityManager, user: User, named: string | null | undefined) {
  const memberships = await em.find(Membership, { user }, { fields: ['org'] });
  const orgIds = memberships.map((m) => m.org.id);
  if (named && !orgIds.includes(named)) throw badInput(`organizationId: ${user.username} is not a member of that organization`, { field: 'organizationId' });
  if (!named && orgIds.length !== 1) throw badInput(`organizationId: ${user.username} belongs to ${orgIds.length} organizations; name the one the token acts in`, { field: 'organizationId' });
  return em.getReference(Organization, named ?? orgIds[0]!);
}

export async function createApiToken(ctx: Ctx, input: z.input<typeof CreateApiTokenInput>) {
  return mutate(ctx, { type: 'credential_created' }, async (em) => {
    const userId = input.userId ?? ctx.principal?.id;
    assert(ctx.principal, 'credential.create', { ownerId: userId });
    const data = parseInput(CreateApiTokenInput, input);
    const user = await em.findOne(User, { id: userId! });
    if (!user) throw notFound('User');
    if (!user.active) throw conflict('User is deactivated');
    await assertTokenAvailable(em, data.token);
    const org = await tokenOrganization(em, user, data.organizationId);
    const { credential, plaintext } = issueCredential(em, {
      kind: 'api_token', user, org, name: data.name, expiresAt: data.expiresAt, custom: data.token ?? undefined,
    });
    return { result: { credential, token: plaintext }, target: credentialTarget(credential), orgId: org.id, details: { userId: user.id } };
  }, () => countTokenGuess(ctx, input.token));
}

const RotateInput = z.object({ id: fields.id, token: fields.customToken.nullish() });

/** Replaces the secret of an API token (generated, or the value chosen); the old value stops working at once. */
export async function rotateCredential(ctx: Ctx, input: z.input<typeof RotateInput>) {
  return mutate(ctx, { type: 'credential_rotated' }, async (em) => {
    const credential = await loadOwned(ctx, em, parseInput(z.object({ id: fields.id }), input).id, 'credential.manage');
    const data = parseInput(RotateInput, input);
    if (credential.kind === 'session') throw badInput('Sessions cannot be rotated: log in again');
    if (credentialStatus(credential) === 'revoked') throw conflict('Credential is revoked');
    await assertTokenAvailable(em, data.token);
    const token = issueToken(credential.kind, data.token ?? undefined);
    Object.assign(credential, { digest: token.digest, masked: token.masked, clientId: clientIdOf(token.plaintext), custom: !!data.token, lastUsedAt: null });
    return { result: { credential, token: token.plaintext }, target: credentialTarget(credential), orgId: credential.org.id };
  }, () => countTokenGuess(ctx, input.token));
}

type StatusChange = 'revoke' | 'disable' | 'enable';

export async function changeCredentialStatus(ctx: Ctx, input: { id: string }, change: StatusChange) {
  const type = { revoke: 'credential_revoked', disable: 'credential_disabled', enable: 'credential_enabled' }[change];
  return mutate(ctx, { type }, async (em) => {
    const credential = await loadOwned(ctx, em, parseInput(z.object({ id: fields.id }), input).id, 'credential.manage');
    if (credential.revokedAt) throw conflict('Credential is revoked');
    const now = new Date();
    if (change === 'revoke') credential.revokedAt = now;
    if (change === 'disable') credential.disabledAt ??= now;
    if (change === 'enable') credential.disabledAt = null;
    return { result: credential, target: credentialTarget(credential), orgId: credential.org.id };
  });
}
