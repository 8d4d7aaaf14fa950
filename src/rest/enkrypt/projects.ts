import { z } from 'zod';
import { badInput, notFound } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route, type Run } from '../route.ts';
import { byIdOrName, done, envelope, refusePath } from './envelope.ts';

graphql(`fragment EnkryptProject on Project { id name description createdAt toolset { id name } members { id email username } }`);
const Projects = graphql(`query EnkryptProjects($after: String, $search: String) { projects(first: 100, after: $after, search: $search) { edges { node { ...EnkryptProject } } pageInfo { hasNextPage endCursor } } }`);
const Project = graphql(`query EnkryptProject($id: ID, $name: String) { project(id: $id, name: $name) { ...EnkryptProject } }`);
const ProjectConfig = graphql(`query EnkryptProjectConfig($id: ID!) { project(id: $id) { toolset { id name serverCount servers { server { name } tools } } } }`);
const CreateProject = graphql(`mutation EnkryptCreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { ...EnkryptProject } } }`);
const DeleteProject = graphql(`mutation EnkryptDeleteProject($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }`);
const Assign = graphql(`mutation EnkryptAssignConfig($input: AssignProjectToolsetInput!) { assignProjectToolset(input: $input) { project { ...EnkryptProject } } }`);
const Unassign = graphql(`mutation EnkryptUnassignConfig($id: ID!) { unassignProjectToolset(input: { projectId: $id }) { project { ...EnkryptProject } } }`);
const AddMembers = graphql(`mutation EnkryptAddMembers($input: AddProjectMembersInput!) { addProjectMembers(input: $input) { project { ...EnkryptProject } } }`);
const RemoveMembers = graphql(`mutation EnkryptRemoveMembers($input: RemoveProjectMembersInput!) { removeProjectMembers(input: $input) { project { ...EnkryptProject } } }`);
const ExportProject = graphql(`mutation EnkryptExportProject($id: ID!) { exportProject(input: { id: $id }) { document } }`);
const UserRef = graphql(`query EnkryptProjectUser($id: ID, $email: String) { user(id: $id, email: $email) { id } }`);

type ProjectFields = { id: string; name: string; description?: string | null; createdAt: string; toolset?: { id: string; name: string } | null; members: { id: string; email?: string | null; username: string }[] };
const user = (u: ProjectFields['members'][number]) => ({ user_id: u.id, email: u.email ?? null, username: u.username });
export const project = (p: ProjectFields) => ({
  project_id: p.id, project_name: p.name, description: p.description ?? null, created_at: p.createdAt,
  mcp_config_id: p.toolset?.id ?? null, mcp_config_name: p.toolset?.name ?? null, users: p.members.map(user),
});
const ProjectOut = z.object({
  project_id: z.string(), project_name: z.string(), description: z.string().nullable(), created_at: z.string(), mcp_config_id: z.string().nullable(),
  mcp_config_name: z.string().nullable(), users: z.array(z.object({ user_id: z.string(), email: z.string().nullable(), username: z.string() })),
});

export const loadProject = async (run: Run, identifier: string) => (await run(Project, byIdOrName(identifier, 'prj'))).project;
/** `user_identifier`: an id, or an email. */
export const userIdOf = async (run: Run, identifier: string) =>
  (await run(UserRef, identifier.startsWith('usr_') ? { id: identifier } : { email: identifier })).user.id;

/**
 * One of the project's users, by id or email: whoever may change the project may name its members (no
 * user lookup, which is the installation's).
 */
export function memberOf(found: { members: { id: string; email?: string | null }[] }, identifier: string) {
  const member = found.members.find((m) => m.id === identifier || (m.email != null && m.email.toLowerCase() === identifier.toLowerCase()));
  if (!member) throw notFound('User in the project');
  return member;
}

export const projectRoutes = [
  route({
    method: 'GET', path: '/api/v1/projects', summary: 'List projects', response: envelope(z.array(ProjectOut)),
    handle: async ({ run }) => done('Projects retrieved successfully', (await everyPage((after) => run(Projects, { after }).then((d) => d.projects))).map(project)),
  }),
  route({
    method: 'POST', path: '/api/v1/projects', summary: 'Create a project', status: 201, fields: { name: 'project_name' }, body: z.object({ project_name: z.string(), description: z.string().optional() }), response: envelope(ProjectOut),
    handle: async ({ run, body }) => done('Project created successfully', project((await run(CreateProject, { input: { name: body.project_name, description: body.description } })).createProject.project)),
  }),
  route({
    method: 'POST', path: '/api/v1/projects/search', summary: 'Search projects by name or description', body: z.object({ search_term: z.string() }), response: envelope(z.array(ProjectOut)),
    handle: async ({ run, body }) => done('Search completed successfully', (await everyPage((after) => run(Projects, { after, search: body.search_term }).then((d) => d.projects))).map(project)),
  }),
  route({
    method: 'GET', path: '/api/v1/projects/:project_identifier', summary: 'A project', response: envelope(ProjectOut),
    handle: async ({ run, params }) => done('Project retrieved successfully', project(await loadProject(run, params.project_identifier!))),
  }),
  route({
    method: 'DELETE', path: '/api/v1/projects/:project_identifier', summary: 'Delete a project with its memberships and keys', response: envelope(z.object({ project_id: z.string() })),
    handle: async ({ run, params }) => {
      const found = await loadProject(run, params.project_identifier!);
      return done('Project deleted successfully', { project_id: (await run(DeleteProject, { id: found.id })).deleteProject.deletedProjectId });
    },
  }),
  route({
    method: 'POST', path: '/api/v1/projects/:project_identifier/assign-config', summary: 'Assign a configuration (by name or id)', body: z.object({ config_name: z.string() }), response: envelope(ProjectOut),
    handle: async ({ run, params, body }) => {
      const found = await loadProject(run, params.project_identifier!);
      const config = body.config_name.startsWith('tls_') ? { toolsetId: body.config_name } : { toolsetName: body.config_name };
      return done('Configuration assigned successfully', project((await run(Assign, { input: { projectId: found.id, ...config } })).assignProjectToolset.project));
    },
  }),
  route({
    method: 'POST', path: '/api/v1/projects/:project_identifier/unassign-config', summary: 'Take the project’s configuration away', response: envelope(ProjectOut),
    handle: async ({ run, params }) => {
      const found = await loadProject(run, params.project_identifier!);
      return done('Configuration unassigned successfully', project((await run(Unassign, { id: found.id })).unassignProjectToolset.project));
    },
  }),
  route({
    method: 'GET', path: '/api/v1/projects/:project_identifier/config', summary: 'The project’s configuration',
    response: envelope(z.object({ mcp_config_id: z.string(), mcp_config_name: z.string(), servers: z.array(z.object({ server_name: z.string(), tools: z.array(z.string()).nullable() })) }).nullable()),
    handle: async ({ run, params }) => {
      const found = await loadProject(run, params.project_identifier!);
      const { toolset } = (await run(ProjectConfig, { id: found.id })).project;
      return done('Project configuration retrieved successfully', toolset && {
        mcp_config_id: toolset.id, mcp_config_name: toolset.name, servers: toolset.servers.map((e) => ({ server_name: e.server.name, tools: e.tools ?? null })),
      });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/projects/:project_identifier/users', summary: 'The project’s users', response: envelope(z.array(ProjectOut.shape.users.element)),
    handle: async ({ run, params }) => done('Project users retrieved successfully', (await loadProject(run, params.project_identifier!)).members.map(user)),
  }),
  route({
    method: 'POST', path: '/api/v1/projects/:project_identifier/users', summary: 'Add a member of the organization, by email or user id', body: z.object({ email: z.string().optional(), user_id: z.string().optional() }),
    response: envelope(ProjectOut),
    handle: async ({ run, params, body }) => {
      if (!body.email === !body.user_id) throw badInput('Give email or user_id', { fields: ['email', 'user_id'] });
      const found = await loadProject(run, params.project_identifier!);
      const who = body.email ? { emails: [body.email] } : { userIds: [body.user_id!] };
      return done('User added to project successfully', project((await run(AddMembers, { input: { projectId: found.id, ...who } })).addProjectMembers.project));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/projects/:project_identifier/users/:user_identifier', summary: 'Remove a user from the project (their keys for it are revoked)', response: envelope(ProjectOut),
    handle: async ({ run, params }) => {
      const found = await loadProject(run, params.project_identifier!);
      const member = memberOf(found, params.user_identifier!);
      return done('User removed from project successfully', project((await run(RemoveMembers, { input: { projectId: found.id, userId: member.id } })).removeProjectMembers.project));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/projects/:project_identifier/users', summary: 'Remove every user from the project', response: envelope(ProjectOut),
    handle: async ({ run, params }) => {
      const found = await loadProject(run, params.project_identifier!);
      return done('All users removed from project successfully', project((await run(RemoveMembers, { input: { projectId: found.id, all: true } })).removeProjectMembers.project));
    },
  }),
  route({
    method: 'POST', path: '/api/v1/projects/:project_identifier/export', summary: 'Export a project: its configuration, users and keys’ metadata',
    body: z.object({ output_file: z.string().optional() }).optional(), response: envelope(z.object({ project: z.unknown() })),
    handle: async ({ run, params, body }) => {
      refusePath('output_file', body?.output_file);
      const found = await loadProject(run, params.project_identifier!);
      return done('Project exported successfully', { project: (await run(ExportProject, { id: found.id })).exportProject.document });
    },
  }),
];
