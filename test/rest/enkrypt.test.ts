import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { FIXTURE, mcpClient } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';
import { createOrganization, orgMember } from '../support/tenancy.ts';

/** Seed 003 (Enkrypt): its complete workflow example and its endpoints, as written, against Switchboard. */
let t: TestApp;
const call = (method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN) => restCall(t.url, method, path, { headers: bearer(token), body });
const ok = (message: string | RegExp, data: unknown) => ({ message: typeof message === 'string' ? message : expect.stringMatching(message), data });

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t.stop());

describe('the complete workflow example', () => {
  it('creates a user, a project, a configuration with a server, and a key that reaches exactly that configuration', async () => {
    const email = `${unique('developer')}@example.com`;
    const user = await call('POST', '/api/v1/users', { email });
    expect(user).toMatchObject({ status: 201, body: ok('User created successfully', { user_id: expect.stringMatching(/^usr_/), email }) });
    const projectName = unique('Development Project ');
    const project = await call('POST', '/api/v1/projects', { project_name: projectName });
    expect(project).toMatchObject({ status: 201, body: ok('Project created successfully', { project_id: expect.stringMatching(/^prj_/), project_name: projectName }) });
    const projectId = project.body.data.project_id;
    expect((await call('POST', `/api/v1/projects/${projectId}/users`, { email })).body.data.users).toEqual([expect.objectContaining({ email })]);
    const configName = unique('Development Config ');
    const config = await call('POST', '/api/v1/configs', { config_name: configName });
    expect(config).toMatchObject({ status: 201, body: ok('Configuration created successfully', { mcp_config_name: configName, servers: 0, used_by_projects: [] }) });
    const configId = config.body.data.mcp_config_id;
    const serverName = unique('github_server_').toLowerCase();
    const added = await call('POST', `/api/v1/configs/${configId}/servers`, { server_name: serverName, server_command: process.execPath, args: [FIXTURE], description: 'GitHub MCP Server', tools: {} });
    expect(added).toMatchObject({ status: 201, body: ok('Server added successfully', { server_name: serverName, server_command: process.execPath, args: [FIXTURE], tools: null }) });
    expect((await call('POST', `/api/v1/configs/${configId}/validate`)).body.data).toEqual({ valid: true, servers: [{ server_name: serverName, valid: true, error: null }] });
    await t.admin.data(`mutation($id: ID!) { publishMcpServer(input: { id: $id }) { server { id } } }`, { id: added.body.data.server_id });
    expect((await call('POST', `/api/v1/projects/${projectId}/assign-config`, { config_name: configName })).body.data).toMatchObject({ mcp_config_id: configId });
    const key = await call('POST', `/api/v1/users/${user.body.data.user_id}/api-keys`, { project_name: projectName });
    expect(key).toMatchObject({ status: 201, body: ok('API key generated successfully', { api_key: expect.stringMatching(/^sbu_/), project_id: projectId }) });
    const apiKey = key.body.data.api_key;

    // Using the generated API key: it lists configurations and projects, and reaches the project's servers.
    expect((await call('GET', '/api/v1/configs', undefined, apiKey)).body.data).toContainEqual(expect.objectContaining({ mcp_config_id: configId }));
    expect((await call('GET', '/api/v1/projects', undefined, apiKey)).body.data).toContainEqual(expect.objectContaining({ project_id: projectId }));
    expect((await call('POST', '/api/v1/configs', { config_name: unique('nope') }, apiKey)).status).toBe(403);
    const client = await mcpClient(t.url, apiKey);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain(`${serverName}__echo`);
    await client.close();

    expect((await call('GET', `/api/v1/projects/${projectId}/config`)).body.data).toEqual({ mcp_config_id: configId, mcp_config_name: configName, servers: [{ server_name: serverName, tools: null }] });
    expect((await call('GET', `/api/v1/users/${email}/projects`)).body.data).toEqual([expect.objectContaining({ project_id: projectId })]);
    // In use by a project: deleting the configuration is refused, and a user in a project is kept unless forced.
    expect(await call('DELETE', `/api/v1/configs/${configId}`)).toMatchObject({ status: 409, body: { error: 'Conflict', detail: expect.stringContaining('project'), timestamp: expect.any(String) } });
    expect((await call('DELETE', `/api/v1/users/${email}`, { force: false })).status).toBe(409);
  });
});

describe('configurations', () => {
  it('are renamed, copied, searched, exported and imported (documents travel in the body, never as file paths)', async () => {
    const name = unique('cfg');
    const id = (await call('POST', '/api/v1/configs', { config_name: name })).body.data.mcp_config_id;
    expect((await call('PUT', `/api/v1/configs/${name}/rename`, { new_name: `${name}-renamed` })).body.data.mcp_config_name).toBe(`${name}-renamed`);
    expect((await call('GET', `/api/v1/configs/${id}`)).body.data).toMatchObject({ mcp_config_name: `${name}-renamed`, server_list: [] });
    expect((await call('POST', '/api/v1/configs/copy', { source_config: id, target_config: `${name}-copy` })).body.data.mcp_config_name).toBe(`${name}-copy`);
    expect((await call('POST', '/api/v1/configs/search', { search_term: name })).body.data.map((c: { mcp_config_name: string }) => c.mcp_config_name).sort()).toEqual([`${name}-copy`, `${name}-renamed`]);
    expect(await call('POST', `/api/v1/configs/${id}/export`, { output_file: '/etc/passwd' })).toMatchObject({ status: 400, body: { error: 'Bad Request', detail: expect.stringContaining('never reads or writes a path') } });
    const exported = (await call('POST', `/api/v1/configs/${id}/export`, {})).body.data.config;
    expect(exported).toMatchObject({ format: 'switchboard.toolset/1', name: `${name}-renamed` });
    expect((await call('POST', '/api/v1/configs/import', { input_file: '/tmp/x.json', config_name: 'x' })).status).toBe(400);
    const imported = await call('POST', '/api/v1/configs/import', { config: exported, config_name: `${name}-imported` });
    expect(imported).toMatchObject({ status: 201, body: { data: { config: { mcp_config_name: `${name}-imported` }, created_servers: [] } } });
    expect((await call('POST', '/api/v1/configs/import', { config: { ...exported, extra: 1 }, config_name: unique('bad') })).status).toBe(400);
    expect(await call('GET', '/api/v1/configs/tls_unknown')).toMatchObject({ status: 404, body: { error: 'Not Found' } });
    expect((await call('DELETE', `/api/v1/configs/${id}/servers/nothing`)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/configs/${id}`)).body.data).toEqual({ mcp_config_id: id });
  });
});

describe('guardrails', () => {
  it('set a server’s input, output or both policies by name, and refuse a policy file path', async () => {
    const configName = unique('guarded');
    await call('POST', '/api/v1/configs', { config_name: configName });
    const serverName = unique('guarded_').toLowerCase();
    await call('POST', `/api/v1/configs/${configName}/servers`, { server_name: serverName, server_command: process.execPath, args: [FIXTURE] });
    const base = `/api/v1/configs/${configName}/servers/${serverName}`;
    const policy = (name: string) => ({ enabled: true, guardrail_name: name, additional_config: { pii_redaction: true }, block: ['policy_violation', 'injection_attack'] });

    const input = await call('PUT', `${base}/input-guardrails`, { policy: policy('Input Guardrail Policy') });
    expect(input).toMatchObject({ status: 200, body: ok('Input guardrails updated successfully', {
      input_guardrails_config: { enabled: true, guardrail_name: 'Input Guardrail Policy' }, output_guardrails_config: { enabled: false, guardrail_name: null },
    }) });
    const output = await call('PUT', `${base}/output-guardrails`, { policy: policy('Output Guardrail Policy') });
    expect(output.body.data).toMatchObject({ input_guardrails_config: { guardrail_name: 'Input Guardrail Policy' }, output_guardrails_config: { enabled: true, guardrail_name: 'Output Guardrail Policy' } });

    const both = await call('PUT', `${base}/guardrails`, { input_policy: { enabled: false }, output_policy: { enabled: true, guardrail_name: 'Strict' } });
    expect(both.body.data).toMatchObject({ input_guardrails_config: { enabled: false }, output_guardrails_config: { guardrail_name: 'Strict' } });
    // Kept on the configuration's entry, as GraphQL shows it.
    const entry = (await t.admin.data(`query($n: String!) { toolset(name: $n) { servers { inputGuardrails outputGuardrails } } }`, { n: configName })).toolset.servers[0];
    expect(entry).toEqual({ inputGuardrails: [], outputGuardrails: ['Strict'] });

    const withFile = await call('PUT', `${base}/input-guardrails`, { policy_file: '/etc/passwd', policy: policy('x') });
    expect(withFile).toMatchObject({ status: 400, body: { error: 'Bad Request', detail: expect.stringContaining('policy_file') } });
    expect((await call('PUT', `${base}/guardrails`, { input_policy_file: '/tmp/p.json' })).status).toBe(400);
    expect((await call('PUT', `${base}/input-guardrails`, { policy: { enabled: 'yes' } })).status).toBe(400);
    expect((await call('PUT', `/api/v1/configs/${configName}/servers/nothing/input-guardrails`, { policy: policy('x') })).status).toBe(404);
    const unchanged = (await t.admin.data(`query($n: String!) { toolset(name: $n) { servers { inputGuardrails outputGuardrails } } }`, { n: configName })).toolset.servers[0];
    expect(unchanged).toEqual(entry);
  });
});

describe('API keys', () => {
  it('are found, rotated, disabled, enabled and deleted by their value, by admins only', async () => {
    const email = `${unique('keyholder')}@example.com`;
    const userId = (await call('POST', '/api/v1/users', { email })).body.data.user_id;
    const projectName = unique('keys');
    const projectId = (await call('POST', '/api/v1/projects', { project_name: projectName })).body.data.project_id;
    await call('POST', `/api/v1/projects/${projectId}/users`, { user_id: userId });
    const apiKey = (await call('POST', `/api/v1/users/${userId}/api-keys`, { project_name: projectId })).body.data.api_key;
    expect((await call('GET', `/api/v1/api-keys/${apiKey}`)).body.data).toMatchObject({ user_id: userId, project_id: projectId, project_name: projectName, status: 'active' });
    expect(await call('GET', `/api/v1/api-keys/${apiKey}`, undefined, apiKey)).toMatchObject({ status: 403 });
    expect((await call('GET', `/api/v1/users/${userId}/api-keys?project_identifier=${projectName}`)).body.data).toHaveLength(1);
    const rotated = (await call('POST', '/api/v1/api-keys/rotate', { api_key: apiKey })).body.data.api_key;
    expect((await call('GET', `/api/v1/api-keys/${apiKey}`)).status).toBe(404);
    expect((await call('POST', `/api/v1/api-keys/${rotated}/disable`)).body.data.status).toBe('disabled');
    expect((await call('GET', '/api/v1/system/health', undefined, rotated)).status).toBe(401);
    expect((await call('POST', `/api/v1/api-keys/${rotated}/enable`)).body.data.status).toBe('active');
    expect((await call('GET', '/api/v1/api-keys')).body.data).toContainEqual(expect.objectContaining({ user_id: userId }));
    expect((await call('DELETE', `/api/v1/api-keys/${rotated}`)).body.data.status).toBe('revoked');
    expect((await call('DELETE', `/api/v1/users/${userId}/api-keys`)).body.data).toEqual({ revoked: 0 });
    expect(await call('GET', '/api/v1/system/health', undefined, null)).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
    expect((await call('GET', '/api/v1/system/health')).body).toEqual(ok('System is healthy', { status: 'ok', version: expect.any(String) }));
  });
});

describe('project users', () => {
  it('are removed by id or email by the organization’s admin, who cannot look users up; a user not in the project is not found', async () => {
    const org = await createOrganization(t.admin);
    const admin = (await orgMember(t.admin, org.id, 'ADMIN')).token;
    const [first, second, outsider] = [await orgMember(t.admin, org.id, 'VIEWER'), await orgMember(t.admin, org.id, 'VIEWER'), await orgMember(t.admin, org.id, 'VIEWER')];
    const projectId = (await call('POST', '/api/v1/projects', { project_name: unique('members') }, admin)).body.data.project_id;
    for (const member of [first, second]) await call('POST', `/api/v1/projects/${projectId}/users`, { user_id: member.id }, admin);
    expect((await call('GET', `/api/v1/users/${first.id}`, undefined, admin)).status).toBe(403);
    expect((await call('DELETE', `/api/v1/projects/${projectId}/users/${first.id}`, undefined, admin)).body.data.users).toEqual([expect.objectContaining({ user_id: second.id })]);
    expect((await call('DELETE', `/api/v1/projects/${projectId}/users/${second.username.toUpperCase()}@EXAMPLE.TEST`, undefined, admin)).body.data.users).toEqual([]);
    expect(await call('DELETE', `/api/v1/projects/${projectId}/users/${outsider.id}`, undefined, admin)).toMatchObject({ status: 404, body: { error: 'Not Found', detail: 'User in the project not found' } });
  });

  it('are given keys by the organization’s admin, by id or email; a user not in the project gets none', async () => {
    const org = await createOrganization(t.admin);
    const admin = (await orgMember(t.admin, org.id, 'ADMIN')).token;
    const [member, outsider] = [await orgMember(t.admin, org.id, 'VIEWER'), await orgMember(t.admin, org.id, 'VIEWER')];
    const projectName = unique('keyed');
    const projectId = (await call('POST', '/api/v1/projects', { project_name: projectName }, admin)).body.data.project_id;
    await call('POST', `/api/v1/projects/${projectName}/users`, { user_id: member.id }, admin);
    expect(await call('POST', `/api/v1/users/${member.id}/api-keys`, { project_name: projectName }, admin)).toMatchObject({ status: 201, body: { data: { api_key: expect.stringMatching(/^sbu_/), user_id: member.id } } });
    expect((await call('POST', `/api/v1/users/${member.username}@example.test/api-keys`, { project_name: projectName }, admin)).status).toBe(201);
    expect(await call('POST', `/api/v1/users/${outsider.id}/api-keys`, { project_name: projectName }, admin)).toMatchObject({ status: 404, body: { detail: 'User in the project not found' } });
    expect((await call('GET', `/api/v1/users/${outsider.id}/api-keys?project_identifier=${projectId}`)).body.data).toEqual([]);
  });
});
