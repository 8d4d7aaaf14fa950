import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { can } from '../auth/policy.ts';
import { Credential } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { Project } from '../db/project.entity.ts';
import { ProjectMember } from '../db/project-member.entity.ts';
import { Toolset } from '../db/toolset.entity.ts';
import type { User } from '../db/user.entity.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { caseless, fields, parseInput, searchAcross } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { authorizedOrg, authorizeFound, byIdOrName, type NamedRef } from './scope.ts';
import { toolsetName } from './toolsets.ts';

export const projectTarget = (p: Project) => ({ type: 'Project', id: p.id, name: p.name });
const description = z.string().max(2_000).nullish();

export async function loadProject(ctx: Ctx, em: EntityManager, ref: NamedRef, action: 'project.read' | 'project.write') {
  const project = await em.findOne(Project, byIdOrName(ctx, ref));
  authorizeFound(ctx, action, 'Project', project?.org.id);
  return project!;
}

export const getProject = (ctx: Ctx, ref: NamedRef) => loadProject(ctx, ctx.em, ref, 'project.read');

export async function listProjects(ctx: Ctx, args: PageArgs & { organizationId?: string | null; search?: string | null }) {
  const orgId = authorizedOrg(ctx, args.organizationId, 'project.read');
  const search = parseInput(z.string().max(100).nullish(), args.search);
  return paginate(ctx.em, Project, { org: orgId, ...(search && searchAcross(['name', 'description'], search)) }, args);
}

export const projectMembers = (em: EntityManager, project: Project) =>
  em.find(ProjectMember, { project }, { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } }).then((rows) => rows.map((r) => r.user));
export const projectsUsing = (ctx: Ctx, toolset: Toolset) => ctx.em.find(Project, { toolset }, { orderBy: { name: 'asc' } });

/** The projects a person is in, of the organizations the caller may read projects of. */
export async function projectsOf(ctx: Ctx, user: User) {
  const rows = await ctx.em.find(ProjectMember, { user }, { populate: ['project'], orderBy: { createdAt: 'asc', id: 'asc' } });
  return rows.map((r) => r.project).filter((p) => can(ctx.principal, 'project.read', { orgId: p.org.id }));
}

const CreateInput = z.object({ organizationId: fields.id.nullish(), name: toolsetName, description, toolsetId: fields.id.nullish() });

async function assertNameFree(em: EntityManager, orgId: string, name: string) {
  if (await em.count(Project, { org: orgId, name })) throw conflict(`A project named "${name}" already exists`);
}

/** A toolset of the project's organization, by id or name: another's is as unknown as a missing one. */
async function toolsetIn(em: EntityManager, orgId: string, ref: { toolsetId?: string | null; toolsetName?: string | null }) {
  if (!ref.toolsetId === !ref.toolsetName) throw badInput('Give toolsetId or toolsetName', { fields: ['toolsetId', 'toolsetName'] });
  const toolset = await em.findOne(Toolset, { org: orgId, ...(ref.toolsetId ? { id: ref.toolsetId } : { name: ref.toolsetName! }) });
  if (!toolset) throw notFound('Toolset');
  return toolset;
}

export async function createProject(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'project_created' }, async (em) => {
    const orgId = authorizedOrg(ctx, input.organizationId, 'project.write');
    const data = parseInput(CreateInput, input);
    await assertNameFree(em, orgId, data.name);
    const toolset = data.toolsetId ? await toolsetIn(em, orgId, data) : null;
    const project = em.create(Project, { org: orgId, name: data.name, description: data.description ?? null, toolset });
    return { result: project, target: projectTarget(project), orgId };
  });
}

/** Deletes a project with its memberships and keys (they stop working at once). */
export async function deleteProject(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'project_deleted' }, async (em) => {
    const project = await loadProject(ctx, em, parseInput(z.object({ id: fields.id }), input), 'project.write');
    em.remove(project);
    return { result: project.id, target: projectTarget(project), orgId: project.org.id };
  });
}

const AssignInput = z.object({ projectId: fields.id, toolsetId: fields.id.nullish(), toolsetName: toolsetName.nullish() });

/** Gives the project its toolset (replacing any), or none: its keys then reach nothing on /mcp. */
export async function setProjectToolset(ctx: Ctx, input: z.input<typeof AssignInput>, assign: boolean) {
  return mutate(ctx, { type: assign ? 'project_toolset_assigned' : 'project_toolset_unassigned' }, async (em) => {
    const data = parseInput(AssignInput, input);
    const project = await loadProject(ctx, em, { id: data.projectId }, 'project.write');
    project.toolset = assign ? await toolsetIn(em, project.org.id, data) : null;
    return { result: project, target: projectTarget(project), orgId: project.org.id, details: { toolsetId: project.toolset?.id ?? null } };
  });
}

const MembersInput = z.object({ projectId: fields.id, userIds: z.array(fields.id).max(100).nullish(), emails: z.array(fields.email).max(100).nullish() });

/** Adds members of the project's organization, by id or email; those already in it stay as they are. */
export async function addProjectMembers(ctx: Ctx, input: z.input<typeof MembersInput>) {
  return mutate(ctx, { type: 'project_members_added' }, async (em) => {
    const data = parseInput(MembersInput, input);
    const project = await loadProject(ctx, em, { id: data.projectId }, 'project.write');
    const wanted = [...(data.userIds ?? []).map((id) => ({ id })), ...(data.emails ?? []).map((email) => ({ email: caseless(email) }))];
    if (!wanted.length) throw badInput('Give userIds or emails', { fields: ['userIds', 'emails'] });
    const added: string[] = [];
    for (const [i, who] of wanted.entries()) {
      const membership = await em.findOne(Membership, { org: project.org, user: who }, { populate: ['user'] });
      // Someone outside the organization is as unknown here as someone who does not exist.
      if (!membership) throw notFound(`Member of the organization (${i < (data.userIds?.length ?? 0) ? 'userIds' : 'emails'}[${i}])`);
      if (await em.count(ProjectMember, { project, user: membership.user })) continue;
      em.create(ProjectMember, { project, user: membership.user });
      added.push(membership.user.id);
    }
    return { result: project, target: projectTarget(project), orgId: project.org.id, details: { added } };
  });
}

const RemoveInput = z.object({ projectId: fields.id, userId: fields.id.nullish(), all: z.boolean().nullish() });

/** Removes one member (userId) or all of them (all: true); their keys for the project are revoked. */
export async function removeProjectMembers(ctx: Ctx, input: z.input<typeof RemoveInput>) {
  return mutate(ctx, { type: 'project_members_removed' }, async (em) => {
    const data = parseInput(RemoveInput, input);
    if (!data.userId === !data.all) throw badInput('Give userId, or all: true', { fields: ['userId', 'all'] });
    const project = await loadProject(ctx, em, { id: data.projectId }, 'project.write');
    const who = data.userId ? { user: data.userId } : {};
    const removed = await em.nativeDelete(ProjectMember, { project, ...who });
    if (data.userId && !removed) throw notFound('Member of the project');
    const revoked = await em.nativeUpdate(Credential, { project, revokedAt: null, ...who }, { revokedAt: new Date() });
    return { result: project, target: projectTarget(project), orgId: project.org.id, details: { removed, revokedKeys: revoked } };
  });
}
