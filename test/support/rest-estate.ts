import type { TestApp } from './app.ts';
import { unique } from './fixtures.ts';
import type { GraphQLClient } from './graphql.ts';
import { fixtureStdio, readyServer } from './mcp.ts';
import { createOpenApiServer } from './openapi.ts';
import { bearer, restCall } from './rest.ts';
import { createOrganization, orgMember, serviceAccount } from './tenancy.ts';

/** One of each kind of resource a REST path can name, all in one organization, made through the public APIs. */
export interface Estate {
  orgId: string;
  server: { id: string; name: string; toolId: string; toolName: string };
  /** A server generated from an OpenAPI document the gateway fetches from `specUrl`. */
  openApiServerId: string;
  toolsetId: string;
  projectId: string;
  groupId: string;
  agent: { id: string; name: string };
  invitationId: string;
  /** A service account's key (its credential's id). */
  keyId: string;
  /** A viewer of the organization who is in the project and has a project key and a preshared key. */
  member: { id: string; username: string; email: string; password: string };
  apiKey: string;
  presharedKeyId: string;
  operationId: string;
  /** The organization's viewer, who calls as its lowest role. */
  viewerId: string;
  /** Where the OpenAPI server's document is served, and where the installation sends its traces. */
  specUrl: string;
  telemetryUrl: string;
  /** The toolset as export gives it, for import. */
  exported: unknown;
}

const idOf = (data: Record<string, any>) => Object.values(Object.values(data)[0] as object)[0].id as string;

/** Makers of single resources, for routes that use theirs up (deletes, revocations). */
export function makers(t: TestApp, admin: GraphQLClient, orgId: string) {
  const create = async (mutation: string, input: Record<string, unknown>) => idOf(await t.admin.data(mutation, { i: { organizationId: orgId, ...input } }));
  const member = async () => {
    const user = await orgMember(t.admin, orgId, 'VIEWER');
    return { id: user.id, username: user.username, email: `${user.username}@example.test`, password: user.password };
  };
  const make = {
    member,
    server: () => create(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { name: unique('srv'), transport: 'STREAMABLE_HTTP', url: 'http://127.0.0.1:1/mcp' }),
    agent: async () => {
      const name = unique('agt');
      return { id: await create(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } } }`, { name, allowList: ['*'] }), name };
    },
    toolset: () => create(`mutation($i: CreateToolsetInput!) { createToolset(input: $i) { toolset { id } } }`, { name: unique('tls') }),
    toolsetWith: async (serverId: string) => {
      const toolsetId = await make.toolset();
      await t.admin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId, serverId } });
      return toolsetId;
    },
    project: () => create(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`, { name: unique('prj') }),
    projectWith: async (userId: string) => {
      const projectId = await make.project();
      await t.admin.data(`mutation($i: AddProjectMembersInput!) { addProjectMembers(input: $i) { project { id } } }`, { i: { projectId, userIds: [userId] } });
      return projectId;
    },
    group: () => create(`mutation($i: CreateGroupInput!) { createGroup(input: $i) { group { id } } }`, { name: unique('grp') }),
    invitation: () => create(`mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { invitation { id } } }`, { email: `${unique('inv')}@example.test`, role: 'VIEWER' }),
    /** An invitation whose mail went out at `sentAt`, so that it may be sent again now. */
    invitationSentBefore: async (sentAt: number) => {
      const id = await make.invitation();
      await t.app.services.orm.em.fork().getConnection().execute('update mail_message set created_at = ? where subject_id = ?', [new Date(sentAt), id]);
      return id;
    },
    key: async () => (await serviceAccount(t.admin, orgId, 'VIEWER')).credential.id,
    presharedKey: async (userId: string) => idOf(await t.admin.data(`mutation($i: CreatePresharedKeyInput!) { createPresharedKey(input: $i) { presharedKey { id } } }`, { i: { label: unique('psk'), userId } })),
    /** A member of a new project, with a key for it: the key's value. */
    apiKey: async (projectId?: string, userId?: string) => {
      const user = userId ?? (await member()).id;
      const project = projectId ?? (await make.projectWith(user));
      const issued = await restCall(t.url, 'POST', `/api/v1/users/${user}/api-keys`, { headers: bearer(t.admin.token), body: { project_name: project } });
      if (issued.status !== 201) throw new Error(`project key: ${JSON.stringify(issued.body)}`);
      return issued.body.data.api_key as string;
    },
    /** The current deployment of a server: its id. */
    deployment: async (serverId: string) => (await t.admin.data(`query($id: ID!) { mcpServer(id: $id) { currentDeployment { id } } }`, { id: serverId })).mcpServer.currentDeployment.id as string,
    /** The whole installation as a backup document, to restore after a route that replaces it. */
    backup: async () => (await t.admin.data(`mutation { backupSystem { document } }`)).backupSystem.document as unknown,
    /** An organization the estate's admin founded, with the estate's viewer in it. */
    organization: async (viewerId: string) => {
      const { id } = await createOrganization(admin);
      await t.admin.data(`mutation($o: ID!, $u: ID!) { addMember(input: { organizationId: $o, userId: $u, role: VIEWER }) { member { id } } }`, { o: id, u: viewerId });
      return id;
    },
  };
  return make;
}

/** An estate in `orgId`, whose admin is `admin` (a person with the ADMIN role there). */
export async function buildEstate(t: TestApp, admin: GraphQLClient, orgId: string, viewerId: string, urls: { specUrl: string; telemetryUrl: string }): Promise<Estate> {
  const make = makers(t, admin, orgId);
  const name = unique('rest');
  const ready = await readyServer(t.admin, { ...fixtureStdio(name), organizationId: orgId });
  const toolsetId = await make.toolset();
  await t.admin.data(`mutation($i: AddToolsetServerInput!) { addToolsetServer(input: $i) { entry { tools } } }`, { i: { toolsetId, serverId: ready.id } });
  const member = await make.member();
  const projectId = await make.projectWith(member.id);
  await t.admin.data(`mutation($i: AssignProjectToolsetInput!) { assignProjectToolset(input: $i) { project { id } } }`, { i: { projectId, toolsetId } });
  const exported = await restCall(t.url, 'POST', `/api/v1/configs/${toolsetId}/export`, { headers: bearer(admin.token), body: {} });
  const operations = await restCall(t.url, 'GET', `/api/v1/organizations/${orgId}/mcp-servers/${ready.id}/deployment-operations`, { headers: bearer(admin.token) });
  return {
    orgId,
    server: { id: ready.id, name, toolId: ready.tools.echo!, toolName: 'echo' },
    openApiServerId: (await createOpenApiServer(t.admin, { organizationId: orgId, specUrl: urls.specUrl })).id,
    toolsetId, projectId, member,
    groupId: await make.group(),
    agent: await make.agent(),
    invitationId: await make.invitation(),
    keyId: await make.key(),
    apiKey: await make.apiKey(projectId, member.id),
    presharedKeyId: await make.presharedKey(member.id),
    operationId: (operations.body as { operations: { id: string }[] }).operations[0]!.id,
    viewerId, ...urls,
    exported: exported.body.data.config,
  };
}

/** The estate's resource each path parameter names, by its name and the collection it is under. */
export function paramOf(e: Estate, name: string, path: string): string {
  const under = (collection: string) => path.includes(`/${collection}/:${name}`);
  const byName: Record<string, string> = {
    orgId: e.orgId, accountSid: e.orgId, serverId: e.server.id, toolId: e.server.toolId, toolName: e.server.toolName, tool_name: e.server.toolName,
    operationId: e.operationId, agentId: e.agent.id, sid: e.agent.id, name: e.agent.name, invitationId: e.invitationId, keyId: e.keyId,
    principalId: e.member.id, config_identifier: e.toolsetId, server_name: e.server.name, project_identifier: e.projectId,
    user_identifier: e.member.id, api_key: e.apiKey, username: e.member.username, key_id: e.presharedKeyId,
  };
  if (name === 'id') return under('users') ? e.member.id : under('groups') ? e.groupId : e.server.id;
  if (!(name in byName)) throw new Error(`no resource for :${name} in ${path}`);
  return byName[name]!;
}
