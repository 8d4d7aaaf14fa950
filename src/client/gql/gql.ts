/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CliAgent on Agent { id name description allowList organization { name } toolset { name } credential { maskedToken status } }": typeof types.CliAgentFragmentDoc,
    "query CliAgents($after: String, $organizationId: ID) { agents(first: 100, after: $after, organizationId: $organizationId) { edges { node { ...CliAgent } } pageInfo { hasNextPage endCursor } } }": typeof types.CliAgentsDocument,
    "query CliAgentByName($name: String!, $organizationId: ID) { agent(name: $name, organizationId: $organizationId) { id } }": typeof types.CliAgentByNameDocument,
    "mutation CliCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...CliAgent } token } }": typeof types.CliCreateAgentDocument,
    "mutation CliIssueAgentToken($agentId: ID!) { issueAgentToken(input: { agentId: $agentId }) { agent { ...CliAgent } token } }": typeof types.CliIssueAgentTokenDocument,
    "subscription CliAuditTail($after: String, $filter: AuditEventFilter) {\n  auditEvents(after: $after, filter: $filter) { seq occurredAt type status serverName toolName durationMs actor { name } target { type name } correlationId }\n}": typeof types.CliAuditTailDocument,
    "query CliTailViewer { viewer { id } }": typeof types.CliTailViewerDocument,
    "query CliWhoAmI { viewer { kind username role organization { name } } }": typeof types.CliWhoAmIDocument,
    "mutation CliLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.CliLoginDocument,
    "fragment CliServer on McpServer { id name transport status toolCount url command killSwitch { active reason } organization { name } }": typeof types.CliServerFragmentDoc,
    "query CliServers($after: String, $filter: McpServerFilter) { mcpServers(first: 100, after: $after, filter: $filter) { edges { node { ...CliServer } } pageInfo { hasNextPage endCursor } } }": typeof types.CliServersDocument,
    "query CliServerByName($name: String!, $organizationId: ID) { mcpServer(name: $name, organizationId: $organizationId) { id name } }": typeof types.CliServerByNameDocument,
    "mutation CliCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...CliServer } } }": typeof types.CliCreateServerDocument,
    "mutation CliValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { name } server { ...CliServer } } }": typeof types.CliValidateServerDocument,
    "mutation CliPublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...CliServer } } }": typeof types.CliPublishServerDocument,
    "mutation CliArchiveServer($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...CliServer } } }": typeof types.CliArchiveServerDocument,
    "mutation CliKillServer($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...CliServer } } }": typeof types.CliKillServerDocument,
    "fragment CliTool on Tool { id name exposedName enabled description killSwitch { active reason } }": typeof types.CliToolFragmentDoc,
    "query CliServerTools($id: ID, $name: String, $after: String) { mcpServer(id: $id, name: $name) { tools(first: 100, after: $after) { edges { node { ...CliTool } } pageInfo { hasNextPage endCursor } } } }": typeof types.CliServerToolsDocument,
    "query CliAllServers($after: String) { mcpServers(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }": typeof types.CliAllServersDocument,
    "mutation CliKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { ...CliTool } } }": typeof types.CliKillToolDocument,
    "mutation DeclarativeCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }": typeof types.DeclarativeCreateOrganizationDocument,
    "mutation DeclarativeUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }": typeof types.DeclarativeUpdateOrganizationDocument,
    "mutation DeclarativeCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { id } } }": typeof types.DeclarativeCreateServerDocument,
    "mutation DeclarativeUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }": typeof types.DeclarativeUpdateServerDocument,
    "mutation DeclarativeValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }": typeof types.DeclarativeValidateServerDocument,
    "mutation DeclarativePublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }": typeof types.DeclarativePublishServerDocument,
    "mutation DeclarativeCreateToolset($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { id } } }": typeof types.DeclarativeCreateToolsetDocument,
    "mutation DeclarativeUpdateToolset($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { id } } }": typeof types.DeclarativeUpdateToolsetDocument,
    "mutation DeclarativeAddToolsetServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { tools } } }": typeof types.DeclarativeAddToolsetServerDocument,
    "mutation DeclarativeUpdateToolsetServer($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { tools } } }": typeof types.DeclarativeUpdateToolsetServerDocument,
    "mutation DeclarativeRemoveToolsetServer($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { id } } }": typeof types.DeclarativeRemoveToolsetServerDocument,
    "mutation DeclarativeCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }": typeof types.DeclarativeCreateGroupDocument,
    "mutation DeclarativeUpdateGroup($input: UpdateGroupInput!) { updateGroup(input: $input) { group { id } } }": typeof types.DeclarativeUpdateGroupDocument,
    "mutation DeclarativeGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { id } } }": typeof types.DeclarativeGroupMembersDocument,
    "mutation DeclarativeGroupServers($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { id } } }": typeof types.DeclarativeGroupServersDocument,
    "mutation DeclarativeCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { id } token } }": typeof types.DeclarativeCreateAgentDocument,
    "mutation DeclarativeUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }": typeof types.DeclarativeUpdateAgentDocument,
    "query DeclarativeOrganization($slug: String!) { organization(slug: $slug) { id slug name planTier publicMcpGuidesEnabled } }": typeof types.DeclarativeOrganizationDocument,
    "query DeclarativeServers($organizationId: ID!, $after: String) {\n  mcpServers(first: 100, after: $after, filter: { organizationId: $organizationId }) {\n    edges { node { id name transport command args url description displayName tags envNames headerNames status validatedAt } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.DeclarativeServersDocument,
    "query DeclarativeToolsets($organizationId: ID!, $after: String) {\n  toolsets(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description toolPrefix servers { server { id name } tools description } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.DeclarativeToolsetsDocument,
    "query DeclarativeGroups($organizationId: ID!, $after: String) {\n  groups(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description members { id username } servers { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.DeclarativeGroupsDocument,
    "query DeclarativeAgents($organizationId: ID!, $after: String) {\n  agents(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description allowList toolPrefix toolset { id name } credential { maskedToken } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": typeof types.DeclarativeAgentsDocument,
    "query DeclarativeMembers($id: ID!, $after: String) {\n  organization(id: $id) { members(first: 200, after: $after) { edges { node { principalId username } } pageInfo { hasNextPage endCursor } } }\n}": typeof types.DeclarativeMembersDocument,
    "query DeclarativeServerTools($id: ID!, $after: String) {\n  mcpServer(id: $id) { tools(first: 200, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }\n}": typeof types.DeclarativeServerToolsDocument,
};
const documents: Documents = {
    "fragment CliAgent on Agent { id name description allowList organization { name } toolset { name } credential { maskedToken status } }": types.CliAgentFragmentDoc,
    "query CliAgents($after: String, $organizationId: ID) { agents(first: 100, after: $after, organizationId: $organizationId) { edges { node { ...CliAgent } } pageInfo { hasNextPage endCursor } } }": types.CliAgentsDocument,
    "query CliAgentByName($name: String!, $organizationId: ID) { agent(name: $name, organizationId: $organizationId) { id } }": types.CliAgentByNameDocument,
    "mutation CliCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...CliAgent } token } }": types.CliCreateAgentDocument,
    "mutation CliIssueAgentToken($agentId: ID!) { issueAgentToken(input: { agentId: $agentId }) { agent { ...CliAgent } token } }": types.CliIssueAgentTokenDocument,
    "subscription CliAuditTail($after: String, $filter: AuditEventFilter) {\n  auditEvents(after: $after, filter: $filter) { seq occurredAt type status serverName toolName durationMs actor { name } target { type name } correlationId }\n}": types.CliAuditTailDocument,
    "query CliTailViewer { viewer { id } }": types.CliTailViewerDocument,
    "query CliWhoAmI { viewer { kind username role organization { name } } }": types.CliWhoAmIDocument,
    "mutation CliLogin($input: LoginInput!) { login(input: $input) { token } }": types.CliLoginDocument,
    "fragment CliServer on McpServer { id name transport status toolCount url command killSwitch { active reason } organization { name } }": types.CliServerFragmentDoc,
    "query CliServers($after: String, $filter: McpServerFilter) { mcpServers(first: 100, after: $after, filter: $filter) { edges { node { ...CliServer } } pageInfo { hasNextPage endCursor } } }": types.CliServersDocument,
    "query CliServerByName($name: String!, $organizationId: ID) { mcpServer(name: $name, organizationId: $organizationId) { id name } }": types.CliServerByNameDocument,
    "mutation CliCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...CliServer } } }": types.CliCreateServerDocument,
    "mutation CliValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { name } server { ...CliServer } } }": types.CliValidateServerDocument,
    "mutation CliPublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...CliServer } } }": types.CliPublishServerDocument,
    "mutation CliArchiveServer($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...CliServer } } }": types.CliArchiveServerDocument,
    "mutation CliKillServer($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...CliServer } } }": types.CliKillServerDocument,
    "fragment CliTool on Tool { id name exposedName enabled description killSwitch { active reason } }": types.CliToolFragmentDoc,
    "query CliServerTools($id: ID, $name: String, $after: String) { mcpServer(id: $id, name: $name) { tools(first: 100, after: $after) { edges { node { ...CliTool } } pageInfo { hasNextPage endCursor } } } }": types.CliServerToolsDocument,
    "query CliAllServers($after: String) { mcpServers(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }": types.CliAllServersDocument,
    "mutation CliKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { ...CliTool } } }": types.CliKillToolDocument,
    "mutation DeclarativeCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }": types.DeclarativeCreateOrganizationDocument,
    "mutation DeclarativeUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }": types.DeclarativeUpdateOrganizationDocument,
    "mutation DeclarativeCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { id } } }": types.DeclarativeCreateServerDocument,
    "mutation DeclarativeUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }": types.DeclarativeUpdateServerDocument,
    "mutation DeclarativeValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }": types.DeclarativeValidateServerDocument,
    "mutation DeclarativePublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }": types.DeclarativePublishServerDocument,
    "mutation DeclarativeCreateToolset($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { id } } }": types.DeclarativeCreateToolsetDocument,
    "mutation DeclarativeUpdateToolset($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { id } } }": types.DeclarativeUpdateToolsetDocument,
    "mutation DeclarativeAddToolsetServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { tools } } }": types.DeclarativeAddToolsetServerDocument,
    "mutation DeclarativeUpdateToolsetServer($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { tools } } }": types.DeclarativeUpdateToolsetServerDocument,
    "mutation DeclarativeRemoveToolsetServer($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { id } } }": types.DeclarativeRemoveToolsetServerDocument,
    "mutation DeclarativeCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }": types.DeclarativeCreateGroupDocument,
    "mutation DeclarativeUpdateGroup($input: UpdateGroupInput!) { updateGroup(input: $input) { group { id } } }": types.DeclarativeUpdateGroupDocument,
    "mutation DeclarativeGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { id } } }": types.DeclarativeGroupMembersDocument,
    "mutation DeclarativeGroupServers($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { id } } }": types.DeclarativeGroupServersDocument,
    "mutation DeclarativeCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { id } token } }": types.DeclarativeCreateAgentDocument,
    "mutation DeclarativeUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }": types.DeclarativeUpdateAgentDocument,
    "query DeclarativeOrganization($slug: String!) { organization(slug: $slug) { id slug name planTier publicMcpGuidesEnabled } }": types.DeclarativeOrganizationDocument,
    "query DeclarativeServers($organizationId: ID!, $after: String) {\n  mcpServers(first: 100, after: $after, filter: { organizationId: $organizationId }) {\n    edges { node { id name transport command args url description displayName tags envNames headerNames status validatedAt } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": types.DeclarativeServersDocument,
    "query DeclarativeToolsets($organizationId: ID!, $after: String) {\n  toolsets(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description toolPrefix servers { server { id name } tools description } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": types.DeclarativeToolsetsDocument,
    "query DeclarativeGroups($organizationId: ID!, $after: String) {\n  groups(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description members { id username } servers { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": types.DeclarativeGroupsDocument,
    "query DeclarativeAgents($organizationId: ID!, $after: String) {\n  agents(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description allowList toolPrefix toolset { id name } credential { maskedToken } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}": types.DeclarativeAgentsDocument,
    "query DeclarativeMembers($id: ID!, $after: String) {\n  organization(id: $id) { members(first: 200, after: $after) { edges { node { principalId username } } pageInfo { hasNextPage endCursor } } }\n}": types.DeclarativeMembersDocument,
    "query DeclarativeServerTools($id: ID!, $after: String) {\n  mcpServer(id: $id) { tools(first: 200, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }\n}": types.DeclarativeServerToolsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CliAgent on Agent { id name description allowList organization { name } toolset { name } credential { maskedToken status } }"): (typeof documents)["fragment CliAgent on Agent { id name description allowList organization { name } toolset { name } credential { maskedToken status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliAgents($after: String, $organizationId: ID) { agents(first: 100, after: $after, organizationId: $organizationId) { edges { node { ...CliAgent } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query CliAgents($after: String, $organizationId: ID) { agents(first: 100, after: $after, organizationId: $organizationId) { edges { node { ...CliAgent } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliAgentByName($name: String!, $organizationId: ID) { agent(name: $name, organizationId: $organizationId) { id } }"): (typeof documents)["query CliAgentByName($name: String!, $organizationId: ID) { agent(name: $name, organizationId: $organizationId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...CliAgent } token } }"): (typeof documents)["mutation CliCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...CliAgent } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliIssueAgentToken($agentId: ID!) { issueAgentToken(input: { agentId: $agentId }) { agent { ...CliAgent } token } }"): (typeof documents)["mutation CliIssueAgentToken($agentId: ID!) { issueAgentToken(input: { agentId: $agentId }) { agent { ...CliAgent } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription CliAuditTail($after: String, $filter: AuditEventFilter) {\n  auditEvents(after: $after, filter: $filter) { seq occurredAt type status serverName toolName durationMs actor { name } target { type name } correlationId }\n}"): (typeof documents)["subscription CliAuditTail($after: String, $filter: AuditEventFilter) {\n  auditEvents(after: $after, filter: $filter) { seq occurredAt type status serverName toolName durationMs actor { name } target { type name } correlationId }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliTailViewer { viewer { id } }"): (typeof documents)["query CliTailViewer { viewer { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliWhoAmI { viewer { kind username role organization { name } } }"): (typeof documents)["query CliWhoAmI { viewer { kind username role organization { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation CliLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CliServer on McpServer { id name transport status toolCount url command killSwitch { active reason } organization { name } }"): (typeof documents)["fragment CliServer on McpServer { id name transport status toolCount url command killSwitch { active reason } organization { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliServers($after: String, $filter: McpServerFilter) { mcpServers(first: 100, after: $after, filter: $filter) { edges { node { ...CliServer } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query CliServers($after: String, $filter: McpServerFilter) { mcpServers(first: 100, after: $after, filter: $filter) { edges { node { ...CliServer } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliServerByName($name: String!, $organizationId: ID) { mcpServer(name: $name, organizationId: $organizationId) { id name } }"): (typeof documents)["query CliServerByName($name: String!, $organizationId: ID) { mcpServer(name: $name, organizationId: $organizationId) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...CliServer } } }"): (typeof documents)["mutation CliCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...CliServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { name } server { ...CliServer } } }"): (typeof documents)["mutation CliValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { name } server { ...CliServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliPublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...CliServer } } }"): (typeof documents)["mutation CliPublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...CliServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliArchiveServer($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...CliServer } } }"): (typeof documents)["mutation CliArchiveServer($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...CliServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliKillServer($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...CliServer } } }"): (typeof documents)["mutation CliKillServer($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...CliServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CliTool on Tool { id name exposedName enabled description killSwitch { active reason } }"): (typeof documents)["fragment CliTool on Tool { id name exposedName enabled description killSwitch { active reason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliServerTools($id: ID, $name: String, $after: String) { mcpServer(id: $id, name: $name) { tools(first: 100, after: $after) { edges { node { ...CliTool } } pageInfo { hasNextPage endCursor } } } }"): (typeof documents)["query CliServerTools($id: ID, $name: String, $after: String) { mcpServer(id: $id, name: $name) { tools(first: 100, after: $after) { edges { node { ...CliTool } } pageInfo { hasNextPage endCursor } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliAllServers($after: String) { mcpServers(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query CliAllServers($after: String) { mcpServers(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { ...CliTool } } }"): (typeof documents)["mutation CliKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { ...CliTool } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }"): (typeof documents)["mutation DeclarativeCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }"): (typeof documents)["mutation DeclarativeUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { id } } }"): (typeof documents)["mutation DeclarativeCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }"): (typeof documents)["mutation DeclarativeUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }"): (typeof documents)["mutation DeclarativeValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativePublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }"): (typeof documents)["mutation DeclarativePublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeCreateToolset($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { id } } }"): (typeof documents)["mutation DeclarativeCreateToolset($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeUpdateToolset($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { id } } }"): (typeof documents)["mutation DeclarativeUpdateToolset($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeAddToolsetServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { tools } } }"): (typeof documents)["mutation DeclarativeAddToolsetServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { tools } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeUpdateToolsetServer($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { tools } } }"): (typeof documents)["mutation DeclarativeUpdateToolsetServer($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { tools } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeRemoveToolsetServer($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { id } } }"): (typeof documents)["mutation DeclarativeRemoveToolsetServer($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }"): (typeof documents)["mutation DeclarativeCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeUpdateGroup($input: UpdateGroupInput!) { updateGroup(input: $input) { group { id } } }"): (typeof documents)["mutation DeclarativeUpdateGroup($input: UpdateGroupInput!) { updateGroup(input: $input) { group { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { id } } }"): (typeof documents)["mutation DeclarativeGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeGroupServers($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { id } } }"): (typeof documents)["mutation DeclarativeGroupServers($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { id } token } }"): (typeof documents)["mutation DeclarativeCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { id } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclarativeUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }"): (typeof documents)["mutation DeclarativeUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeOrganization($slug: String!) { organization(slug: $slug) { id slug name planTier publicMcpGuidesEnabled } }"): (typeof documents)["query DeclarativeOrganization($slug: String!) { organization(slug: $slug) { id slug name planTier publicMcpGuidesEnabled } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeServers($organizationId: ID!, $after: String) {\n  mcpServers(first: 100, after: $after, filter: { organizationId: $organizationId }) {\n    edges { node { id name transport command args url description displayName tags envNames headerNames status validatedAt } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"): (typeof documents)["query DeclarativeServers($organizationId: ID!, $after: String) {\n  mcpServers(first: 100, after: $after, filter: { organizationId: $organizationId }) {\n    edges { node { id name transport command args url description displayName tags envNames headerNames status validatedAt } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeToolsets($organizationId: ID!, $after: String) {\n  toolsets(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description toolPrefix servers { server { id name } tools description } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"): (typeof documents)["query DeclarativeToolsets($organizationId: ID!, $after: String) {\n  toolsets(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description toolPrefix servers { server { id name } tools description } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeGroups($organizationId: ID!, $after: String) {\n  groups(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description members { id username } servers { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"): (typeof documents)["query DeclarativeGroups($organizationId: ID!, $after: String) {\n  groups(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description members { id username } servers { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeAgents($organizationId: ID!, $after: String) {\n  agents(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description allowList toolPrefix toolset { id name } credential { maskedToken } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"): (typeof documents)["query DeclarativeAgents($organizationId: ID!, $after: String) {\n  agents(first: 100, after: $after, organizationId: $organizationId) {\n    edges { node { id name description allowList toolPrefix toolset { id name } credential { maskedToken } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeMembers($id: ID!, $after: String) {\n  organization(id: $id) { members(first: 200, after: $after) { edges { node { principalId username } } pageInfo { hasNextPage endCursor } } }\n}"): (typeof documents)["query DeclarativeMembers($id: ID!, $after: String) {\n  organization(id: $id) { members(first: 200, after: $after) { edges { node { principalId username } } pageInfo { hasNextPage endCursor } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeclarativeServerTools($id: ID!, $after: String) {\n  mcpServer(id: $id) { tools(first: 200, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }\n}"): (typeof documents)["query DeclarativeServerTools($id: ID!, $after: String) {\n  mcpServer(id: $id) { tools(first: 200, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;