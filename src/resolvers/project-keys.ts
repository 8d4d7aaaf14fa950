import { z } from 'zod';
import { assert, can } from '../auth/policy.ts';
import { digestToken, hasValidShape } from '../auth/tokens.ts';
import { Credential } from '../db/credential.entity.ts';
import { ProjectMember } from '../db/project-member.entity.ts';
import { User } from '../db/user.entity.ts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../errors.ts';
import type { Ctx } from './context.ts';
import { assertTokenAvailable, countTokenGuess, issueCredential } from './credentials.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { loadProject } from './projects.ts';
import { authorizeFound } from './scope.ts';

const keyTarget = (c: Credential) => ({ type: 'Credential', id: c.id, name: c.name });

const CreateInput = z.object({
  projectId: fields.id,
  userId: fields.id.nullish(),
  name: fields.name.nullish(),
  expiresAt: fields.futureDate.nullish(),
  token: fields.customToken.nullish(),
});

/** A key of one of the project's members, scoped to it: on /mcp it reaches the project's toolset only. */
export async function createProjectApiKey(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'project_key_created' }, async (em) => {
    const project = await loadProject(ctx, em, { id: input.projectId }, 'project.read');
    const userId = input.userId ?? ctx.principal?.id;
    assert(ctx.principal, 'project.key', { orgId: project.org.id, ownerId: userId });
    const data = parseInput(CreateInput, input);
    const member = await em.findOne(ProjectMember, { project, user: userId! }, { populate: ['user'] });
    if (!member) throw badInput('userId: not a member of the project: add them first', { field: 'userId' });
    if (!member.user.active) throw conflict('User is deactivated');
    await assertTokenAvailable(em, data.token);
    const { credential, plaintext } = issueCredential(em, {
      kind: 'api_token', user: member.user, org: project.org, project, name: data.name ?? `${project.name} key`, expiresAt: data.expiresAt, custom: data.token ?? undefined,
    });
    return { result: { credential, token: plaintext }, target: keyTarget(credential), orgId: project.org.id, details: { userId: member.user.id, projectId: project.id } };
  }, () => countTokenGuess(ctx, input.token));
}

/**
 * A credential found by its secret value (seed 003 addresses keys so). Each lookup is counted as a guess
 * at every credential, and only admins may make one; a value not found and one of another organization's
 * credentials answer alike.
 */
export async function credentialByToken(ctx: Ctx, token: string) {
  const principal = ctx.principal;
  if (!principal) throw unauthenticated();
  const mayLookUp = principal.systemAdmin || [...principal.orgRoles.keys()].some((orgId) => can(principal, 'credential.lookup', { orgId }));
  if (!mayLookUp) throw forbidden('Not allowed to credential.lookup');
  await ctx.services.attempts.guess(ctx.remoteAddress);
  const credential = hasValidShape(token) ? await ctx.em.findOne(Credential, { digest: digestToken(token), kind: { $ne: 'session' } }) : null;
  if (!credential) throw notFound('Credential');
  authorizeFound(ctx, 'credential.lookup', 'Credential', credential.org.id);
  return credential;
}

const RevokeAllInput = z.object({ userId: fields.id, projectId: fields.id.nullish() });

/** Revokes every API token of a person (seed 003 DELETE users/{id}/api-keys), or only their keys of one project. */
export async function revokeUserApiKeys(ctx: Ctx, input: z.input<typeof RevokeAllInput>) {
  return mutate(ctx, { type: 'user_keys_revoked' }, async (em) => {
    const data = parseInput(RevokeAllInput, input);
    const project = data.projectId ? await loadProject(ctx, em, { id: data.projectId }, 'project.read') : null;
    if (project) assert(ctx.principal, 'project.key', { orgId: project.org.id, ownerId: data.userId });
    else assert(ctx.principal, 'credential.manage', { ownerId: data.userId });
    if (!(await em.count(User, { id: data.userId }))) throw notFound('User');
    const where = { user: data.userId, kind: 'api_token' as const, revokedAt: null, ...(project && { project }) };
    const revoked = await em.nativeUpdate(Credential, where, { revokedAt: new Date() });
    return { result: revoked, target: { type: 'User', id: data.userId }, orgId: project?.org.id ?? null, details: { revoked, projectId: project?.id ?? null } };
  });
}
