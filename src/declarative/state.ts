import { ApiError, type Run } from '../client/api-client.ts';
import { graphql } from '../client/gql/index.ts';
import type {
  DeclarativeAgentsQuery, DeclarativeGroupsQuery, DeclarativeOrganizationQuery, DeclarativeServersQuery, DeclarativeToolsetsQuery,
} from '../client/gql/graphql.ts';
import { everyPage } from '../client/pages.ts';

const Organization = graphql(`query DeclarativeOrganization($slug: String!) { organization(slug: $slug) { id slug name planTier publicMcpGuidesEnabled } }`);
const Servers = graphql(`query DeclarativeServers($organizationId: ID!, $after: String) {
  mcpServers(first: 100, after: $after, filter: { organizationId: $organizationId }) {
    edges { node { id name transport command args url description displayName tags envNames headerNames status validatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`);
const Toolsets = graphql(`query DeclarativeToolsets($organizationId: ID!, $after: String) {
  toolsets(first: 100, after: $after, organizationId: $organizationId) {
    edges { node { id name description toolPrefix servers { server { id name } tools description } } }
    pageInfo { hasNextPage endCursor }
  }
}`);
const Groups = graphql(`query DeclarativeGroups($organizationId: ID!, $after: String) {
  groups(first: 100, after: $after, organizationId: $organizationId) {
    edges { node { id name description members { id username } servers { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`);
const Agents = graphql(`query DeclarativeAgents($organizationId: ID!, $after: String) {
  agents(first: 100, after: $after, organizationId: $organizationId) {
    edges { node { id name description allowList toolPrefix toolset { id name } credential { maskedToken } } }
    pageInfo { hasNextPage endCursor }
  }
}`);
const Members = graphql(`query DeclarativeMembers($id: ID!, $after: String) {
  organization(id: $id) { members(first: 200, after: $after) { edges { node { principalId username } } pageInfo { hasNextPage endCursor } } }
}`);
const ServerTools = graphql(`query DeclarativeServerTools($id: ID!, $after: String) {
  mcpServer(id: $id) { tools(first: 200, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }
}`);

type Node<Connection> = Connection extends { edges: { node: infer N }[] } ? N : never;
export type OrganizationState = DeclarativeOrganizationQuery['organization'];
export type ServerState = Node<DeclarativeServersQuery['mcpServers']>;
export type ToolsetState = Node<DeclarativeToolsetsQuery['toolsets']>;
export type GroupState = Node<DeclarativeGroupsQuery['groups']>;
export type AgentState = Node<DeclarativeAgentsQuery['agents']>;

/** What the gateway has in one organization, by name. */
export interface OrganizationContents {
  organization: OrganizationState;
  servers: Map<string, ServerState>;
  toolsets: Map<string, ToolsetState>;
  groups: Map<string, GroupState>;
  agents: Map<string, AgentState>;
  /** Its members' user ids by username. */
  members: Map<string, string>;
}

const byName = <T extends { name: string }>(nodes: T[]) => new Map(nodes.map((node) => [node.name, node]));

/** One organization and what it holds; null when there is no organization with that slug (yet). */
export async function readOrganization(run: Run, slug: string): Promise<OrganizationContents | null> {
  let organization: OrganizationState;
  try {
    organization = (await run(Organization, { slug })).organization;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
  const organizationId = organization.id;
  const [servers, toolsets, groups, agents, members] = await Promise.all([
    everyPage(async (after) => (await run(Servers, { organizationId, after })).mcpServers),
    everyPage(async (after) => (await run(Toolsets, { organizationId, after })).toolsets),
    everyPage(async (after) => (await run(Groups, { organizationId, after })).groups),
    everyPage(async (after) => (await run(Agents, { organizationId, after })).agents),
    everyPage(async (after) => (await run(Members, { id: organizationId, after })).organization.members),
  ]);
  return {
    organization, servers: byName(servers), toolsets: byName(toolsets), groups: byName(groups), agents: byName(agents),
    members: new Map(members.map((m) => [m.username, m.principalId])),
  };
}

/** The tool names a validated server offers, to check a toolset's `tools` before anything is applied. */
export async function toolNames(run: Run, serverId: string): Promise<Set<string>> {
  const tools = await everyPage(async (after) => (await run(ServerTools, { id: serverId, after })).mcpServer.tools);
  return new Set(tools.map((tool) => tool.name));
}
