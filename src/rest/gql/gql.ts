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
    "fragment AmbassadorMcp on McpServer {\n  id name displayName description transport command args url envSchema { name description required secret scope } isolation tags status\n  killSwitch { active reason } createdAt\n}": typeof types.AmbassadorMcpFragmentDoc,
    "query AmbassadorMcps($after: String) { mcpServers(first: 50, after: $after) { edges { node { ...AmbassadorMcp } } pageInfo { hasNextPage endCursor } } }": typeof types.AmbassadorMcpsDocument,
    "mutation AmbassadorCreateMcp($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...AmbassadorMcp } } }": typeof types.AmbassadorCreateMcpDocument,
    "mutation AmbassadorValidateMcp($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { name } tools { name } } }": typeof types.AmbassadorValidateMcpDocument,
    "mutation AmbassadorPublishMcp($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }": typeof types.AmbassadorPublishMcpDocument,
    "mutation AmbassadorArchiveMcp($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }": typeof types.AmbassadorArchiveMcpDocument,
    "mutation AmbassadorKillMcp($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...AmbassadorMcp } } }": typeof types.AmbassadorKillMcpDocument,
    "query AmbassadorTool($serverId: ID!, $name: String!) { tool(serverId: $serverId, name: $name) { id } }": typeof types.AmbassadorToolDocument,
    "mutation AmbassadorKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { name killSwitch { active reason } } } }": typeof types.AmbassadorKillToolDocument,
    "fragment AmbassadorGroup on Group { id name description createdAt }": typeof types.AmbassadorGroupFragmentDoc,
    "fragment AmbassadorGroupDetail on Group { ...AmbassadorGroup members { id username } servers { id name } }": typeof types.AmbassadorGroupDetailFragmentDoc,
    "query AmbassadorGroups($after: String) { groups(first: 200, after: $after) { edges { node { ...AmbassadorGroup } } pageInfo { hasNextPage endCursor } } }": typeof types.AmbassadorGroupsDocument,
    "query AmbassadorGroupById($id: ID!) { group(id: $id) { ...AmbassadorGroupDetail } }": typeof types.AmbassadorGroupByIdDocument,
    "mutation AmbassadorCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { ...AmbassadorGroupDetail } } }": typeof types.AmbassadorCreateGroupDocument,
    "mutation AmbassadorGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { ...AmbassadorGroupDetail } } }": typeof types.AmbassadorGroupMembersDocument,
    "mutation AmbassadorGroupMcps($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { ...AmbassadorGroupDetail } } }": typeof types.AmbassadorGroupMcpsDocument,
    "mutation AmbassadorLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.AmbassadorLoginDocument,
    "query AmbassadorAudit($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) {\n    total limit offset events { id type occurredAt correlationId actor { name } clientLabel serverName toolName status durationMs }\n  }\n}": typeof types.AmbassadorAuditDocument,
    "fragment AmbassadorUser on User { id username email displayName role active createdAt lastLoginAt }": typeof types.AmbassadorUserFragmentDoc,
    "query AmbassadorUsers($after: String) { users(first: 200, after: $after) { edges { node { ...AmbassadorUser } } pageInfo { hasNextPage endCursor } } }": typeof types.AmbassadorUsersDocument,
    "query AmbassadorUserDetail($id: ID!) {\n  user(id: $id) { ...AmbassadorUser groups { id name } }\n  credentials(filter: { userId: $id, kind: API_TOKEN }) { totalCount }\n}": typeof types.AmbassadorUserDetailDocument,
    "mutation AmbassadorCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...AmbassadorUser } } }": typeof types.AmbassadorCreateUserDocument,
    "mutation AmbassadorUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...AmbassadorUser } } }": typeof types.AmbassadorUpdateUserDocument,
    "mutation AmbassadorResetPassword($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } } }": typeof types.AmbassadorResetPasswordDocument,
    "mutation AmbassadorCreateKey($input: CreatePresharedKeyInput!) { createPresharedKey(input: $input) { key presharedKey { id label } } }": typeof types.AmbassadorCreateKeyDocument,
    "query AmbassadorKeys($userId: ID!) { presharedKeys(userId: $userId) { id label maskedKey used usedAt lastUsedAt revokedAt createdAt } }": typeof types.AmbassadorKeysDocument,
    "mutation AmbassadorRevokeKey($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }": typeof types.AmbassadorRevokeKeyDocument,
    "fragment TrafficToken on Agent { id name allowList createdAt updatedAt organization { id } credentials { maskedToken environment status lastUsedAt revokedAt } }": typeof types.TrafficTokenFragmentDoc,
    "query TrafficTokens($org: ID!) { agents(organizationId: $org, first: 100) { edges { node { ...TrafficToken } } pageInfo { hasNextPage } } }": typeof types.TrafficTokensDocument,
    "query TrafficToken($id: ID!) { agent(id: $id) { ...TrafficToken credential { id } } }": typeof types.TrafficTokenDocument,
    "mutation TrafficCreateToken($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...TrafficToken } token } }": typeof types.TrafficCreateTokenDocument,
    "mutation TrafficUpdateToken($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...TrafficToken } } }": typeof types.TrafficUpdateTokenDocument,
    "mutation TrafficRevokeToken($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }": typeof types.TrafficRevokeTokenDocument,
    "fragment EnkryptConfig on Toolset { id name description serverCount projects { id name } }": typeof types.EnkryptConfigFragmentDoc,
    "fragment EnkryptConfigServer on ToolsetServer { server { id name description transport command args url } tools description inputGuardrails outputGuardrails }": typeof types.EnkryptConfigServerFragmentDoc,
    "query EnkryptConfigs($after: String, $search: String) { toolsets(first: 100, after: $after, search: $search) { edges { node { ...EnkryptConfig } } pageInfo { hasNextPage endCursor } } }": typeof types.EnkryptConfigsDocument,
    "query EnkryptConfig($id: ID, $name: String) { toolset(id: $id, name: $name) { ...EnkryptConfig servers { ...EnkryptConfigServer } } }": typeof types.EnkryptConfigDocument,
    "mutation EnkryptCreateConfig($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { ...EnkryptConfig } } }": typeof types.EnkryptCreateConfigDocument,
    "mutation EnkryptRenameConfig($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { ...EnkryptConfig } } }": typeof types.EnkryptRenameConfigDocument,
    "mutation EnkryptDeleteConfig($id: ID!) { deleteToolset(input: { id: $id }) { deletedToolsetId } }": typeof types.EnkryptDeleteConfigDocument,
    "mutation EnkryptCopyConfig($input: CopyToolsetInput!) { copyToolset(input: $input) { toolset { ...EnkryptConfig } } }": typeof types.EnkryptCopyConfigDocument,
    "mutation EnkryptAddServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }": typeof types.EnkryptAddServerDocument,
    "mutation EnkryptUpdateEntry($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }": typeof types.EnkryptUpdateEntryDocument,
    "mutation EnkryptUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }": typeof types.EnkryptUpdateServerDocument,
    "mutation EnkryptRemoveServers($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { ...EnkryptConfig } } }": typeof types.EnkryptRemoveServersDocument,
    "mutation EnkryptValidateConfig($id: ID!) { validateToolset(input: { id: $id }) { ok results { ok error server { name } } } }": typeof types.EnkryptValidateConfigDocument,
    "mutation EnkryptExportConfig($id: ID!) { exportToolset(input: { id: $id }) { document } }": typeof types.EnkryptExportConfigDocument,
    "mutation EnkryptImportConfig($input: ImportToolsetInput!) { importToolset(input: $input) { toolset { ...EnkryptConfig } createdServers { name } reusedServers { name } secretsToFill { serverName env headers urlCredentials } } }": typeof types.EnkryptImportConfigDocument,
    "fragment EnkryptProject on Project { id name description createdAt toolset { id name } members { id email username } }": typeof types.EnkryptProjectFragmentDoc,
    "query EnkryptProjects($after: String, $search: String) { projects(first: 100, after: $after, search: $search) { edges { node { ...EnkryptProject } } pageInfo { hasNextPage endCursor } } }": typeof types.EnkryptProjectsDocument,
    "query EnkryptProject($id: ID, $name: String) { project(id: $id, name: $name) { ...EnkryptProject } }": typeof types.EnkryptProjectDocument,
    "query EnkryptProjectConfig($id: ID!) { project(id: $id) { toolset { id name serverCount servers { server { name } tools } } } }": typeof types.EnkryptProjectConfigDocument,
    "mutation EnkryptCreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { ...EnkryptProject } } }": typeof types.EnkryptCreateProjectDocument,
    "mutation EnkryptDeleteProject($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }": typeof types.EnkryptDeleteProjectDocument,
    "mutation EnkryptAssignConfig($input: AssignProjectToolsetInput!) { assignProjectToolset(input: $input) { project { ...EnkryptProject } } }": typeof types.EnkryptAssignConfigDocument,
    "mutation EnkryptUnassignConfig($id: ID!) { unassignProjectToolset(input: { projectId: $id }) { project { ...EnkryptProject } } }": typeof types.EnkryptUnassignConfigDocument,
    "mutation EnkryptAddMembers($input: AddProjectMembersInput!) { addProjectMembers(input: $input) { project { ...EnkryptProject } } }": typeof types.EnkryptAddMembersDocument,
    "mutation EnkryptRemoveMembers($input: RemoveProjectMembersInput!) { removeProjectMembers(input: $input) { project { ...EnkryptProject } } }": typeof types.EnkryptRemoveMembersDocument,
    "mutation EnkryptExportProject($id: ID!) { exportProject(input: { id: $id }) { document } }": typeof types.EnkryptExportProjectDocument,
    "query EnkryptProjectUser($id: ID, $email: String) { user(id: $id, email: $email) { id } }": typeof types.EnkryptProjectUserDocument,
    "fragment EnkryptTelemetry on TelemetrySettings { enabled url insecure endpoint }": typeof types.EnkryptTelemetryFragmentDoc,
    "query EnkryptTelemetry { telemetrySettings { ...EnkryptTelemetry } }": typeof types.EnkryptTelemetryDocument,
    "mutation EnkryptConfigureTelemetry($input: ConfigureTelemetryInput!) { configureTelemetry(input: $input) { settings { ...EnkryptTelemetry } } }": typeof types.EnkryptConfigureTelemetryDocument,
    "mutation EnkryptBackupSystem { backupSystem { document } }": typeof types.EnkryptBackupSystemDocument,
    "mutation EnkryptRestoreSystem($document: JSON!) { restoreSystem(input: { document: $document }) { counts { table rows } } }": typeof types.EnkryptRestoreSystemDocument,
    "mutation EnkryptResetSystem($confirm: Boolean!) { resetSystem(input: { confirm: $confirm }) { counts { table rows } } }": typeof types.EnkryptResetSystemDocument,
    "fragment EnkryptUser on User { id email username createdAt active }": typeof types.EnkryptUserFragmentDoc,
    "fragment EnkryptKey on Credential { id name maskedToken status createdAt lastUsedAt expiresAt user { id } project { id name } }": typeof types.EnkryptKeyFragmentDoc,
    "query EnkryptUsers($after: String, $search: String) { users(first: 200, after: $after, filter: { search: $search }) { edges { node { ...EnkryptUser } } pageInfo { hasNextPage endCursor } } }": typeof types.EnkryptUsersDocument,
    "query EnkryptUser($id: ID!) { user(id: $id) { ...EnkryptUser projects { ...EnkryptProject } } }": typeof types.EnkryptUserDocument,
    "mutation EnkryptCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...EnkryptUser } } }": typeof types.EnkryptCreateUserDocument,
    "mutation EnkryptUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...EnkryptUser } } }": typeof types.EnkryptUpdateUserDocument,
    "mutation EnkryptDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }": typeof types.EnkryptDeleteUserDocument,
    "query EnkryptKeys($after: String, $filter: CredentialFilter) { credentials(first: 200, after: $after, filter: $filter) { edges { node { ...EnkryptKey } } pageInfo { hasNextPage endCursor } } }": typeof types.EnkryptKeysDocument,
    "query EnkryptKeyByValue($token: String!) { credentialByToken(token: $token) { ...EnkryptKey } }": typeof types.EnkryptKeyByValueDocument,
    "mutation EnkryptCreateKey($input: CreateProjectApiKeyInput!) { createProjectApiKey(input: $input) { token credential { ...EnkryptKey } } }": typeof types.EnkryptCreateKeyDocument,
    "mutation EnkryptRevokeAll($input: RevokeUserApiKeysInput!) { revokeUserApiKeys(input: $input) { revokedCount } }": typeof types.EnkryptRevokeAllDocument,
    "mutation EnkryptRotateKey($id: ID!) { rotateCredential(input: { id: $id }) { token credential { ...EnkryptKey } } }": typeof types.EnkryptRotateKeyDocument,
    "mutation EnkryptDisableKey($id: ID!) { disableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }": typeof types.EnkryptDisableKeyDocument,
    "mutation EnkryptEnableKey($id: ID!) { enableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }": typeof types.EnkryptEnableKeyDocument,
    "mutation EnkryptRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { ...EnkryptKey } } }": typeof types.EnkryptRevokeKeyDocument,
    "fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }": typeof types.JungleClientFragmentDoc,
    "query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }": typeof types.JungleClientsDocument,
    "query JungleClientByName($name: String!) { agent(name: $name) { id } }": typeof types.JungleClientByNameDocument,
    "mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }": typeof types.JungleCreateClientDocument,
    "mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }": typeof types.JungleUpdateClientDocument,
    "mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }": typeof types.JungleDeleteClientDocument,
    "query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }": typeof types.JungleUsersDocument,
    "query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status project { id } } } } } }": typeof types.JungleUserByNameDocument,
    "mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }": typeof types.JungleRotateTokenDocument,
    "mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": typeof types.JungleIssueTokenDocument,
    "mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }": typeof types.JungleCreateUserDocument,
    "mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }": typeof types.JungleUpdateUserDocument,
    "mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }": typeof types.JungleDeleteUserDocument,
    "query JungleWhoAmI { viewer { username role } }": typeof types.JungleWhoAmIDocument,
    "fragment StackInvitation on Invitation {\n  id email role status createdAt expiresAt lastSentAt acceptedAt acceptedByUserId revokedAt revokedReason lastSendError organization { id name }\n}": typeof types.StackInvitationFragmentDoc,
    "query StackInvitations($id: ID!, $after: String) { organization(id: $id) { invitations(first: 200, after: $after, includeClosed: true) { edges { node { ...StackInvitation } } pageInfo { hasNextPage endCursor } } } }": typeof types.StackInvitationsDocument,
    "mutation StackInvite($input: CreateInvitationInput!) { createInvitation(input: $input) { invitation { ...StackInvitation } inviteUrl } }": typeof types.StackInviteDocument,
    "mutation StackResend($id: ID!) { resendInvitation(input: { id: $id }) { invitation { ...StackInvitation } inviteUrl } }": typeof types.StackResendDocument,
    "query StackInvitationOrg($id: ID!) { node(id: $id) { ... on Invitation { organization { id } } } }": typeof types.StackInvitationOrgDocument,
    "mutation StackRevokeInvitation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { ...StackInvitation } } }": typeof types.StackRevokeInvitationDocument,
    "query StackKeys($org: ID!, $after: String) { serviceAccounts(organizationId: $org, first: 100, after: $after) { edges { node { name role keys { id clientId maskedToken status createdAt expiresAt lastUsedAt } } } pageInfo { hasNextPage endCursor } } }": typeof types.StackKeysDocument,
    "query StackKeyRoles($org: ID!) { organization(id: $org) { id } keyRoles { key name } }": typeof types.StackKeyRolesDocument,
    "mutation StackCreateKey($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { key credential { id clientId createdAt expiresAt } serviceAccount { name role } } }": typeof types.StackCreateKeyDocument,
    "query StackKeyOwner($id: ID!) { credential(id: $id) { id kind organization { id } } }": typeof types.StackKeyOwnerDocument,
    "mutation StackRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }": typeof types.StackRevokeKeyDocument,
    "query StackCheck($org: ID!, $actions: [String!]!) { authorizationCheck(organizationId: $org, actions: $actions) { action allowed } }": typeof types.StackCheckDocument,
    "query StackCheckEntities($org: ID!, $checks: [EntityCheckInput!]!) { authorizationCheckEntities(organizationId: $org, checks: $checks) { action resourceId allowed } }": typeof types.StackCheckEntitiesDocument,
    "fragment StackAgent on Agent { id name description allowList createdAt updatedAt organization { id } }": typeof types.StackAgentFragmentDoc,
    "query StackAgents($org: ID!, $after: String) { agents(organizationId: $org, first: 100, after: $after) { edges { node { ...StackAgent } } pageInfo { hasNextPage endCursor } } }": typeof types.StackAgentsDocument,
    "query StackAgent($id: ID!) { agent(id: $id) { ...StackAgent } }": typeof types.StackAgentDocument,
    "query StackServerNames($org: ID!, $after: String) { mcpServers(filter: { organizationId: $org }, first: 200, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }": typeof types.StackServerNamesDocument,
    "mutation StackCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...StackAgent } token } }": typeof types.StackCreateAgentDocument,
    "mutation StackUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...StackAgent } } }": typeof types.StackUpdateAgentDocument,
    "mutation StackDeleteAgent($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }": typeof types.StackDeleteAgentDocument,
    "fragment StackDeploymentConfig on DeploymentConfig { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs effectiveIdleStopSeconds envNames }": typeof types.StackDeploymentConfigFragmentDoc,
    "fragment StackDeployment on Deployment { id environment status createdAt updatedAt config { ...StackDeploymentConfig }\n  instances { status message at instanceId userId } }": typeof types.StackDeploymentFragmentDoc,
    "query StackCurrentDeployment($id: ID!) { mcpServer(id: $id) { id organization { id } status\n  instances { status message at instanceId } currentDeployment { ...StackDeployment } } }": typeof types.StackCurrentDeploymentDocument,
    "query StackDeployments($id: ID!) { mcpServer(id: $id) { id organization { id } deploymentHistory { ...StackDeployment } } }": typeof types.StackDeploymentsDocument,
    "query StackDeploymentById($id: ID!) { deployment(id: $id) { ...StackDeployment server { id organization { id } } changes(last: 200) { status message at instanceId userId } } }": typeof types.StackDeploymentByIdDocument,
    "query StackDeploymentConfig($id: ID!, $environment: String) { mcpServer(id: $id) { id organization { id } deploymentConfig(environment: $environment) { ...StackDeploymentConfig } } }": typeof types.StackDeploymentConfigDocument,
    "query StackDeploymentServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }": typeof types.StackDeploymentServerDocument,
    "mutation StackUpdateDeploymentConfig($input: UpdateDeploymentConfigInput!) { updateDeploymentConfig(input: $input) { config { ...StackDeploymentConfig } } }": typeof types.StackUpdateDeploymentConfigDocument,
    "query StackSmokeServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }": typeof types.StackSmokeServerDocument,
    "mutation StackSmokeList($input: SmokeListMcpToolsInput!) {\n  smokeListMcpTools(input: $input) { ok error durationMs tools { name title description inputSchema annotations } }\n}": typeof types.StackSmokeListDocument,
    "mutation StackSmokeCall($input: SmokeCallMcpToolInput!) {\n  smokeCallMcpTool(input: $input) { tool ok error result isError durationMs }\n}": typeof types.StackSmokeCallDocument,
    "mutation StackHostingChecks($input: CheckMcpServerHostingInput!) {\n  checkMcpServerHosting(input: $input) { environment ok checks { name status durationMs message } }\n}": typeof types.StackHostingChecksDocument,
    "query StackRuntimeLogs($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } runtimeLogs(last: $last) { edges { node { at line instanceId userId } } } }\n}": typeof types.StackRuntimeLogsDocument,
    "query StackOperations($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } operations(last: $last) { edges { node { id kind status environment requestedBy createdAt finishedAt durationMs error details } } } }\n}": typeof types.StackOperationsDocument,
    "query StackOperation($id: ID!) {\n  deploymentOperation(id: $id) { id kind status environment requestedBy createdAt finishedAt durationMs error details server { id organization { id } } }\n}": typeof types.StackOperationDocument,
    "query StackStats($id: ID!) { organization(id: $id) { id mcpServerCount memberCount } }": typeof types.StackStatsDocument,
    "query StackMe { viewer { id kind username role organization { id slug } organizationRole memberships { organization { id slug name } role } } }": typeof types.StackMeDocument,
    "query StackOpenApiSpec($id: ID!) { mcpServer(id: $id) { id organization { id } openApi {\n  endpoints { toolKey method path enabled tool { id name } }\n  auth { type in name username tokenUrl scopes hasSecret }\n} } }": typeof types.StackOpenApiSpecDocument,
    "mutation StackReplaceOpenApiSpec($input: ReplaceOpenApiSpecInput!) { replaceOpenApiSpec(input: $input) { server { ...StackServer } } }": typeof types.StackReplaceOpenApiSpecDocument,
    "mutation StackRefreshOpenApiSpec($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { ...StackServer } } }": typeof types.StackRefreshOpenApiSpecDocument,
    "mutation StackSetOpenApiEndpoints($input: SetOpenApiEndpointsInput!) { setOpenApiEndpoints(input: $input) { server { id } } }": typeof types.StackSetOpenApiEndpointsDocument,
    "mutation StackSetOpenApiAuth($input: SetOpenApiAuthInput!) { setOpenApiAuth(input: $input) { server { id } } }": typeof types.StackSetOpenApiAuthDocument,
    "mutation StackDiscoverOpenApiAuth($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery {\n  required schemes { name type in paramName scheme tokenUrl scopes operations } probe { method url status authenticate error }\n} } }": typeof types.StackDiscoverOpenApiAuthDocument,
    "fragment StackOrganization on Organization { id slug name planTier mcpServerCount memberCount createdAt publicMcpGuidesEnabled }": typeof types.StackOrganizationFragmentDoc,
    "fragment StackMember on OrganizationMember { principalId username displayName email role joinedAt }": typeof types.StackMemberFragmentDoc,
    "query StackOrganizations($after: String) { organizations(first: 100, after: $after) { edges { node { ...StackOrganization } } pageInfo { hasNextPage endCursor } } }": typeof types.StackOrganizationsDocument,
    "query StackOrganization($id: ID!) { organization(id: $id) { ...StackOrganization } }": typeof types.StackOrganizationDocument,
    "mutation StackCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { ...StackOrganization } } }": typeof types.StackCreateOrganizationDocument,
    "mutation StackUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { ...StackOrganization } } }": typeof types.StackUpdateOrganizationDocument,
    "mutation StackDeleteOrganization($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }": typeof types.StackDeleteOrganizationDocument,
    "query StackMembers($id: ID!, $after: String) { organization(id: $id) { members(first: 200, after: $after) { edges { node { ...StackMember } } pageInfo { hasNextPage endCursor } } } }": typeof types.StackMembersDocument,
    "mutation StackChangeRole($input: OrganizationMemberInput!) { updateMemberRole(input: $input) { member { ...StackMember } } }": typeof types.StackChangeRoleDocument,
    "mutation StackRemoveMember($input: RemoveMemberInput!) { removeMember(input: $input) { removedUserId } }": typeof types.StackRemoveMemberDocument,
    "query StackAuthConfig($id: ID!) { mcpServer(id: $id) { id name transport organization { id } headerNames envNames urlHasCredentials } }": typeof types.StackAuthConfigDocument,
    "mutation StackSetAuth($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id headerNames envNames urlHasCredentials } } }": typeof types.StackSetAuthDocument,
    "query StackLogs($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) { total limit offset events { id occurredAt correlationId toolName status durationMs clientLabel actor { name } } }\n}": typeof types.StackLogsDocument,
    "fragment StackServer on McpServer { id name displayName description status transport toolCount totalInvocations createdAt organization { id } openApi { source url fileName updatedAt } }": typeof types.StackServerFragmentDoc,
    "fragment StackTool on Tool { id name displayName description descriptionOverride enabled instructions whenToUse whenNotToUse toolKey toolNamingVersion httpMethod httpPath }": typeof types.StackToolFragmentDoc,
    "query StackServers($org: ID!, $after: String) { mcpServers(first: 50, after: $after, filter: { organizationId: $org }) { edges { node { ...StackServer } } pageInfo { hasNextPage endCursor } } }": typeof types.StackServersDocument,
    "query StackServer($id: ID!) { mcpServer(id: $id) { ...StackServer tools(first: 200) { edges { node { ...StackTool } } } } }": typeof types.StackServerDocument,
    "query StackServerConfig($id: ID!) { mcpServer(id: $id) { id organization { id } transport command args url envNames headerNames isolation envSchema { name required secret scope } } }": typeof types.StackServerConfigDocument,
    "mutation StackCreateOpenApiServer($input: CreateOpenApiServerInput!) { createOpenApiServer(input: $input) { server { ...StackServer } } }": typeof types.StackCreateOpenApiServerDocument,
    "mutation StackCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...StackServer } } }": typeof types.StackCreateServerDocument,
    "mutation StackUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { ...StackServer } } }": typeof types.StackUpdateServerDocument,
    "mutation StackDeleteServer($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }": typeof types.StackDeleteServerDocument,
    "mutation StackDiscover($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { ...StackTool } } }": typeof types.StackDiscoverDocument,
    "mutation StackUpdateTool($input: UpdateToolInput!) { updateTool(input: $input) { tool { ...StackTool server { id } } } }": typeof types.StackUpdateToolDocument,
    "mutation StackUpdateTools($input: UpdateToolsInput!) { updateTools(input: $input) { tools { ...StackTool } } }": typeof types.StackUpdateToolsDocument,
    "fragment StackFigures on UsageFigures { calls errors errorRate avgMs p50Ms p95Ms }": typeof types.StackFiguresFragmentDoc,
    "fragment StackUsage on Usage { from to granularity resolution totals { ...StackFigures } series { start calls errors errorRate avgMs p50Ms p95Ms } }": typeof types.StackUsageFragmentDoc,
    "query StackServerUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  mcpServer(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}": typeof types.StackServerUsageDocument,
    "query StackAgentUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  agent(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}": typeof types.StackAgentUsageDocument,
    "query StackOrganizationUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  organization(id: $id) {\n    id usage(from: $from, to: $to, granularity: $g) { ...StackUsage }\n    usageByServer(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n    usageByAgent(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n  }\n}": typeof types.StackOrganizationUsageDocument,
    "query StackMemberships { viewer { memberships { organization { id } } } }": typeof types.StackMembershipsDocument,
};
const documents: Documents = {
    "fragment AmbassadorMcp on McpServer {\n  id name displayName description transport command args url envSchema { name description required secret scope } isolation tags status\n  killSwitch { active reason } createdAt\n}": types.AmbassadorMcpFragmentDoc,
    "query AmbassadorMcps($after: String) { mcpServers(first: 50, after: $after) { edges { node { ...AmbassadorMcp } } pageInfo { hasNextPage endCursor } } }": types.AmbassadorMcpsDocument,
    "mutation AmbassadorCreateMcp($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...AmbassadorMcp } } }": types.AmbassadorCreateMcpDocument,
    "mutation AmbassadorValidateMcp($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { name } tools { name } } }": types.AmbassadorValidateMcpDocument,
    "mutation AmbassadorPublishMcp($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }": types.AmbassadorPublishMcpDocument,
    "mutation AmbassadorArchiveMcp($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }": types.AmbassadorArchiveMcpDocument,
    "mutation AmbassadorKillMcp($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...AmbassadorMcp } } }": types.AmbassadorKillMcpDocument,
    "query AmbassadorTool($serverId: ID!, $name: String!) { tool(serverId: $serverId, name: $name) { id } }": types.AmbassadorToolDocument,
    "mutation AmbassadorKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { name killSwitch { active reason } } } }": types.AmbassadorKillToolDocument,
    "fragment AmbassadorGroup on Group { id name description createdAt }": types.AmbassadorGroupFragmentDoc,
    "fragment AmbassadorGroupDetail on Group { ...AmbassadorGroup members { id username } servers { id name } }": types.AmbassadorGroupDetailFragmentDoc,
    "query AmbassadorGroups($after: String) { groups(first: 200, after: $after) { edges { node { ...AmbassadorGroup } } pageInfo { hasNextPage endCursor } } }": types.AmbassadorGroupsDocument,
    "query AmbassadorGroupById($id: ID!) { group(id: $id) { ...AmbassadorGroupDetail } }": types.AmbassadorGroupByIdDocument,
    "mutation AmbassadorCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { ...AmbassadorGroupDetail } } }": types.AmbassadorCreateGroupDocument,
    "mutation AmbassadorGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { ...AmbassadorGroupDetail } } }": types.AmbassadorGroupMembersDocument,
    "mutation AmbassadorGroupMcps($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { ...AmbassadorGroupDetail } } }": types.AmbassadorGroupMcpsDocument,
    "mutation AmbassadorLogin($input: LoginInput!) { login(input: $input) { token } }": types.AmbassadorLoginDocument,
    "query AmbassadorAudit($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) {\n    total limit offset events { id type occurredAt correlationId actor { name } clientLabel serverName toolName status durationMs }\n  }\n}": types.AmbassadorAuditDocument,
    "fragment AmbassadorUser on User { id username email displayName role active createdAt lastLoginAt }": types.AmbassadorUserFragmentDoc,
    "query AmbassadorUsers($after: String) { users(first: 200, after: $after) { edges { node { ...AmbassadorUser } } pageInfo { hasNextPage endCursor } } }": types.AmbassadorUsersDocument,
    "query AmbassadorUserDetail($id: ID!) {\n  user(id: $id) { ...AmbassadorUser groups { id name } }\n  credentials(filter: { userId: $id, kind: API_TOKEN }) { totalCount }\n}": types.AmbassadorUserDetailDocument,
    "mutation AmbassadorCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...AmbassadorUser } } }": types.AmbassadorCreateUserDocument,
    "mutation AmbassadorUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...AmbassadorUser } } }": types.AmbassadorUpdateUserDocument,
    "mutation AmbassadorResetPassword($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } } }": types.AmbassadorResetPasswordDocument,
    "mutation AmbassadorCreateKey($input: CreatePresharedKeyInput!) { createPresharedKey(input: $input) { key presharedKey { id label } } }": types.AmbassadorCreateKeyDocument,
    "query AmbassadorKeys($userId: ID!) { presharedKeys(userId: $userId) { id label maskedKey used usedAt lastUsedAt revokedAt createdAt } }": types.AmbassadorKeysDocument,
    "mutation AmbassadorRevokeKey($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }": types.AmbassadorRevokeKeyDocument,
    "fragment TrafficToken on Agent { id name allowList createdAt updatedAt organization { id } credentials { maskedToken environment status lastUsedAt revokedAt } }": types.TrafficTokenFragmentDoc,
    "query TrafficTokens($org: ID!) { agents(organizationId: $org, first: 100) { edges { node { ...TrafficToken } } pageInfo { hasNextPage } } }": types.TrafficTokensDocument,
    "query TrafficToken($id: ID!) { agent(id: $id) { ...TrafficToken credential { id } } }": types.TrafficTokenDocument,
    "mutation TrafficCreateToken($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...TrafficToken } token } }": types.TrafficCreateTokenDocument,
    "mutation TrafficUpdateToken($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...TrafficToken } } }": types.TrafficUpdateTokenDocument,
    "mutation TrafficRevokeToken($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }": types.TrafficRevokeTokenDocument,
    "fragment EnkryptConfig on Toolset { id name description serverCount projects { id name } }": types.EnkryptConfigFragmentDoc,
    "fragment EnkryptConfigServer on ToolsetServer { server { id name description transport command args url } tools description inputGuardrails outputGuardrails }": types.EnkryptConfigServerFragmentDoc,
    "query EnkryptConfigs($after: String, $search: String) { toolsets(first: 100, after: $after, search: $search) { edges { node { ...EnkryptConfig } } pageInfo { hasNextPage endCursor } } }": types.EnkryptConfigsDocument,
    "query EnkryptConfig($id: ID, $name: String) { toolset(id: $id, name: $name) { ...EnkryptConfig servers { ...EnkryptConfigServer } } }": types.EnkryptConfigDocument,
    "mutation EnkryptCreateConfig($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { ...EnkryptConfig } } }": types.EnkryptCreateConfigDocument,
    "mutation EnkryptRenameConfig($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { ...EnkryptConfig } } }": types.EnkryptRenameConfigDocument,
    "mutation EnkryptDeleteConfig($id: ID!) { deleteToolset(input: { id: $id }) { deletedToolsetId } }": types.EnkryptDeleteConfigDocument,
    "mutation EnkryptCopyConfig($input: CopyToolsetInput!) { copyToolset(input: $input) { toolset { ...EnkryptConfig } } }": types.EnkryptCopyConfigDocument,
    "mutation EnkryptAddServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }": types.EnkryptAddServerDocument,
    "mutation EnkryptUpdateEntry($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }": types.EnkryptUpdateEntryDocument,
    "mutation EnkryptUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }": types.EnkryptUpdateServerDocument,
    "mutation EnkryptRemoveServers($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { ...EnkryptConfig } } }": types.EnkryptRemoveServersDocument,
    "mutation EnkryptValidateConfig($id: ID!) { validateToolset(input: { id: $id }) { ok results { ok error server { name } } } }": types.EnkryptValidateConfigDocument,
    "mutation EnkryptExportConfig($id: ID!) { exportToolset(input: { id: $id }) { document } }": types.EnkryptExportConfigDocument,
    "mutation EnkryptImportConfig($input: ImportToolsetInput!) { importToolset(input: $input) { toolset { ...EnkryptConfig } createdServers { name } reusedServers { name } secretsToFill { serverName env headers urlCredentials } } }": types.EnkryptImportConfigDocument,
    "fragment EnkryptProject on Project { id name description createdAt toolset { id name } members { id email username } }": types.EnkryptProjectFragmentDoc,
    "query EnkryptProjects($after: String, $search: String) { projects(first: 100, after: $after, search: $search) { edges { node { ...EnkryptProject } } pageInfo { hasNextPage endCursor } } }": types.EnkryptProjectsDocument,
    "query EnkryptProject($id: ID, $name: String) { project(id: $id, name: $name) { ...EnkryptProject } }": types.EnkryptProjectDocument,
    "query EnkryptProjectConfig($id: ID!) { project(id: $id) { toolset { id name serverCount servers { server { name } tools } } } }": types.EnkryptProjectConfigDocument,
    "mutation EnkryptCreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { ...EnkryptProject } } }": types.EnkryptCreateProjectDocument,
    "mutation EnkryptDeleteProject($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }": types.EnkryptDeleteProjectDocument,
    "mutation EnkryptAssignConfig($input: AssignProjectToolsetInput!) { assignProjectToolset(input: $input) { project { ...EnkryptProject } } }": types.EnkryptAssignConfigDocument,
    "mutation EnkryptUnassignConfig($id: ID!) { unassignProjectToolset(input: { projectId: $id }) { project { ...EnkryptProject } } }": types.EnkryptUnassignConfigDocument,
    "mutation EnkryptAddMembers($input: AddProjectMembersInput!) { addProjectMembers(input: $input) { project { ...EnkryptProject } } }": types.EnkryptAddMembersDocument,
    "mutation EnkryptRemoveMembers($input: RemoveProjectMembersInput!) { removeProjectMembers(input: $input) { project { ...EnkryptProject } } }": types.EnkryptRemoveMembersDocument,
    "mutation EnkryptExportProject($id: ID!) { exportProject(input: { id: $id }) { document } }": types.EnkryptExportProjectDocument,
    "query EnkryptProjectUser($id: ID, $email: String) { user(id: $id, email: $email) { id } }": types.EnkryptProjectUserDocument,
    "fragment EnkryptTelemetry on TelemetrySettings { enabled url insecure endpoint }": types.EnkryptTelemetryFragmentDoc,
    "query EnkryptTelemetry { telemetrySettings { ...EnkryptTelemetry } }": types.EnkryptTelemetryDocument,
    "mutation EnkryptConfigureTelemetry($input: ConfigureTelemetryInput!) { configureTelemetry(input: $input) { settings { ...EnkryptTelemetry } } }": types.EnkryptConfigureTelemetryDocument,
    "mutation EnkryptBackupSystem { backupSystem { document } }": types.EnkryptBackupSystemDocument,
    "mutation EnkryptRestoreSystem($document: JSON!) { restoreSystem(input: { document: $document }) { counts { table rows } } }": types.EnkryptRestoreSystemDocument,
    "mutation EnkryptResetSystem($confirm: Boolean!) { resetSystem(input: { confirm: $confirm }) { counts { table rows } } }": types.EnkryptResetSystemDocument,
    "fragment EnkryptUser on User { id email username createdAt active }": types.EnkryptUserFragmentDoc,
    "fragment EnkryptKey on Credential { id name maskedToken status createdAt lastUsedAt expiresAt user { id } project { id name } }": types.EnkryptKeyFragmentDoc,
    "query EnkryptUsers($after: String, $search: String) { users(first: 200, after: $after, filter: { search: $search }) { edges { node { ...EnkryptUser } } pageInfo { hasNextPage endCursor } } }": types.EnkryptUsersDocument,
    "query EnkryptUser($id: ID!) { user(id: $id) { ...EnkryptUser projects { ...EnkryptProject } } }": types.EnkryptUserDocument,
    "mutation EnkryptCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...EnkryptUser } } }": types.EnkryptCreateUserDocument,
    "mutation EnkryptUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...EnkryptUser } } }": types.EnkryptUpdateUserDocument,
    "mutation EnkryptDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }": types.EnkryptDeleteUserDocument,
    "query EnkryptKeys($after: String, $filter: CredentialFilter) { credentials(first: 200, after: $after, filter: $filter) { edges { node { ...EnkryptKey } } pageInfo { hasNextPage endCursor } } }": types.EnkryptKeysDocument,
    "query EnkryptKeyByValue($token: String!) { credentialByToken(token: $token) { ...EnkryptKey } }": types.EnkryptKeyByValueDocument,
    "mutation EnkryptCreateKey($input: CreateProjectApiKeyInput!) { createProjectApiKey(input: $input) { token credential { ...EnkryptKey } } }": types.EnkryptCreateKeyDocument,
    "mutation EnkryptRevokeAll($input: RevokeUserApiKeysInput!) { revokeUserApiKeys(input: $input) { revokedCount } }": types.EnkryptRevokeAllDocument,
    "mutation EnkryptRotateKey($id: ID!) { rotateCredential(input: { id: $id }) { token credential { ...EnkryptKey } } }": types.EnkryptRotateKeyDocument,
    "mutation EnkryptDisableKey($id: ID!) { disableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }": types.EnkryptDisableKeyDocument,
    "mutation EnkryptEnableKey($id: ID!) { enableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }": types.EnkryptEnableKeyDocument,
    "mutation EnkryptRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { ...EnkryptKey } } }": types.EnkryptRevokeKeyDocument,
    "fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }": types.JungleClientFragmentDoc,
    "query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }": types.JungleClientsDocument,
    "query JungleClientByName($name: String!) { agent(name: $name) { id } }": types.JungleClientByNameDocument,
    "mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }": types.JungleCreateClientDocument,
    "mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }": types.JungleUpdateClientDocument,
    "mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }": types.JungleDeleteClientDocument,
    "query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }": types.JungleUsersDocument,
    "query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status project { id } } } } } }": types.JungleUserByNameDocument,
    "mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }": types.JungleRotateTokenDocument,
    "mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": types.JungleIssueTokenDocument,
    "mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }": types.JungleCreateUserDocument,
    "mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }": types.JungleUpdateUserDocument,
    "mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }": types.JungleDeleteUserDocument,
    "query JungleWhoAmI { viewer { username role } }": types.JungleWhoAmIDocument,
    "fragment StackInvitation on Invitation {\n  id email role status createdAt expiresAt lastSentAt acceptedAt acceptedByUserId revokedAt revokedReason lastSendError organization { id name }\n}": types.StackInvitationFragmentDoc,
    "query StackInvitations($id: ID!, $after: String) { organization(id: $id) { invitations(first: 200, after: $after, includeClosed: true) { edges { node { ...StackInvitation } } pageInfo { hasNextPage endCursor } } } }": types.StackInvitationsDocument,
    "mutation StackInvite($input: CreateInvitationInput!) { createInvitation(input: $input) { invitation { ...StackInvitation } inviteUrl } }": types.StackInviteDocument,
    "mutation StackResend($id: ID!) { resendInvitation(input: { id: $id }) { invitation { ...StackInvitation } inviteUrl } }": types.StackResendDocument,
    "query StackInvitationOrg($id: ID!) { node(id: $id) { ... on Invitation { organization { id } } } }": types.StackInvitationOrgDocument,
    "mutation StackRevokeInvitation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { ...StackInvitation } } }": types.StackRevokeInvitationDocument,
    "query StackKeys($org: ID!, $after: String) { serviceAccounts(organizationId: $org, first: 100, after: $after) { edges { node { name role keys { id clientId maskedToken status createdAt expiresAt lastUsedAt } } } pageInfo { hasNextPage endCursor } } }": types.StackKeysDocument,
    "query StackKeyRoles($org: ID!) { organization(id: $org) { id } keyRoles { key name } }": types.StackKeyRolesDocument,
    "mutation StackCreateKey($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { key credential { id clientId createdAt expiresAt } serviceAccount { name role } } }": types.StackCreateKeyDocument,
    "query StackKeyOwner($id: ID!) { credential(id: $id) { id kind organization { id } } }": types.StackKeyOwnerDocument,
    "mutation StackRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }": types.StackRevokeKeyDocument,
    "query StackCheck($org: ID!, $actions: [String!]!) { authorizationCheck(organizationId: $org, actions: $actions) { action allowed } }": types.StackCheckDocument,
    "query StackCheckEntities($org: ID!, $checks: [EntityCheckInput!]!) { authorizationCheckEntities(organizationId: $org, checks: $checks) { action resourceId allowed } }": types.StackCheckEntitiesDocument,
    "fragment StackAgent on Agent { id name description allowList createdAt updatedAt organization { id } }": types.StackAgentFragmentDoc,
    "query StackAgents($org: ID!, $after: String) { agents(organizationId: $org, first: 100, after: $after) { edges { node { ...StackAgent } } pageInfo { hasNextPage endCursor } } }": types.StackAgentsDocument,
    "query StackAgent($id: ID!) { agent(id: $id) { ...StackAgent } }": types.StackAgentDocument,
    "query StackServerNames($org: ID!, $after: String) { mcpServers(filter: { organizationId: $org }, first: 200, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }": types.StackServerNamesDocument,
    "mutation StackCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...StackAgent } token } }": types.StackCreateAgentDocument,
    "mutation StackUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...StackAgent } } }": types.StackUpdateAgentDocument,
    "mutation StackDeleteAgent($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }": types.StackDeleteAgentDocument,
    "fragment StackDeploymentConfig on DeploymentConfig { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs effectiveIdleStopSeconds envNames }": types.StackDeploymentConfigFragmentDoc,
    "fragment StackDeployment on Deployment { id environment status createdAt updatedAt config { ...StackDeploymentConfig }\n  instances { status message at instanceId userId } }": types.StackDeploymentFragmentDoc,
    "query StackCurrentDeployment($id: ID!) { mcpServer(id: $id) { id organization { id } status\n  instances { status message at instanceId } currentDeployment { ...StackDeployment } } }": types.StackCurrentDeploymentDocument,
    "query StackDeployments($id: ID!) { mcpServer(id: $id) { id organization { id } deploymentHistory { ...StackDeployment } } }": types.StackDeploymentsDocument,
    "query StackDeploymentById($id: ID!) { deployment(id: $id) { ...StackDeployment server { id organization { id } } changes(last: 200) { status message at instanceId userId } } }": types.StackDeploymentByIdDocument,
    "query StackDeploymentConfig($id: ID!, $environment: String) { mcpServer(id: $id) { id organization { id } deploymentConfig(environment: $environment) { ...StackDeploymentConfig } } }": types.StackDeploymentConfigDocument,
    "query StackDeploymentServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }": types.StackDeploymentServerDocument,
    "mutation StackUpdateDeploymentConfig($input: UpdateDeploymentConfigInput!) { updateDeploymentConfig(input: $input) { config { ...StackDeploymentConfig } } }": types.StackUpdateDeploymentConfigDocument,
    "query StackSmokeServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }": types.StackSmokeServerDocument,
    "mutation StackSmokeList($input: SmokeListMcpToolsInput!) {\n  smokeListMcpTools(input: $input) { ok error durationMs tools { name title description inputSchema annotations } }\n}": types.StackSmokeListDocument,
    "mutation StackSmokeCall($input: SmokeCallMcpToolInput!) {\n  smokeCallMcpTool(input: $input) { tool ok error result isError durationMs }\n}": types.StackSmokeCallDocument,
    "mutation StackHostingChecks($input: CheckMcpServerHostingInput!) {\n  checkMcpServerHosting(input: $input) { environment ok checks { name status durationMs message } }\n}": types.StackHostingChecksDocument,
    "query StackRuntimeLogs($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } runtimeLogs(last: $last) { edges { node { at line instanceId userId } } } }\n}": types.StackRuntimeLogsDocument,
    "query StackOperations($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } operations(last: $last) { edges { node { id kind status environment requestedBy createdAt finishedAt durationMs error details } } } }\n}": types.StackOperationsDocument,
    "query StackOperation($id: ID!) {\n  deploymentOperation(id: $id) { id kind status environment requestedBy createdAt finishedAt durationMs error details server { id organization { id } } }\n}": types.StackOperationDocument,
    "query StackStats($id: ID!) { organization(id: $id) { id mcpServerCount memberCount } }": types.StackStatsDocument,
    "query StackMe { viewer { id kind username role organization { id slug } organizationRole memberships { organization { id slug name } role } } }": types.StackMeDocument,
    "query StackOpenApiSpec($id: ID!) { mcpServer(id: $id) { id organization { id } openApi {\n  endpoints { toolKey method path enabled tool { id name } }\n  auth { type in name username tokenUrl scopes hasSecret }\n} } }": types.StackOpenApiSpecDocument,
    "mutation StackReplaceOpenApiSpec($input: ReplaceOpenApiSpecInput!) { replaceOpenApiSpec(input: $input) { server { ...StackServer } } }": types.StackReplaceOpenApiSpecDocument,
    "mutation StackRefreshOpenApiSpec($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { ...StackServer } } }": types.StackRefreshOpenApiSpecDocument,
    "mutation StackSetOpenApiEndpoints($input: SetOpenApiEndpointsInput!) { setOpenApiEndpoints(input: $input) { server { id } } }": types.StackSetOpenApiEndpointsDocument,
    "mutation StackSetOpenApiAuth($input: SetOpenApiAuthInput!) { setOpenApiAuth(input: $input) { server { id } } }": types.StackSetOpenApiAuthDocument,
    "mutation StackDiscoverOpenApiAuth($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery {\n  required schemes { name type in paramName scheme tokenUrl scopes operations } probe { method url status authenticate error }\n} } }": types.StackDiscoverOpenApiAuthDocument,
    "fragment StackOrganization on Organization { id slug name planTier mcpServerCount memberCount createdAt publicMcpGuidesEnabled }": types.StackOrganizationFragmentDoc,
    "fragment StackMember on OrganizationMember { principalId username displayName email role joinedAt }": types.StackMemberFragmentDoc,
    "query StackOrganizations($after: String) { organizations(first: 100, after: $after) { edges { node { ...StackOrganization } } pageInfo { hasNextPage endCursor } } }": types.StackOrganizationsDocument,
    "query StackOrganization($id: ID!) { organization(id: $id) { ...StackOrganization } }": types.StackOrganizationDocument,
    "mutation StackCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { ...StackOrganization } } }": types.StackCreateOrganizationDocument,
    "mutation StackUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { ...StackOrganization } } }": types.StackUpdateOrganizationDocument,
    "mutation StackDeleteOrganization($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }": types.StackDeleteOrganizationDocument,
    "query StackMembers($id: ID!, $after: String) { organization(id: $id) { members(first: 200, after: $after) { edges { node { ...StackMember } } pageInfo { hasNextPage endCursor } } } }": types.StackMembersDocument,
    "mutation StackChangeRole($input: OrganizationMemberInput!) { updateMemberRole(input: $input) { member { ...StackMember } } }": types.StackChangeRoleDocument,
    "mutation StackRemoveMember($input: RemoveMemberInput!) { removeMember(input: $input) { removedUserId } }": types.StackRemoveMemberDocument,
    "query StackAuthConfig($id: ID!) { mcpServer(id: $id) { id name transport organization { id } headerNames envNames urlHasCredentials } }": types.StackAuthConfigDocument,
    "mutation StackSetAuth($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id headerNames envNames urlHasCredentials } } }": types.StackSetAuthDocument,
    "query StackLogs($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) { total limit offset events { id occurredAt correlationId toolName status durationMs clientLabel actor { name } } }\n}": types.StackLogsDocument,
    "fragment StackServer on McpServer { id name displayName description status transport toolCount totalInvocations createdAt organization { id } openApi { source url fileName updatedAt } }": types.StackServerFragmentDoc,
    "fragment StackTool on Tool { id name displayName description descriptionOverride enabled instructions whenToUse whenNotToUse toolKey toolNamingVersion httpMethod httpPath }": types.StackToolFragmentDoc,
    "query StackServers($org: ID!, $after: String) { mcpServers(first: 50, after: $after, filter: { organizationId: $org }) { edges { node { ...StackServer } } pageInfo { hasNextPage endCursor } } }": types.StackServersDocument,
    "query StackServer($id: ID!) { mcpServer(id: $id) { ...StackServer tools(first: 200) { edges { node { ...StackTool } } } } }": types.StackServerDocument,
    "query StackServerConfig($id: ID!) { mcpServer(id: $id) { id organization { id } transport command args url envNames headerNames isolation envSchema { name required secret scope } } }": types.StackServerConfigDocument,
    "mutation StackCreateOpenApiServer($input: CreateOpenApiServerInput!) { createOpenApiServer(input: $input) { server { ...StackServer } } }": types.StackCreateOpenApiServerDocument,
    "mutation StackCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...StackServer } } }": types.StackCreateServerDocument,
    "mutation StackUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { ...StackServer } } }": types.StackUpdateServerDocument,
    "mutation StackDeleteServer($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }": types.StackDeleteServerDocument,
    "mutation StackDiscover($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { ...StackTool } } }": types.StackDiscoverDocument,
    "mutation StackUpdateTool($input: UpdateToolInput!) { updateTool(input: $input) { tool { ...StackTool server { id } } } }": types.StackUpdateToolDocument,
    "mutation StackUpdateTools($input: UpdateToolsInput!) { updateTools(input: $input) { tools { ...StackTool } } }": types.StackUpdateToolsDocument,
    "fragment StackFigures on UsageFigures { calls errors errorRate avgMs p50Ms p95Ms }": types.StackFiguresFragmentDoc,
    "fragment StackUsage on Usage { from to granularity resolution totals { ...StackFigures } series { start calls errors errorRate avgMs p50Ms p95Ms } }": types.StackUsageFragmentDoc,
    "query StackServerUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  mcpServer(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}": types.StackServerUsageDocument,
    "query StackAgentUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  agent(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}": types.StackAgentUsageDocument,
    "query StackOrganizationUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  organization(id: $id) {\n    id usage(from: $from, to: $to, granularity: $g) { ...StackUsage }\n    usageByServer(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n    usageByAgent(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n  }\n}": types.StackOrganizationUsageDocument,
    "query StackMemberships { viewer { memberships { organization { id } } } }": types.StackMembershipsDocument,
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
export function graphql(source: "fragment AmbassadorMcp on McpServer {\n  id name displayName description transport command args url envSchema { name description required secret scope } isolation tags status\n  killSwitch { active reason } createdAt\n}"): (typeof documents)["fragment AmbassadorMcp on McpServer {\n  id name displayName description transport command args url envSchema { name description required secret scope } isolation tags status\n  killSwitch { active reason } createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorMcps($after: String) { mcpServers(first: 50, after: $after) { edges { node { ...AmbassadorMcp } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query AmbassadorMcps($after: String) { mcpServers(first: 50, after: $after) { edges { node { ...AmbassadorMcp } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorCreateMcp($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...AmbassadorMcp } } }"): (typeof documents)["mutation AmbassadorCreateMcp($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...AmbassadorMcp } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorValidateMcp($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { name } tools { name } } }"): (typeof documents)["mutation AmbassadorValidateMcp($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { name } tools { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorPublishMcp($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }"): (typeof documents)["mutation AmbassadorPublishMcp($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorArchiveMcp($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }"): (typeof documents)["mutation AmbassadorArchiveMcp($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...AmbassadorMcp } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorKillMcp($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...AmbassadorMcp } } }"): (typeof documents)["mutation AmbassadorKillMcp($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...AmbassadorMcp } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorTool($serverId: ID!, $name: String!) { tool(serverId: $serverId, name: $name) { id } }"): (typeof documents)["query AmbassadorTool($serverId: ID!, $name: String!) { tool(serverId: $serverId, name: $name) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { name killSwitch { active reason } } } }"): (typeof documents)["mutation AmbassadorKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { name killSwitch { active reason } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AmbassadorGroup on Group { id name description createdAt }"): (typeof documents)["fragment AmbassadorGroup on Group { id name description createdAt }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AmbassadorGroupDetail on Group { ...AmbassadorGroup members { id username } servers { id name } }"): (typeof documents)["fragment AmbassadorGroupDetail on Group { ...AmbassadorGroup members { id username } servers { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorGroups($after: String) { groups(first: 200, after: $after) { edges { node { ...AmbassadorGroup } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query AmbassadorGroups($after: String) { groups(first: 200, after: $after) { edges { node { ...AmbassadorGroup } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorGroupById($id: ID!) { group(id: $id) { ...AmbassadorGroupDetail } }"): (typeof documents)["query AmbassadorGroupById($id: ID!) { group(id: $id) { ...AmbassadorGroupDetail } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { ...AmbassadorGroupDetail } } }"): (typeof documents)["mutation AmbassadorCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { group { ...AmbassadorGroupDetail } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { ...AmbassadorGroupDetail } } }"): (typeof documents)["mutation AmbassadorGroupMembers($input: ChangeGroupInput!) { updateGroupMembers(input: $input) { group { ...AmbassadorGroupDetail } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorGroupMcps($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { ...AmbassadorGroupDetail } } }"): (typeof documents)["mutation AmbassadorGroupMcps($input: ChangeGroupInput!) { updateGroupServers(input: $input) { group { ...AmbassadorGroupDetail } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation AmbassadorLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorAudit($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) {\n    total limit offset events { id type occurredAt correlationId actor { name } clientLabel serverName toolName status durationMs }\n  }\n}"): (typeof documents)["query AmbassadorAudit($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) {\n    total limit offset events { id type occurredAt correlationId actor { name } clientLabel serverName toolName status durationMs }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AmbassadorUser on User { id username email displayName role active createdAt lastLoginAt }"): (typeof documents)["fragment AmbassadorUser on User { id username email displayName role active createdAt lastLoginAt }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorUsers($after: String) { users(first: 200, after: $after) { edges { node { ...AmbassadorUser } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query AmbassadorUsers($after: String) { users(first: 200, after: $after) { edges { node { ...AmbassadorUser } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorUserDetail($id: ID!) {\n  user(id: $id) { ...AmbassadorUser groups { id name } }\n  credentials(filter: { userId: $id, kind: API_TOKEN }) { totalCount }\n}"): (typeof documents)["query AmbassadorUserDetail($id: ID!) {\n  user(id: $id) { ...AmbassadorUser groups { id name } }\n  credentials(filter: { userId: $id, kind: API_TOKEN }) { totalCount }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...AmbassadorUser } } }"): (typeof documents)["mutation AmbassadorCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...AmbassadorUser } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...AmbassadorUser } } }"): (typeof documents)["mutation AmbassadorUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...AmbassadorUser } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorResetPassword($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } } }"): (typeof documents)["mutation AmbassadorResetPassword($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorCreateKey($input: CreatePresharedKeyInput!) { createPresharedKey(input: $input) { key presharedKey { id label } } }"): (typeof documents)["mutation AmbassadorCreateKey($input: CreatePresharedKeyInput!) { createPresharedKey(input: $input) { key presharedKey { id label } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AmbassadorKeys($userId: ID!) { presharedKeys(userId: $userId) { id label maskedKey used usedAt lastUsedAt revokedAt createdAt } }"): (typeof documents)["query AmbassadorKeys($userId: ID!) { presharedKeys(userId: $userId) { id label maskedKey used usedAt lastUsedAt revokedAt createdAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AmbassadorRevokeKey($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }"): (typeof documents)["mutation AmbassadorRevokeKey($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TrafficToken on Agent { id name allowList createdAt updatedAt organization { id } credentials { maskedToken environment status lastUsedAt revokedAt } }"): (typeof documents)["fragment TrafficToken on Agent { id name allowList createdAt updatedAt organization { id } credentials { maskedToken environment status lastUsedAt revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrafficTokens($org: ID!) { agents(organizationId: $org, first: 100) { edges { node { ...TrafficToken } } pageInfo { hasNextPage } } }"): (typeof documents)["query TrafficTokens($org: ID!) { agents(organizationId: $org, first: 100) { edges { node { ...TrafficToken } } pageInfo { hasNextPage } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrafficToken($id: ID!) { agent(id: $id) { ...TrafficToken credential { id } } }"): (typeof documents)["query TrafficToken($id: ID!) { agent(id: $id) { ...TrafficToken credential { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TrafficCreateToken($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...TrafficToken } token } }"): (typeof documents)["mutation TrafficCreateToken($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...TrafficToken } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TrafficUpdateToken($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...TrafficToken } } }"): (typeof documents)["mutation TrafficUpdateToken($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...TrafficToken } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TrafficRevokeToken($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }"): (typeof documents)["mutation TrafficRevokeToken($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnkryptConfig on Toolset { id name description serverCount projects { id name } }"): (typeof documents)["fragment EnkryptConfig on Toolset { id name description serverCount projects { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnkryptConfigServer on ToolsetServer { server { id name description transport command args url } tools description inputGuardrails outputGuardrails }"): (typeof documents)["fragment EnkryptConfigServer on ToolsetServer { server { id name description transport command args url } tools description inputGuardrails outputGuardrails }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptConfigs($after: String, $search: String) { toolsets(first: 100, after: $after, search: $search) { edges { node { ...EnkryptConfig } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query EnkryptConfigs($after: String, $search: String) { toolsets(first: 100, after: $after, search: $search) { edges { node { ...EnkryptConfig } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptConfig($id: ID, $name: String) { toolset(id: $id, name: $name) { ...EnkryptConfig servers { ...EnkryptConfigServer } } }"): (typeof documents)["query EnkryptConfig($id: ID, $name: String) { toolset(id: $id, name: $name) { ...EnkryptConfig servers { ...EnkryptConfigServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptCreateConfig($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { ...EnkryptConfig } } }"): (typeof documents)["mutation EnkryptCreateConfig($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { ...EnkryptConfig } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRenameConfig($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { ...EnkryptConfig } } }"): (typeof documents)["mutation EnkryptRenameConfig($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { ...EnkryptConfig } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptDeleteConfig($id: ID!) { deleteToolset(input: { id: $id }) { deletedToolsetId } }"): (typeof documents)["mutation EnkryptDeleteConfig($id: ID!) { deleteToolset(input: { id: $id }) { deletedToolsetId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptCopyConfig($input: CopyToolsetInput!) { copyToolset(input: $input) { toolset { ...EnkryptConfig } } }"): (typeof documents)["mutation EnkryptCopyConfig($input: CopyToolsetInput!) { copyToolset(input: $input) { toolset { ...EnkryptConfig } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptAddServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }"): (typeof documents)["mutation EnkryptAddServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptUpdateEntry($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }"): (typeof documents)["mutation EnkryptUpdateEntry($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }"): (typeof documents)["mutation EnkryptUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRemoveServers($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { ...EnkryptConfig } } }"): (typeof documents)["mutation EnkryptRemoveServers($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { ...EnkryptConfig } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptValidateConfig($id: ID!) { validateToolset(input: { id: $id }) { ok results { ok error server { name } } } }"): (typeof documents)["mutation EnkryptValidateConfig($id: ID!) { validateToolset(input: { id: $id }) { ok results { ok error server { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptExportConfig($id: ID!) { exportToolset(input: { id: $id }) { document } }"): (typeof documents)["mutation EnkryptExportConfig($id: ID!) { exportToolset(input: { id: $id }) { document } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptImportConfig($input: ImportToolsetInput!) { importToolset(input: $input) { toolset { ...EnkryptConfig } createdServers { name } reusedServers { name } secretsToFill { serverName env headers urlCredentials } } }"): (typeof documents)["mutation EnkryptImportConfig($input: ImportToolsetInput!) { importToolset(input: $input) { toolset { ...EnkryptConfig } createdServers { name } reusedServers { name } secretsToFill { serverName env headers urlCredentials } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnkryptProject on Project { id name description createdAt toolset { id name } members { id email username } }"): (typeof documents)["fragment EnkryptProject on Project { id name description createdAt toolset { id name } members { id email username } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptProjects($after: String, $search: String) { projects(first: 100, after: $after, search: $search) { edges { node { ...EnkryptProject } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query EnkryptProjects($after: String, $search: String) { projects(first: 100, after: $after, search: $search) { edges { node { ...EnkryptProject } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptProject($id: ID, $name: String) { project(id: $id, name: $name) { ...EnkryptProject } }"): (typeof documents)["query EnkryptProject($id: ID, $name: String) { project(id: $id, name: $name) { ...EnkryptProject } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptProjectConfig($id: ID!) { project(id: $id) { toolset { id name serverCount servers { server { name } tools } } } }"): (typeof documents)["query EnkryptProjectConfig($id: ID!) { project(id: $id) { toolset { id name serverCount servers { server { name } tools } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptCreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { ...EnkryptProject } } }"): (typeof documents)["mutation EnkryptCreateProject($input: CreateProjectInput!) { createProject(input: $input) { project { ...EnkryptProject } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptDeleteProject($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }"): (typeof documents)["mutation EnkryptDeleteProject($id: ID!) { deleteProject(input: { id: $id }) { deletedProjectId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptAssignConfig($input: AssignProjectToolsetInput!) { assignProjectToolset(input: $input) { project { ...EnkryptProject } } }"): (typeof documents)["mutation EnkryptAssignConfig($input: AssignProjectToolsetInput!) { assignProjectToolset(input: $input) { project { ...EnkryptProject } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptUnassignConfig($id: ID!) { unassignProjectToolset(input: { projectId: $id }) { project { ...EnkryptProject } } }"): (typeof documents)["mutation EnkryptUnassignConfig($id: ID!) { unassignProjectToolset(input: { projectId: $id }) { project { ...EnkryptProject } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptAddMembers($input: AddProjectMembersInput!) { addProjectMembers(input: $input) { project { ...EnkryptProject } } }"): (typeof documents)["mutation EnkryptAddMembers($input: AddProjectMembersInput!) { addProjectMembers(input: $input) { project { ...EnkryptProject } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRemoveMembers($input: RemoveProjectMembersInput!) { removeProjectMembers(input: $input) { project { ...EnkryptProject } } }"): (typeof documents)["mutation EnkryptRemoveMembers($input: RemoveProjectMembersInput!) { removeProjectMembers(input: $input) { project { ...EnkryptProject } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptExportProject($id: ID!) { exportProject(input: { id: $id }) { document } }"): (typeof documents)["mutation EnkryptExportProject($id: ID!) { exportProject(input: { id: $id }) { document } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptProjectUser($id: ID, $email: String) { user(id: $id, email: $email) { id } }"): (typeof documents)["query EnkryptProjectUser($id: ID, $email: String) { user(id: $id, email: $email) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnkryptTelemetry on TelemetrySettings { enabled url insecure endpoint }"): (typeof documents)["fragment EnkryptTelemetry on TelemetrySettings { enabled url insecure endpoint }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptTelemetry { telemetrySettings { ...EnkryptTelemetry } }"): (typeof documents)["query EnkryptTelemetry { telemetrySettings { ...EnkryptTelemetry } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptConfigureTelemetry($input: ConfigureTelemetryInput!) { configureTelemetry(input: $input) { settings { ...EnkryptTelemetry } } }"): (typeof documents)["mutation EnkryptConfigureTelemetry($input: ConfigureTelemetryInput!) { configureTelemetry(input: $input) { settings { ...EnkryptTelemetry } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptBackupSystem { backupSystem { document } }"): (typeof documents)["mutation EnkryptBackupSystem { backupSystem { document } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRestoreSystem($document: JSON!) { restoreSystem(input: { document: $document }) { counts { table rows } } }"): (typeof documents)["mutation EnkryptRestoreSystem($document: JSON!) { restoreSystem(input: { document: $document }) { counts { table rows } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptResetSystem($confirm: Boolean!) { resetSystem(input: { confirm: $confirm }) { counts { table rows } } }"): (typeof documents)["mutation EnkryptResetSystem($confirm: Boolean!) { resetSystem(input: { confirm: $confirm }) { counts { table rows } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnkryptUser on User { id email username createdAt active }"): (typeof documents)["fragment EnkryptUser on User { id email username createdAt active }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnkryptKey on Credential { id name maskedToken status createdAt lastUsedAt expiresAt user { id } project { id name } }"): (typeof documents)["fragment EnkryptKey on Credential { id name maskedToken status createdAt lastUsedAt expiresAt user { id } project { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptUsers($after: String, $search: String) { users(first: 200, after: $after, filter: { search: $search }) { edges { node { ...EnkryptUser } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query EnkryptUsers($after: String, $search: String) { users(first: 200, after: $after, filter: { search: $search }) { edges { node { ...EnkryptUser } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptUser($id: ID!) { user(id: $id) { ...EnkryptUser projects { ...EnkryptProject } } }"): (typeof documents)["query EnkryptUser($id: ID!) { user(id: $id) { ...EnkryptUser projects { ...EnkryptProject } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...EnkryptUser } } }"): (typeof documents)["mutation EnkryptCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...EnkryptUser } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...EnkryptUser } } }"): (typeof documents)["mutation EnkryptUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...EnkryptUser } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }"): (typeof documents)["mutation EnkryptDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptKeys($after: String, $filter: CredentialFilter) { credentials(first: 200, after: $after, filter: $filter) { edges { node { ...EnkryptKey } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query EnkryptKeys($after: String, $filter: CredentialFilter) { credentials(first: 200, after: $after, filter: $filter) { edges { node { ...EnkryptKey } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnkryptKeyByValue($token: String!) { credentialByToken(token: $token) { ...EnkryptKey } }"): (typeof documents)["query EnkryptKeyByValue($token: String!) { credentialByToken(token: $token) { ...EnkryptKey } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptCreateKey($input: CreateProjectApiKeyInput!) { createProjectApiKey(input: $input) { token credential { ...EnkryptKey } } }"): (typeof documents)["mutation EnkryptCreateKey($input: CreateProjectApiKeyInput!) { createProjectApiKey(input: $input) { token credential { ...EnkryptKey } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRevokeAll($input: RevokeUserApiKeysInput!) { revokeUserApiKeys(input: $input) { revokedCount } }"): (typeof documents)["mutation EnkryptRevokeAll($input: RevokeUserApiKeysInput!) { revokeUserApiKeys(input: $input) { revokedCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRotateKey($id: ID!) { rotateCredential(input: { id: $id }) { token credential { ...EnkryptKey } } }"): (typeof documents)["mutation EnkryptRotateKey($id: ID!) { rotateCredential(input: { id: $id }) { token credential { ...EnkryptKey } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptDisableKey($id: ID!) { disableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }"): (typeof documents)["mutation EnkryptDisableKey($id: ID!) { disableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptEnableKey($id: ID!) { enableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }"): (typeof documents)["mutation EnkryptEnableKey($id: ID!) { enableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EnkryptRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { ...EnkryptKey } } }"): (typeof documents)["mutation EnkryptRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { ...EnkryptKey } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }"): (typeof documents)["fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleClientByName($name: String!) { agent(name: $name) { id } }"): (typeof documents)["query JungleClientByName($name: String!) { agent(name: $name) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }"): (typeof documents)["mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }"): (typeof documents)["mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }"): (typeof documents)["mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status project { id } } } } } }"): (typeof documents)["query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status project { id } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }"): (typeof documents)["mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"): (typeof documents)["mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }"): (typeof documents)["mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }"): (typeof documents)["mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }"): (typeof documents)["mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleWhoAmI { viewer { username role } }"): (typeof documents)["query JungleWhoAmI { viewer { username role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackInvitation on Invitation {\n  id email role status createdAt expiresAt lastSentAt acceptedAt acceptedByUserId revokedAt revokedReason lastSendError organization { id name }\n}"): (typeof documents)["fragment StackInvitation on Invitation {\n  id email role status createdAt expiresAt lastSentAt acceptedAt acceptedByUserId revokedAt revokedReason lastSendError organization { id name }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackInvitations($id: ID!, $after: String) { organization(id: $id) { invitations(first: 200, after: $after, includeClosed: true) { edges { node { ...StackInvitation } } pageInfo { hasNextPage endCursor } } } }"): (typeof documents)["query StackInvitations($id: ID!, $after: String) { organization(id: $id) { invitations(first: 200, after: $after, includeClosed: true) { edges { node { ...StackInvitation } } pageInfo { hasNextPage endCursor } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackInvite($input: CreateInvitationInput!) { createInvitation(input: $input) { invitation { ...StackInvitation } inviteUrl } }"): (typeof documents)["mutation StackInvite($input: CreateInvitationInput!) { createInvitation(input: $input) { invitation { ...StackInvitation } inviteUrl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackResend($id: ID!) { resendInvitation(input: { id: $id }) { invitation { ...StackInvitation } inviteUrl } }"): (typeof documents)["mutation StackResend($id: ID!) { resendInvitation(input: { id: $id }) { invitation { ...StackInvitation } inviteUrl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackInvitationOrg($id: ID!) { node(id: $id) { ... on Invitation { organization { id } } } }"): (typeof documents)["query StackInvitationOrg($id: ID!) { node(id: $id) { ... on Invitation { organization { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackRevokeInvitation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { ...StackInvitation } } }"): (typeof documents)["mutation StackRevokeInvitation($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { invitation { ...StackInvitation } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackKeys($org: ID!, $after: String) { serviceAccounts(organizationId: $org, first: 100, after: $after) { edges { node { name role keys { id clientId maskedToken status createdAt expiresAt lastUsedAt } } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query StackKeys($org: ID!, $after: String) { serviceAccounts(organizationId: $org, first: 100, after: $after) { edges { node { name role keys { id clientId maskedToken status createdAt expiresAt lastUsedAt } } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackKeyRoles($org: ID!) { organization(id: $org) { id } keyRoles { key name } }"): (typeof documents)["query StackKeyRoles($org: ID!) { organization(id: $org) { id } keyRoles { key name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackCreateKey($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { key credential { id clientId createdAt expiresAt } serviceAccount { name role } } }"): (typeof documents)["mutation StackCreateKey($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { key credential { id clientId createdAt expiresAt } serviceAccount { name role } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackKeyOwner($id: ID!) { credential(id: $id) { id kind organization { id } } }"): (typeof documents)["query StackKeyOwner($id: ID!) { credential(id: $id) { id kind organization { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }"): (typeof documents)["mutation StackRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackCheck($org: ID!, $actions: [String!]!) { authorizationCheck(organizationId: $org, actions: $actions) { action allowed } }"): (typeof documents)["query StackCheck($org: ID!, $actions: [String!]!) { authorizationCheck(organizationId: $org, actions: $actions) { action allowed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackCheckEntities($org: ID!, $checks: [EntityCheckInput!]!) { authorizationCheckEntities(organizationId: $org, checks: $checks) { action resourceId allowed } }"): (typeof documents)["query StackCheckEntities($org: ID!, $checks: [EntityCheckInput!]!) { authorizationCheckEntities(organizationId: $org, checks: $checks) { action resourceId allowed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackAgent on Agent { id name description allowList createdAt updatedAt organization { id } }"): (typeof documents)["fragment StackAgent on Agent { id name description allowList createdAt updatedAt organization { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackAgents($org: ID!, $after: String) { agents(organizationId: $org, first: 100, after: $after) { edges { node { ...StackAgent } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query StackAgents($org: ID!, $after: String) { agents(organizationId: $org, first: 100, after: $after) { edges { node { ...StackAgent } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackAgent($id: ID!) { agent(id: $id) { ...StackAgent } }"): (typeof documents)["query StackAgent($id: ID!) { agent(id: $id) { ...StackAgent } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackServerNames($org: ID!, $after: String) { mcpServers(filter: { organizationId: $org }, first: 200, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query StackServerNames($org: ID!, $after: String) { mcpServers(filter: { organizationId: $org }, first: 200, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...StackAgent } token } }"): (typeof documents)["mutation StackCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...StackAgent } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...StackAgent } } }"): (typeof documents)["mutation StackUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...StackAgent } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackDeleteAgent($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }"): (typeof documents)["mutation StackDeleteAgent($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackDeploymentConfig on DeploymentConfig { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs effectiveIdleStopSeconds envNames }"): (typeof documents)["fragment StackDeploymentConfig on DeploymentConfig { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs effectiveIdleStopSeconds envNames }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackDeployment on Deployment { id environment status createdAt updatedAt config { ...StackDeploymentConfig }\n  instances { status message at instanceId userId } }"): (typeof documents)["fragment StackDeployment on Deployment { id environment status createdAt updatedAt config { ...StackDeploymentConfig }\n  instances { status message at instanceId userId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackCurrentDeployment($id: ID!) { mcpServer(id: $id) { id organization { id } status\n  instances { status message at instanceId } currentDeployment { ...StackDeployment } } }"): (typeof documents)["query StackCurrentDeployment($id: ID!) { mcpServer(id: $id) { id organization { id } status\n  instances { status message at instanceId } currentDeployment { ...StackDeployment } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackDeployments($id: ID!) { mcpServer(id: $id) { id organization { id } deploymentHistory { ...StackDeployment } } }"): (typeof documents)["query StackDeployments($id: ID!) { mcpServer(id: $id) { id organization { id } deploymentHistory { ...StackDeployment } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackDeploymentById($id: ID!) { deployment(id: $id) { ...StackDeployment server { id organization { id } } changes(last: 200) { status message at instanceId userId } } }"): (typeof documents)["query StackDeploymentById($id: ID!) { deployment(id: $id) { ...StackDeployment server { id organization { id } } changes(last: 200) { status message at instanceId userId } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackDeploymentConfig($id: ID!, $environment: String) { mcpServer(id: $id) { id organization { id } deploymentConfig(environment: $environment) { ...StackDeploymentConfig } } }"): (typeof documents)["query StackDeploymentConfig($id: ID!, $environment: String) { mcpServer(id: $id) { id organization { id } deploymentConfig(environment: $environment) { ...StackDeploymentConfig } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackDeploymentServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }"): (typeof documents)["query StackDeploymentServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackUpdateDeploymentConfig($input: UpdateDeploymentConfigInput!) { updateDeploymentConfig(input: $input) { config { ...StackDeploymentConfig } } }"): (typeof documents)["mutation StackUpdateDeploymentConfig($input: UpdateDeploymentConfigInput!) { updateDeploymentConfig(input: $input) { config { ...StackDeploymentConfig } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackSmokeServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }"): (typeof documents)["query StackSmokeServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackSmokeList($input: SmokeListMcpToolsInput!) {\n  smokeListMcpTools(input: $input) { ok error durationMs tools { name title description inputSchema annotations } }\n}"): (typeof documents)["mutation StackSmokeList($input: SmokeListMcpToolsInput!) {\n  smokeListMcpTools(input: $input) { ok error durationMs tools { name title description inputSchema annotations } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackSmokeCall($input: SmokeCallMcpToolInput!) {\n  smokeCallMcpTool(input: $input) { tool ok error result isError durationMs }\n}"): (typeof documents)["mutation StackSmokeCall($input: SmokeCallMcpToolInput!) {\n  smokeCallMcpTool(input: $input) { tool ok error result isError durationMs }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackHostingChecks($input: CheckMcpServerHostingInput!) {\n  checkMcpServerHosting(input: $input) { environment ok checks { name status durationMs message } }\n}"): (typeof documents)["mutation StackHostingChecks($input: CheckMcpServerHostingInput!) {\n  checkMcpServerHosting(input: $input) { environment ok checks { name status durationMs message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackRuntimeLogs($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } runtimeLogs(last: $last) { edges { node { at line instanceId userId } } } }\n}"): (typeof documents)["query StackRuntimeLogs($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } runtimeLogs(last: $last) { edges { node { at line instanceId userId } } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackOperations($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } operations(last: $last) { edges { node { id kind status environment requestedBy createdAt finishedAt durationMs error details } } } }\n}"): (typeof documents)["query StackOperations($id: ID!, $last: Int) {\n  mcpServer(id: $id) { id organization { id } operations(last: $last) { edges { node { id kind status environment requestedBy createdAt finishedAt durationMs error details } } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackOperation($id: ID!) {\n  deploymentOperation(id: $id) { id kind status environment requestedBy createdAt finishedAt durationMs error details server { id organization { id } } }\n}"): (typeof documents)["query StackOperation($id: ID!) {\n  deploymentOperation(id: $id) { id kind status environment requestedBy createdAt finishedAt durationMs error details server { id organization { id } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackStats($id: ID!) { organization(id: $id) { id mcpServerCount memberCount } }"): (typeof documents)["query StackStats($id: ID!) { organization(id: $id) { id mcpServerCount memberCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackMe { viewer { id kind username role organization { id slug } organizationRole memberships { organization { id slug name } role } } }"): (typeof documents)["query StackMe { viewer { id kind username role organization { id slug } organizationRole memberships { organization { id slug name } role } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackOpenApiSpec($id: ID!) { mcpServer(id: $id) { id organization { id } openApi {\n  endpoints { toolKey method path enabled tool { id name } }\n  auth { type in name username tokenUrl scopes hasSecret }\n} } }"): (typeof documents)["query StackOpenApiSpec($id: ID!) { mcpServer(id: $id) { id organization { id } openApi {\n  endpoints { toolKey method path enabled tool { id name } }\n  auth { type in name username tokenUrl scopes hasSecret }\n} } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackReplaceOpenApiSpec($input: ReplaceOpenApiSpecInput!) { replaceOpenApiSpec(input: $input) { server { ...StackServer } } }"): (typeof documents)["mutation StackReplaceOpenApiSpec($input: ReplaceOpenApiSpecInput!) { replaceOpenApiSpec(input: $input) { server { ...StackServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackRefreshOpenApiSpec($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { ...StackServer } } }"): (typeof documents)["mutation StackRefreshOpenApiSpec($id: ID!) { refreshOpenApiSpec(input: { id: $id }) { server { ...StackServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackSetOpenApiEndpoints($input: SetOpenApiEndpointsInput!) { setOpenApiEndpoints(input: $input) { server { id } } }"): (typeof documents)["mutation StackSetOpenApiEndpoints($input: SetOpenApiEndpointsInput!) { setOpenApiEndpoints(input: $input) { server { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackSetOpenApiAuth($input: SetOpenApiAuthInput!) { setOpenApiAuth(input: $input) { server { id } } }"): (typeof documents)["mutation StackSetOpenApiAuth($input: SetOpenApiAuthInput!) { setOpenApiAuth(input: $input) { server { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackDiscoverOpenApiAuth($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery {\n  required schemes { name type in paramName scheme tokenUrl scopes operations } probe { method url status authenticate error }\n} } }"): (typeof documents)["mutation StackDiscoverOpenApiAuth($id: ID!) { discoverOpenApiAuth(input: { id: $id }) { discovery {\n  required schemes { name type in paramName scheme tokenUrl scopes operations } probe { method url status authenticate error }\n} } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackOrganization on Organization { id slug name planTier mcpServerCount memberCount createdAt publicMcpGuidesEnabled }"): (typeof documents)["fragment StackOrganization on Organization { id slug name planTier mcpServerCount memberCount createdAt publicMcpGuidesEnabled }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackMember on OrganizationMember { principalId username displayName email role joinedAt }"): (typeof documents)["fragment StackMember on OrganizationMember { principalId username displayName email role joinedAt }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackOrganizations($after: String) { organizations(first: 100, after: $after) { edges { node { ...StackOrganization } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query StackOrganizations($after: String) { organizations(first: 100, after: $after) { edges { node { ...StackOrganization } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackOrganization($id: ID!) { organization(id: $id) { ...StackOrganization } }"): (typeof documents)["query StackOrganization($id: ID!) { organization(id: $id) { ...StackOrganization } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { ...StackOrganization } } }"): (typeof documents)["mutation StackCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { ...StackOrganization } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { ...StackOrganization } } }"): (typeof documents)["mutation StackUpdateOrganization($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { ...StackOrganization } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackDeleteOrganization($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }"): (typeof documents)["mutation StackDeleteOrganization($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackMembers($id: ID!, $after: String) { organization(id: $id) { members(first: 200, after: $after) { edges { node { ...StackMember } } pageInfo { hasNextPage endCursor } } } }"): (typeof documents)["query StackMembers($id: ID!, $after: String) { organization(id: $id) { members(first: 200, after: $after) { edges { node { ...StackMember } } pageInfo { hasNextPage endCursor } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackChangeRole($input: OrganizationMemberInput!) { updateMemberRole(input: $input) { member { ...StackMember } } }"): (typeof documents)["mutation StackChangeRole($input: OrganizationMemberInput!) { updateMemberRole(input: $input) { member { ...StackMember } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackRemoveMember($input: RemoveMemberInput!) { removeMember(input: $input) { removedUserId } }"): (typeof documents)["mutation StackRemoveMember($input: RemoveMemberInput!) { removeMember(input: $input) { removedUserId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackAuthConfig($id: ID!) { mcpServer(id: $id) { id name transport organization { id } headerNames envNames urlHasCredentials } }"): (typeof documents)["query StackAuthConfig($id: ID!) { mcpServer(id: $id) { id name transport organization { id } headerNames envNames urlHasCredentials } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackSetAuth($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id headerNames envNames urlHasCredentials } } }"): (typeof documents)["mutation StackSetAuth($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id headerNames envNames urlHasCredentials } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackLogs($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) { total limit offset events { id occurredAt correlationId toolName status durationMs clientLabel actor { name } } }\n}"): (typeof documents)["query StackLogs($filter: AuditEventFilter, $limit: Int, $offset: Int) {\n  auditLog(filter: $filter, limit: $limit, offset: $offset) { total limit offset events { id occurredAt correlationId toolName status durationMs clientLabel actor { name } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackServer on McpServer { id name displayName description status transport toolCount totalInvocations createdAt organization { id } openApi { source url fileName updatedAt } }"): (typeof documents)["fragment StackServer on McpServer { id name displayName description status transport toolCount totalInvocations createdAt organization { id } openApi { source url fileName updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackTool on Tool { id name displayName description descriptionOverride enabled instructions whenToUse whenNotToUse toolKey toolNamingVersion httpMethod httpPath }"): (typeof documents)["fragment StackTool on Tool { id name displayName description descriptionOverride enabled instructions whenToUse whenNotToUse toolKey toolNamingVersion httpMethod httpPath }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackServers($org: ID!, $after: String) { mcpServers(first: 50, after: $after, filter: { organizationId: $org }) { edges { node { ...StackServer } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query StackServers($org: ID!, $after: String) { mcpServers(first: 50, after: $after, filter: { organizationId: $org }) { edges { node { ...StackServer } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackServer($id: ID!) { mcpServer(id: $id) { ...StackServer tools(first: 200) { edges { node { ...StackTool } } } } }"): (typeof documents)["query StackServer($id: ID!) { mcpServer(id: $id) { ...StackServer tools(first: 200) { edges { node { ...StackTool } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackServerConfig($id: ID!) { mcpServer(id: $id) { id organization { id } transport command args url envNames headerNames isolation envSchema { name required secret scope } } }"): (typeof documents)["query StackServerConfig($id: ID!) { mcpServer(id: $id) { id organization { id } transport command args url envNames headerNames isolation envSchema { name required secret scope } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackCreateOpenApiServer($input: CreateOpenApiServerInput!) { createOpenApiServer(input: $input) { server { ...StackServer } } }"): (typeof documents)["mutation StackCreateOpenApiServer($input: CreateOpenApiServerInput!) { createOpenApiServer(input: $input) { server { ...StackServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...StackServer } } }"): (typeof documents)["mutation StackCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...StackServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { ...StackServer } } }"): (typeof documents)["mutation StackUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { ...StackServer } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackDeleteServer($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }"): (typeof documents)["mutation StackDeleteServer($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackDiscover($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { ...StackTool } } }"): (typeof documents)["mutation StackDiscover($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { ...StackTool } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackUpdateTool($input: UpdateToolInput!) { updateTool(input: $input) { tool { ...StackTool server { id } } } }"): (typeof documents)["mutation StackUpdateTool($input: UpdateToolInput!) { updateTool(input: $input) { tool { ...StackTool server { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StackUpdateTools($input: UpdateToolsInput!) { updateTools(input: $input) { tools { ...StackTool } } }"): (typeof documents)["mutation StackUpdateTools($input: UpdateToolsInput!) { updateTools(input: $input) { tools { ...StackTool } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackFigures on UsageFigures { calls errors errorRate avgMs p50Ms p95Ms }"): (typeof documents)["fragment StackFigures on UsageFigures { calls errors errorRate avgMs p50Ms p95Ms }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StackUsage on Usage { from to granularity resolution totals { ...StackFigures } series { start calls errors errorRate avgMs p50Ms p95Ms } }"): (typeof documents)["fragment StackUsage on Usage { from to granularity resolution totals { ...StackFigures } series { start calls errors errorRate avgMs p50Ms p95Ms } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackServerUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  mcpServer(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}"): (typeof documents)["query StackServerUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  mcpServer(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackAgentUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  agent(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}"): (typeof documents)["query StackAgentUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  agent(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackOrganizationUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  organization(id: $id) {\n    id usage(from: $from, to: $to, granularity: $g) { ...StackUsage }\n    usageByServer(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n    usageByAgent(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n  }\n}"): (typeof documents)["query StackOrganizationUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {\n  organization(id: $id) {\n    id usage(from: $from, to: $to, granularity: $g) { ...StackUsage }\n    usageByServer(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n    usageByAgent(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StackMemberships { viewer { memberships { organization { id } } } }"): (typeof documents)["query StackMemberships { viewer { memberships { organization { id } } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;