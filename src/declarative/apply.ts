import { ApiError, ClientErrorCode, type Run } from '../client/api-client.ts';
import { graphql } from '../client/gql/index.ts';
import type { DeclaredServer, Secret } from './model.ts';
import { stepLabel, type AgentStep, type GroupStep, type OrganizationStep, type Plan, type ServerStep, type Step, type ToolsetStep } from './steps.ts';

const CreateOrganization = graphql(`mutation DeclarativeCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`);
const UpdateOrganization = graphql(`mutation DeclarativeUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }`);
const CreateServer = graphql(`mutation DeclarativeCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { id } } }`);
const UpdateServer = graphql(`mutation DeclarativeUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }`);
const ValidateServer = graphql(`mutation DeclarativeValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }`);
const PublishServer = graphql(`mutation DeclarativePublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }`);
const CreateToolset = graphql(`mutation DeclarativeCreateToolset($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { id } } }`);
const UpdateToolset = graphql(`mutation DeclarativeUpdateToolset($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { id } } }`);
const AddToolsetServer = graphql(`mutation DeclarativeAddToolsetServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { tools } } }`);
const UpdateToolsetServer = graphql(`mutation DeclarativeUpdateToolsetServer($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { tools } } }`);
const RemoveToolsetServer = graphql(`mutation DeclarativeRemoveToolsetServer($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { id } } }`);
const CreateGroup = graphql(`mutation DeclarativeCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }`);
const UpdateGroup = graphql(`mutation DeclarativeUpdateGroup($input: UpdateGroupInput!) { updateGroup(input: $input) { group { id } } }`);
const GroupMembers = graphql(`mutation DeclarativeGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { id } } }`);
const GroupServers = graphql(`mutation DeclarativeGroupServers($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { id } } }`);
const CreateAgent = graphql(`mutation DeclarativeCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { id } token } }`);
const UpdateAgent = graphql(`mutation DeclarativeUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }`);

export interface Applied {
  created: number;
  updated: number;
  unchanged: number;
  /** Tokens generated for new agents: shown once, here. */
  tokens: { organization: string; agent: string; token: string }[];
}

/** Ids by organization and name: the gateway's, and those of what this apply creates. */
function idBook(plan: Plan) {
  const ids = new Map<string, string>();
  for (const [slug, contents] of plan.contents) {
    if (!contents) continue;
    ids.set(`organization:${slug}`, contents.organization.id);
    for (const kind of ['servers', 'toolsets', 'groups', 'agents'] as const) {
      for (const [name, { id }] of contents[kind]) ids.set(`${kind.slice(0, -1)}:${slug}/${name}`, id);
    }
    for (const [username, id] of contents.members) ids.set(`user:${slug}/${username}`, id);
  }
  return {
    set: (kind: string, slug: string, name: string, id: string) => ids.set(kind === 'organization' ? `${kind}:${slug}` : `${kind}:${slug}/${name}`, id),
    get(kind: string, slug: string, name?: string): string {
      const id = ids.get(name === undefined ? `${kind}:${slug}` : `${kind}:${slug}/${name}`);
      if (!id) throw new Error(`declarative apply: no id for ${kind} ${slug}/${name ?? ''}`); // the plan checked every reference
      return id;
    },
  };
}

const keyValues = (secrets: Secret[] | undefined) => secrets?.map(({ name, value }) => ({ name, value }));
const changed = (step: Step, field: string) => step.changes.some((c) => c.field === field || c.field.startsWith(`${field}.`));

const SERVER_FIELDS = ['transport', 'command', 'args', 'url', 'displayName', 'description', 'tags'] as const;
/** The fields that change, and the file's secrets again: a moved process or endpoint would drop them otherwise. */
function serverChanges(step: ServerStep, declared: DeclaredServer) {
  const fields = Object.fromEntries(SERVER_FIELDS.filter((f) => step.action === 'create' || changed(step, f)).map((f) => [f, declared[f]]));
  return { ...fields, env: keyValues(declared.env), headers: keyValues(declared.headers) };
}

/**
 * Makes the gateway what the plan says, one mutation at a time, in the order references need (organizations,
 * servers, toolsets, groups, agents). Each mutation is checked and audited by the API as any other; should
 * one be refused, the ones before it stay applied, and applying the file again carries on from there.
 */
export async function applyPlan(run: Run, plan: Plan): Promise<Applied> {
  const ids = idBook(plan);
  const applied: Applied = { created: 0, updated: 0, unchanged: 0, tokens: [] };
  for (const step of plan.steps) {
    if (step.action === 'unchanged') {
      applied.unchanged++;
      continue;
    }
    try {
      await applyStep(run, step, ids, applied);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'ERROR';
      const done = applied.created + applied.updated;
      throw new ApiError(code, `${step.kind} ${stepLabel(step)}: ${(error as Error).message} (${done} change${done === 1 ? '' : 's'} before it applied, none after)`);
    }
    applied[step.action === 'create' ? 'created' : 'updated']++;
  }
  return applied;
}

type Ids = ReturnType<typeof idBook>;

async function applyStep(run: Run, step: Step, ids: Ids, applied: Applied) {
  if (step.kind === 'organization') return applyOrganization(run, step, ids);
  if (step.kind === 'server') return applyServer(run, step, ids);
  if (step.kind === 'toolset') return applyToolset(run, step, ids);
  if (step.kind === 'group') return applyGroup(run, step, ids);
  return applyAgent(run, step, ids, applied);
}

async function applyOrganization(run: Run, step: OrganizationStep, ids: Ids) {
  const { slug, name, planTier, publicMcpGuidesEnabled } = step.declared;
  if (step.action === 'create') {
    const { organization } = (await run(CreateOrganization, { input: { slug, name, planTier, publicMcpGuidesEnabled } })).createOrganization;
    return void ids.set('organization', slug, slug, organization.id);
  }
  const pick = <T>(field: string, value: T) => (changed(step, field) ? value : undefined);
  await run(UpdateOrganization, { input: { id: ids.get('organization', slug), name: pick('name', name), planTier: pick('planTier', planTier), publicMcpGuidesEnabled: pick('publicMcpGuidesEnabled', publicMcpGuidesEnabled) } });
}

async function applyServer(run: Run, step: ServerStep, ids: Ids) {
  const { declared, organization } = step;
  const input = serverChanges(step, declared);
  let id: string;
  if (step.action === 'create') {
    id = (await run(CreateServer, { input: { name: declared.name, organizationId: ids.get('organization', organization), ...input, transport: declared.transport } })).createMcpServer.server.id;
    ids.set('server', organization, declared.name, id);
  } else {
    id = ids.get('server', organization, declared.name);
    if (step.changes.some((c) => c.field !== 'status')) await run(UpdateServer, { input: { id, ...input } });
  }
  if (step.validate) {
    const result = (await run(ValidateServer, { id })).validateMcpServer;
    if (!result.ok) throw new ApiError(ClientErrorCode.VALIDATION_FAILED, `did not validate: ${result.error}`);
  }
  if (step.publish) await run(PublishServer, { id });
}

async function applyToolset(run: Run, step: ToolsetStep, ids: Ids) {
  const { declared, organization } = step;
  let toolsetId: string;
  if (step.action === 'create') {
    const input = { name: declared.name, description: declared.description, toolPrefix: declared.toolPrefix, organizationId: ids.get('organization', organization) };
    toolsetId = (await run(CreateToolset, { input })).createToolset.toolset.id;
    ids.set('toolset', organization, declared.name, toolsetId);
  } else {
    toolsetId = ids.get('toolset', organization, declared.name);
    const description = changed(step, 'description') ? declared.description : undefined;
    const toolPrefix = changed(step, 'toolPrefix') ? declared.toolPrefix : undefined;
    if (description !== undefined || toolPrefix) await run(UpdateToolset, { input: { id: toolsetId, description, toolPrefix } });
  }
  const entry = (server: string) => declared.servers!.find((e) => e.server === server)!;
  const serverId = (server: string) => ids.get('server', organization, server);
  for (const server of step.add) await run(AddToolsetServer, { input: { toolsetId, serverId: serverId(server), tools: entry(server).tools, description: entry(server).description } });
  for (const server of step.update) await run(UpdateToolsetServer, { input: { toolsetId, serverId: serverId(server), tools: entry(server).tools, description: entry(server).description } });
  for (const server of step.remove) await run(RemoveToolsetServer, { input: { toolsetId, serverId: serverId(server) } });
}

async function applyGroup(run: Run, step: GroupStep, ids: Ids) {
  const { declared, organization } = step;
  let id: string;
  if (step.action === 'create') {
    id = (await run(CreateGroup, { input: { name: declared.name, description: declared.description, organizationId: ids.get('organization', organization) } })).createGroup.group.id;
  } else {
    id = ids.get('group', organization, declared.name);
    if (changed(step, 'description')) await run(UpdateGroup, { input: { id, description: declared.description } });
  }
  const { members, servers } = step;
  if (members.add.length || members.remove.length) {
    await run(GroupMembers, { input: { id, add: members.add.map((username) => ids.get('user', organization, username)), remove: members.remove } });
  }
  if (servers.add.length || servers.remove.length) {
    await run(GroupServers, { input: { id, add: servers.add.map((name) => ids.get('server', organization, name)), remove: servers.remove } });
  }
}

async function applyAgent(run: Run, step: AgentStep, ids: Ids, applied: Applied) {
  const { declared, organization } = step;
  const toolsetId = declared.toolset && ids.get('toolset', organization, declared.toolset);
  const token = step.token ? declared.token!.value : undefined;
  if (step.action === 'create') {
    const input = {
      name: declared.name, description: declared.description, organizationId: ids.get('organization', organization), allowList: declared.allowList ?? [], toolsetId,
      toolPrefix: declared.toolPrefix, token,
    };
    const created = (await run(CreateAgent, { input })).createAgent;
    if (!token) applied.tokens.push({ organization, agent: declared.name, token: created.token });
    return;
  }
  const scope = changed(step, 'allowList') || changed(step, 'toolset');
  await run(UpdateAgent, {
    input: {
      id: ids.get('agent', organization, declared.name),
      description: changed(step, 'description') ? declared.description : undefined,
      toolPrefix: changed(step, 'toolPrefix') ? declared.toolPrefix : undefined,
      ...(scope && (declared.toolset ? { toolsetId } : { allowList: declared.allowList, toolsetId: null })),
      token,
    },
  });
}
