import { Organization } from '../db/organization.entity.ts';
import type { Project } from '../db/project.entity.ts';
import { createProjectApiKey, credentialByToken, revokeUserApiKeys } from '../resolvers/project-keys.ts';
import { exportProject } from '../resolvers/project-export.ts';
import {
  addProjectMembers, createProject, deleteProject, getProject, listProjects, projectMembers, projectsOf, projectsUsing,
  removeProjectMembers, setProjectToolset,
} from '../resolvers/projects.ts';
import { getToolset } from '../resolvers/toolsets.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { CredentialRef, IssuedCredentialPayload } from './credentials.ts';
import { OrganizationRef } from './organizations.ts';
import { ToolsetRef } from './toolsets.ts';
import { UserRef } from './users.ts';

export const ProjectRef = builder.objectRef<Project>('Project');

builder.node(ProjectRef, {
  description: 'People of an organization working with one toolset; their project keys reach exactly that toolset on /mcp.',
  id: { resolve: (p) => p.id },
  isTypeOf: (value) => (value as Project).id?.startsWith('prj_'),
  loadOne: (id, ctx) => nullIfNotFound(getProject(ctx, { id })),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    organization: t.field({ type: OrganizationRef, resolve: (p, _args, ctx) => ctx.em.findOneOrFail(Organization, p.org.id) }),
    toolset: t.field({ type: ToolsetRef, nullable: true, description: 'The assigned toolset; none: its keys reach nothing.', resolve: (p, _args, ctx) => (p.toolset ? getToolset(ctx, { id: p.toolset.id }) : null) }),
    members: t.field({ type: [UserRef], complexity: 10, resolve: (p, _args, ctx) => projectMembers(ctx.em, p) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(ToolsetRef, 'projects', (t) =>
  t.field({ type: [ProjectRef], complexity: 10, description: 'Projects this toolset is assigned to.', resolve: (ts, _args, ctx) => projectsUsing(ctx, ts) }));
builder.objectField(UserRef, 'projects', (t) =>
  t.field({ type: [ProjectRef], complexity: 10, description: 'Projects the person is in, of organizations the caller may see projects of.', resolve: (u, _args, ctx) => projectsOf(ctx, u) }));
builder.objectField(CredentialRef, 'project', (t) =>
  t.field({ type: ProjectRef, nullable: true, description: 'A project key’s project.', resolve: (c, _args, ctx) => (c.project ? getProject(ctx, { id: c.project.id }) : null) }));

builder.queryFields((t) => ({
  project: t.field({
    type: ProjectRef,
    description: 'One project, by id, or by name in an organization (the caller’s only one when not named).',
    args: { id: t.arg.id(), name: t.arg.string(), organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => getProject(ctx, args),
  }),
  projects: t.connection({
    complexity: pageComplexity,
    type: ProjectRef,
    description: 'Projects of an organization; `search` matches their name or description.',
    args: { organizationId: t.arg.id(), search: t.arg.string() },
    resolve: (_root, args, ctx) => listProjects(ctx, args),
  }, connectionOf(ProjectRef, 'Project')),
  credentialByToken: t.field({
    type: CredentialRef,
    description: 'A credential by its secret value, for admins of its organization. Each lookup counts as a guess against the caller’s address.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => credentialByToken(ctx, args.token),
  }),
}));

const ProjectPayload = builder.simpleObject('ProjectPayload', { fields: (t) => ({ project: t.field({ type: ProjectRef }) }) });

inputMutation('createProject', {
  input: builder.inputType('CreateProjectInput', { fields: (t) => ({ organizationId: t.id(), name: t.string({ required: true }), description: t.string(), toolsetId: t.id() }) }),
  payload: ProjectPayload,
  resolve: async (input, ctx) => ({ project: await createProject(ctx, input) }),
});
inputMutation('deleteProject', {
  input: IdInput,
  payload: builder.simpleObject('DeleteProjectPayload', { fields: (t) => ({ deletedProjectId: t.id() }) }),
  description: 'Deletes a project with its memberships and keys.',
  resolve: async (input, ctx) => ({ deletedProjectId: await deleteProject(ctx, input) }),
});
inputMutation('assignProjectToolset', {
  input: builder.inputType('AssignProjectToolsetInput', { fields: (t) => ({ projectId: t.id({ required: true }), toolsetId: t.id(), toolsetName: t.string() }) }),
  payload: ProjectPayload,
  description: 'Gives the project a toolset of its organization (by id or name), replacing any it had.',
  resolve: async (input, ctx) => ({ project: await setProjectToolset(ctx, input, true) }),
});
inputMutation('unassignProjectToolset', {
  input: builder.inputType('UnassignProjectToolsetInput', { fields: (t) => ({ projectId: t.id({ required: true }) }) }),
  payload: ProjectPayload,
  description: 'Takes the project’s toolset away: its keys then reach nothing on /mcp.',
  resolve: async (input, ctx) => ({ project: await setProjectToolset(ctx, input, false) }),
});
inputMutation('addProjectMembers', {
  input: builder.inputType('AddProjectMembersInput', { fields: (t) => ({ projectId: t.id({ required: true }), userIds: t.idList(), emails: t.stringList() }) }),
  payload: ProjectPayload,
  description: 'Adds members of the project’s organization, by id or email; those already in it stay.',
  resolve: async (input, ctx) => ({ project: await addProjectMembers(ctx, input) }),
});
inputMutation('removeProjectMembers', {
  input: builder.inputType('RemoveProjectMembersInput', { fields: (t) => ({ projectId: t.id({ required: true }), userId: t.id(), all: t.boolean() }) }),
  payload: ProjectPayload,
  description: 'Removes one member (userId) or all (all: true); their keys for the project are revoked.',
  resolve: async (input, ctx) => ({ project: await removeProjectMembers(ctx, input) }),
});
inputMutation('exportProject', {
  input: IdInput,
  payload: builder.simpleObject('ExportProjectPayload', { fields: (t) => ({ document: t.field({ type: 'JSON', description: 'Its toolset, members and keys’ metadata; no secret.' }) }) }),
  resolve: async (input, ctx) => ({ document: await exportProject(ctx, input) }),
});
inputMutation('createProjectApiKey', {
  input: builder.inputType('CreateProjectApiKeyInput', {
    fields: (t) => ({
      projectId: t.id({ required: true }),
      userId: t.id({ description: 'A member of the project; defaults to the caller. The organization’s admins only for others.' }),
      name: t.string(),
      expiresAt: t.field({ type: 'DateTime' }),
      token: t.string({ description: 'Use this value instead of a generated one.' }),
    }),
  }),
  payload: IssuedCredentialPayload,
  description: 'A key of a project member that reaches exactly the project’s toolset on /mcp.',
  resolve: (input, ctx) => createProjectApiKey(ctx, input),
});
inputMutation('revokeUserApiKeys', {
  input: builder.inputType('RevokeUserApiKeysInput', { fields: (t) => ({ userId: t.id({ required: true }), projectId: t.id({ description: 'Only their keys of this project.' }) }) }),
  payload: builder.simpleObject('RevokeUserApiKeysPayload', { fields: (t) => ({ revokedCount: t.int() }) }),
  description: 'Revokes every API token of a person, or only their keys of one project.',
  resolve: async (input, ctx) => ({ revokedCount: await revokeUserApiKeys(ctx, input) }),
});
