import type { TestApp } from '../support/app.ts';
import type { Estate, makers } from '../support/rest-estate.ts';

type Make = ReturnType<typeof makers>;
type Fill = (e: Estate, make: Make) => Promise<string> | string;

/** What each REST route grants, by the GraphQL actions its documents need (src/auth/actions.ts). */
export interface Expectation {
  /** Open to a viewer, the lowest role of an organization ('filtered': answered, with nothing of the organization's). */
  viewer?: 'allowed' | 'filtered';
  /** What a viewer service-account key gets, where it differs from the viewer (undefined: refused). */
  viewerKey?: 'allowed' | 'filtered' | undefined;
  /** Open to an agent of the organization (its token is for /mcp; it may say who it is). */
  agent?: 'allowed';
  /** The installation's things (users, telemetry): a system administrator's, refused to an organization's admin. */
  system?: true;
  /** Path parameters given a resource of their own: the route uses them up, or addresses another kind than the name says. */
  params?: Record<string, Fill>;
  /** The body, where the schema's smallest example is not enough. */
  body?: (e: Estate, make: Make) => Promise<unknown> | unknown;
  query?: (e: Estate) => string;
  /** Answers from the gateway itself (its version), running no document. */
  static?: true;
  /** Takes back what an allowed request made, so that later routes see its caller as before. */
  undo?: (t: TestApp, answer: unknown) => Promise<unknown>;
}

const email = () => `${Math.random().toString(36).slice(2)}@example.test`;
const fresh = {
  agent: async (_e: Estate, m: Make) => (await m.agent()).id,
  agentName: async (_e: Estate, m: Make) => (await m.agent()).name,
  member: async (_e: Estate, m: Make) => (await m.member()).id,
  memberName: async (_e: Estate, m: Make) => (await m.member()).username,
  server: (_e: Estate, m: Make) => m.server(),
  toolset: (_e: Estate, m: Make) => m.toolset(),
  project: (_e: Estate, m: Make) => m.project(),
  invitation: (_e: Estate, m: Make) => m.invitation(),
  key: (_e: Estate, m: Make) => m.key(),
  apiKey: (_e: Estate, m: Make) => m.apiKey(),
};
const openApi: Expectation['params'] = { serverId: (e) => e.openApiServerId };
/** What the installation was before a reset, put back after the one that is granted. */
let beforeReset: unknown;
const restore = (t: TestApp, document: unknown) => t.admin.data(`mutation($d: JSON!) { restoreSystem(input: { document: $d }) { counts { rows } } }`, { d: document });

export const EXPECTATIONS: Record<string, Expectation> = {
  // Seed 000 (MCPJungle): clients are agents, users the installation's.
  'GET /api/v0/clients': {},
  'POST /api/v0/clients': {},
  'PUT /api/v0/clients/:name': {},
  'DELETE /api/v0/clients/:name': { params: { name: fresh.agentName } },
  'POST /api/v0/users': { system: true },
  'GET /api/v0/users': { system: true },
  'PUT /api/v0/users/:username': { system: true },
  'DELETE /api/v0/users/:username': { system: true, params: { username: fresh.memberName } },
  'GET /api/v0/users/whoami': { viewer: 'allowed', agent: 'allowed' },
  // Seed 001 (APITraffic): tokens are agents of the account.
  'GET /v1/accounts/:accountSid/mcpTokens': {},
  'POST /v1/accounts/:accountSid/mcpTokens': {},
  'PUT /v1/accounts/:accountSid/mcpTokens/:sid': {},
  'DELETE /v1/accounts/:accountSid/mcpTokens/:sid': { params: { sid: fresh.agent } },
  // Seed 002 (MCP Stack).
  'GET /api/v1/organizations': { viewer: 'allowed' },
  'POST /api/v1/organizations': {
    viewer: 'allowed',
    viewerKey: undefined,
    undo: (t, body) => t.admin.data(`mutation($id: ID!) { deleteOrganization(input: { id: $id }) { deletedOrganizationId } }`, { id: (body as { id: string }).id }),
  },
  'GET /api/v1/organizations/:orgId': { viewer: 'allowed' },
  'PATCH /api/v1/organizations/:orgId': {},
  'DELETE /api/v1/organizations/:orgId': { params: { orgId: (e, m) => m.organization(e.viewerId) } },
  'GET /api/v1/organizations/:orgId/members': { viewer: 'allowed' },
  'PATCH /api/v1/organizations/:orgId/members/:principalId': { params: { principalId: fresh.member }, body: () => ({ role: 'viewer' }) },
  'DELETE /api/v1/organizations/:orgId/members/:principalId': { params: { principalId: fresh.member } },
  'GET /api/v1/organizations/:orgId/invitations': {},
  'POST /api/v1/organizations/:orgId/invitations': { body: () => ({ email: email(), role: 'viewer' }) },
  'POST /api/v1/organizations/:orgId/invitations/:invitationId/resend': { params: { invitationId: (_e, m) => m.invitationSentBefore(Date.now() - 3_600_000) } },
  'POST /api/v1/organizations/:orgId/invitations/:invitationId/revoke': { params: { invitationId: fresh.invitation } },
  'GET /api/v1/organizations/:orgId/api-keys': {},
  'GET /api/v1/organizations/:orgId/api-keys/roles': { viewer: 'allowed' },
  'POST /api/v1/organizations/:orgId/api-keys': {},
  'DELETE /api/v1/organizations/:orgId/api-keys/:keyId': { params: { keyId: fresh.key } },
  'POST /api/v1/organizations/:orgId/authorization/check': { viewer: 'allowed', agent: 'allowed', body: () => ({ actions: ['server.write'] }) },
  'POST /api/v1/organizations/:orgId/authorization/check-entities': { viewer: 'allowed', agent: 'allowed', body: (e) => ({ checks: [{ action: 'server.read', resourceId: e.server.id }] }) },
  'GET /api/v1/organizations/:orgId/mcp-servers': { viewer: 'allowed' },
  'POST /api/v1/organizations/:orgId/mcp-servers': { body: () => ({ name: `s${Math.random().toString(36).slice(2)}`, transport: 'streamable_http', url: 'http://127.0.0.1:1/mcp' }) },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId': { viewer: 'allowed' },
  'PATCH /api/v1/organizations/:orgId/mcp-servers/:serverId': { body: () => ({ description: 'patched' }) },
  'DELETE /api/v1/organizations/:orgId/mcp-servers/:serverId': { params: { serverId: fresh.server } },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/config': { viewer: 'allowed' },
  'POST /api/v1/organizations/:orgId/mcp-servers/:serverId/discover-tools': {},
  'PATCH /api/v1/organizations/:orgId/mcp-servers/:serverId/tools/:toolId': { body: () => ({ instructions: 'patched' }) },
  'PUT /api/v1/organizations/:orgId/mcp-servers/:serverId/tools': { body: (e) => [{ id: e.server.toolId, instructions: 'patched' }] },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployment': { viewer: 'allowed' },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployments': { viewer: 'allowed' },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployments/:deploymentId': { viewer: 'allowed', params: { deploymentId: (e, m) => m.deployment(e.server.id) } },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployment-config': { viewer: 'allowed' },
  'PATCH /api/v1/organizations/:orgId/mcp-servers/:serverId/deployment-config': { body: () => ({ callTimeoutMs: 30_000 }) },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/analytics': {},
  'GET /api/v1/organizations/:orgId/agents/:agentId/usage': {},
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/auth-config': { viewer: 'allowed' },
  'PUT /api/v1/organizations/:orgId/mcp-servers/:serverId/auth-config': { body: () => ({ headers: { 'x-upstream': 'secret' } }) },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/logs': { viewer: 'filtered' },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployment-operations': { viewer: 'allowed' },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployment-operations/:operationId': { viewer: 'allowed' },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/deployment/logs': {},
  'POST /api/v1/organizations/:orgId/mcp-servers/:serverId/hosting-checks': {},
  'POST /api/v1/organizations/:orgId/mcp-servers/:serverId/mcp-smoke/tools-list': {},
  'POST /api/v1/organizations/:orgId/mcp-servers/:serverId/mcp-smoke/tools/:toolName/call': { body: () => ({ arguments: { text: 'hi' } }) },
  'PUT /api/v1/organizations/:orgId/mcp-servers/:serverId/openapi': { params: openApi, body: (e) => ({ openApiSpecUrl: e.specUrl }) },
  'POST /api/v1/organizations/:orgId/mcp-servers/:serverId/openapi/refresh': { params: openApi },
  'GET /api/v1/organizations/:orgId/mcp-servers/:serverId/endpoints': { params: openApi, viewer: 'allowed' },
  'PUT /api/v1/organizations/:orgId/mcp-servers/:serverId/endpoints': { params: openApi },
  'POST /api/v1/organizations/:orgId/mcp-servers/:serverId/auth-discovery': { params: openApi },
  'GET /api/v1/organizations/:orgId/agents': {},
  'POST /api/v1/organizations/:orgId/agents': {},
  'GET /api/v1/organizations/:orgId/agents/:agentId': {},
  'PATCH /api/v1/organizations/:orgId/agents/:agentId': {},
  'DELETE /api/v1/organizations/:orgId/agents/:agentId': { params: { agentId: fresh.agent } },
  'GET /api/v1/dashboard/stats': { viewer: 'allowed', query: (e) => `?organizationId=${e.orgId}` },
  'GET /api/v1/dashboard/analytics': { query: (e) => `?organizationId=${e.orgId}` },
  'GET /api/v1/auth/me': { viewer: 'allowed', agent: 'allowed' },
  'GET /api/v1/cli/whoami': { viewer: 'allowed', agent: 'allowed' },
  // Seed 003 (Enkrypt): configurations are toolsets, keys are people's project keys.
  'GET /api/v1/configs': { viewer: 'allowed' },
  'POST /api/v1/configs': {},
  'POST /api/v1/configs/copy': { body: (e) => ({ source_config: e.toolsetId, target_config: `c${Math.random().toString(36).slice(2)}` }) },
  'POST /api/v1/configs/search': { viewer: 'allowed' },
  'POST /api/v1/configs/import': { body: (e) => ({ config: e.exported, config_name: `c${Math.random().toString(36).slice(2)}` }) },
  'GET /api/v1/configs/:config_identifier': { viewer: 'allowed' },
  'PUT /api/v1/configs/:config_identifier/rename': {},
  'DELETE /api/v1/configs/:config_identifier': { params: { config_identifier: fresh.toolset } },
  'GET /api/v1/configs/:config_identifier/servers': { viewer: 'allowed' },
  'POST /api/v1/configs/:config_identifier/servers': { params: { config_identifier: fresh.toolset }, body: () => ({ server_name: `s${Math.random().toString(36).slice(2)}`, url: 'http://127.0.0.1:1/mcp' }) },
  'PUT /api/v1/configs/:config_identifier/servers/:server_name': {},
  'DELETE /api/v1/configs/:config_identifier/servers/:server_name': { params: { config_identifier: (e, m) => m.toolsetWith(e.server.id) } },
  'DELETE /api/v1/configs/:config_identifier/servers': { params: { config_identifier: (e, m) => m.toolsetWith(e.server.id) } },
  'POST /api/v1/configs/:config_identifier/validate': {},
  'POST /api/v1/configs/:config_identifier/export': {},
  'PUT /api/v1/configs/:config_identifier/servers/:server_name/input-guardrails': {},
  'PUT /api/v1/configs/:config_identifier/servers/:server_name/output-guardrails': {},
  'PUT /api/v1/configs/:config_identifier/servers/:server_name/guardrails': {},
  'GET /api/v1/projects': { viewer: 'allowed' },
  'POST /api/v1/projects': {},
  'POST /api/v1/projects/search': { viewer: 'allowed' },
  'GET /api/v1/projects/:project_identifier': { viewer: 'allowed' },
  'DELETE /api/v1/projects/:project_identifier': { params: { project_identifier: fresh.project } },
  'POST /api/v1/projects/:project_identifier/assign-config': { params: { project_identifier: fresh.project }, body: (e) => ({ config_name: e.toolsetId }) },
  'POST /api/v1/projects/:project_identifier/unassign-config': { params: { project_identifier: fresh.project } },
  'GET /api/v1/projects/:project_identifier/config': { viewer: 'allowed' },
  'GET /api/v1/projects/:project_identifier/users': { viewer: 'allowed' },
  'POST /api/v1/projects/:project_identifier/users': { params: { project_identifier: fresh.project }, body: async (_e, m) => ({ user_id: (await m.member()).id }) },
  'DELETE /api/v1/projects/:project_identifier/users/:user_identifier': { params: { project_identifier: (e, m) => m.projectWith(e.member.id) } },
  'DELETE /api/v1/projects/:project_identifier/users': { params: { project_identifier: (e, m) => m.projectWith(e.member.id) } },
  'POST /api/v1/projects/:project_identifier/export': {},
  'GET /api/v1/users': { system: true },
  'POST /api/v1/users': { system: true, body: () => ({ email: email() }) },
  'POST /api/v1/users/search': { system: true },
  'GET /api/v1/users/:user_identifier': { system: true },
  'PUT /api/v1/users/:user_identifier': { system: true, params: { user_identifier: fresh.member }, body: () => ({ new_email: email() }) },
  'DELETE /api/v1/users/:user_identifier': { system: true, params: { user_identifier: fresh.member } },
  'GET /api/v1/users/:user_identifier/projects': { system: true },
  'POST /api/v1/users/:user_identifier/api-keys': { body: (e) => ({ project_name: e.projectId }) },
  'GET /api/v1/users/:user_identifier/api-keys': { system: true },
  'DELETE /api/v1/users/:user_identifier/api-keys': { system: true, params: { user_identifier: fresh.member } },
  'GET /api/v1/api-keys': { viewer: 'filtered', viewerKey: undefined },
  'POST /api/v1/api-keys/rotate': { body: async (_e, m) => ({ api_key: await m.apiKey() }) },
  'GET /api/v1/api-keys/:api_key': {},
  'POST /api/v1/api-keys/:api_key/disable': { params: { api_key: fresh.apiKey } },
  'POST /api/v1/api-keys/:api_key/enable': { params: { api_key: fresh.apiKey } },
  'DELETE /api/v1/api-keys/:api_key': { params: { api_key: fresh.apiKey } },
  'PUT /api/v1/settings/telemetry': { system: true, body: (e) => ({ enabled: true, url: e.telemetryUrl, insecure: true }) },
  'GET /api/v1/settings/telemetry': { system: true },
  'POST /api/v1/system/backup': { system: true },
  'POST /api/v1/system/restore': { system: true, body: async (_e, m) => ({ backup: await m.backup() }) },
  'POST /api/v1/system/reset': {
    system: true,
    body: async (_e, m) => {
      beforeReset = await m.backup();
      return { confirm: true };
    },
    undo: (t) => restore(t, beforeReset),
  },
  // Seed 004 (Ambassador): the admin API.
  'GET /v1/admin/users': { system: true },
  'POST /v1/admin/users': { system: true },
  'GET /v1/admin/users/:id': { system: true, params: { id: (e) => e.member.id } },
  'PUT /v1/admin/users/:id': { system: true, params: { id: fresh.member } },
  'DELETE /v1/admin/users/:id': { system: true, params: { id: fresh.member } },
  'POST /v1/admin/users/:id/reset-password': { system: true, params: { id: fresh.member }, body: () => ({ password: 'a-new-long-password-1' }) },
  'POST /v1/admin/users/:id/preshared-keys': { system: true, params: { id: (e) => e.member.id } },
  'GET /v1/admin/users/:id/preshared-keys': { system: true, params: { id: (e) => e.member.id } },
  'DELETE /v1/admin/users/:id/preshared-keys/:key_id': { system: true, params: { id: (e) => e.member.id, key_id: (e, m) => m.presharedKey(e.member.id) } },
  'GET /v1/admin/groups': {},
  'POST /v1/admin/groups': {},
  'GET /v1/admin/groups/:id': { params: { id: (e) => e.groupId } },
  'PUT /v1/admin/groups/:id/members': { params: { id: (e) => e.groupId } },
  'PUT /v1/admin/groups/:id/mcps': { params: { id: (e) => e.groupId } },
  'GET /v1/admin/mcps': { viewer: 'allowed' },
  'POST /v1/admin/mcps': { body: () => ({ name: `s${Math.random().toString(36).slice(2)}`, transport: 'streamable_http', url: 'http://127.0.0.1:1/mcp' }) },
  'POST /v1/admin/mcps/:id/validate': { params: { id: (e) => e.server.id } },
  'POST /v1/admin/mcps/:id/publish': { params: { id: (e) => e.server.id } },
  'POST /v1/admin/mcps/:id/archive': { params: { id: fresh.server } },
  'PUT /v1/admin/mcps/:id/kill': { params: { id: (e) => e.server.id }, body: () => ({ active: false }) },
  'PUT /v1/admin/mcps/:id/tools/:tool_name/kill': { params: { id: (e) => e.server.id }, body: () => ({ active: false }) },
  'GET /v1/admin/audit': { viewer: 'filtered' },
  'GET /api/v1/system/health': { viewer: 'allowed', agent: 'allowed', static: true },
};

/** Routes open to anyone, with the status a stranger gets: signing in, a CLI's bootstrap configuration. */
export const OPEN: Record<string, { status: number; body?: (e: Estate) => unknown }> = {
  'POST /v1/admin/login': { status: 200, body: (e) => ({ username: e.member.username, password: e.member.password }) },
  'GET /api/v1/cli/config': { status: 200 },
};
