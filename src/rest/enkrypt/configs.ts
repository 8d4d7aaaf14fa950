import { z } from 'zod';
import { badInput, notFound } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route, type Run } from '../route.ts';
import { byIdOrName, done, envelope, refusePath } from './envelope.ts';

graphql(`fragment EnkryptConfig on Toolset { id name description serverCount projects { id name } }`);
graphql(`fragment EnkryptConfigServer on ToolsetServer { server { id name description transport command args url } tools description inputGuardrails outputGuardrails }`);
const Configs = graphql(`query EnkryptConfigs($after: String, $search: String) { toolsets(first: 100, after: $after, search: $search) { edges { node { ...EnkryptConfig } } pageInfo { hasNextPage endCursor } } }`);
const Config = graphql(`query EnkryptConfig($id: ID, $name: String) { toolset(id: $id, name: $name) { ...EnkryptConfig servers { ...EnkryptConfigServer } } }`);
const CreateConfig = graphql(`mutation EnkryptCreateConfig($input: CreateToolsetInput!) { createToolset(input: $input) { toolset { ...EnkryptConfig } } }`);
const RenameConfig = graphql(`mutation EnkryptRenameConfig($input: UpdateToolsetInput!) { updateToolset(input: $input) { toolset { ...EnkryptConfig } } }`);
const DeleteConfig = graphql(`mutation EnkryptDeleteConfig($id: ID!) { deleteToolset(input: { id: $id }) { deletedToolsetId } }`);
const CopyConfig = graphql(`mutation EnkryptCopyConfig($input: CopyToolsetInput!) { copyToolset(input: $input) { toolset { ...EnkryptConfig } } }`);
const AddServer = graphql(`mutation EnkryptAddServer($input: AddToolsetServerInput!) { addToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }`);
export const UpdateEntry = graphql(`mutation EnkryptUpdateEntry($input: ToolsetServerInput!) { updateToolsetServer(input: $input) { entry { ...EnkryptConfigServer } } }`);
const UpdateServer = graphql(`mutation EnkryptUpdateServer($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { server { id } } }`);
const RemoveServers = graphql(`mutation EnkryptRemoveServers($input: RemoveToolsetServersInput!) { removeToolsetServers(input: $input) { toolset { ...EnkryptConfig } } }`);
const ValidateConfig = graphql(`mutation EnkryptValidateConfig($id: ID!) { validateToolset(input: { id: $id }) { ok results { ok error server { name } } } }`);
const ExportConfig = graphql(`mutation EnkryptExportConfig($id: ID!) { exportToolset(input: { id: $id }) { document } }`);
const ImportConfig = graphql(`mutation EnkryptImportConfig($input: ImportToolsetInput!) { importToolset(input: $input) { toolset { ...EnkryptConfig } createdServers { name } reusedServers { name } secretsToFill { serverName env headers urlCredentials } } }`);

type ConfigFields = { id: string; name: string; description?: string | null; serverCount: number; projects: { id: string; name: string }[] };
type EntryFields = {
  server: { id: string; name: string; description?: string | null; transport: string; command?: string | null; args?: string[] | null; url?: string | null };
  tools?: string[] | null; description?: string | null; inputGuardrails: string[]; outputGuardrails: string[];
};

const config = (c: ConfigFields) => ({
  mcp_config_id: c.id, mcp_config_name: c.name, description: c.description ?? null, servers: c.serverCount,
  used_by_projects: c.projects.map((p) => ({ project_id: p.id, project_name: p.name })),
});
const guardrail = (names: string[]) => ({ enabled: names.length > 0, guardrail_name: names[0] ?? null });
export const server = (e: EntryFields) => ({
  server_id: e.server.id, server_name: e.server.name, server_command: e.server.command ?? null, args: e.server.args ?? [], url: e.server.url ?? null,
  description: e.description ?? e.server.description ?? null, tools: e.tools ?? null,
  input_guardrails_config: guardrail(e.inputGuardrails), output_guardrails_config: guardrail(e.outputGuardrails),
});

const ConfigOut = z.object({
  mcp_config_id: z.string(), mcp_config_name: z.string(), description: z.string().nullable(), servers: z.number(),
  used_by_projects: z.array(z.object({ project_id: z.string(), project_name: z.string() })),
});
export const ServerOut = z.object({
  server_id: z.string(), server_name: z.string(), server_command: z.string().nullable(), args: z.array(z.string()), url: z.string().nullable(),
  description: z.string().nullable(), tools: z.array(z.string()).nullable(),
  input_guardrails_config: z.object({ enabled: z.boolean(), guardrail_name: z.string().nullable() }), output_guardrails_config: z.object({ enabled: z.boolean(), guardrail_name: z.string().nullable() }),
});
const GuardrailIn = z.object({ enabled: z.boolean(), guardrail_name: z.string().optional() }).optional();
const ServerIn = z.object({
  server_name: z.string(), server_command: z.string().optional(), args: z.array(z.string()).optional(), url: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(), tools: z.record(z.string(), z.unknown()).optional(), description: z.string().optional(),
  input_guardrails_config: GuardrailIn, output_guardrails_config: GuardrailIn,
});
const guardrails = (g: z.infer<typeof GuardrailIn>) => (g?.enabled && g.guardrail_name ? [g.guardrail_name] : []);
/** The seed's `tools: {}` is every tool; its keys name the ones chosen. */
const chosenTools = (tools: Record<string, unknown> | undefined) => (tools && Object.keys(tools).length ? Object.keys(tools) : null);

const loadConfig = async (run: Run, identifier: string) => (await run(Config, byIdOrName(identifier, 'tls'))).toolset;
export async function entryOf(run: Run, identifier: string, serverName: string) {
  const found = await loadConfig(run, identifier);
  const entry = found.servers.find((e) => e.server.name === serverName);
  if (!entry) throw notFound(`Server ${serverName} in the configuration`);
  return { config: found, entry };
}

export const configRoutes = [
  route({
    method: 'GET', path: '/api/v1/configs', summary: 'List configurations', response: envelope(z.array(ConfigOut)),
    handle: async ({ run }) => done('Configurations retrieved successfully', (await everyPage((after) => run(Configs, { after }).then((d) => d.toolsets))).map(config)),
  }),
  route({
    method: 'POST', path: '/api/v1/configs', summary: 'Create a configuration', status: 201, fields: { name: 'config_name' }, body: z.object({ config_name: z.string() }), response: envelope(ConfigOut),
    handle: async ({ run, body }) => done('Configuration created successfully', config((await run(CreateConfig, { input: { name: body.config_name } })).createToolset.toolset)),
  }),
  route({
    method: 'POST', path: '/api/v1/configs/copy', summary: 'Copy a configuration', status: 201, body: z.object({ source_config: z.string(), target_config: z.string() }), response: envelope(ConfigOut),
    handle: async ({ run, body }) => {
      const source = await loadConfig(run, body.source_config);
      return done('Configuration copied successfully', config((await run(CopyConfig, { input: { id: source.id, name: body.target_config } })).copyToolset.toolset));
    },
  }),
  route({
    method: 'POST', path: '/api/v1/configs/search', summary: 'Search configurations by name, description or server', body: z.object({ search_term: z.string() }), response: envelope(z.array(ConfigOut)),
    handle: async ({ run, body }) => done('Search completed successfully', (await everyPage((after) => run(Configs, { after, search: body.search_term }).then((d) => d.toolsets))).map(config)),
  }),
  route({
    method: 'POST', path: '/api/v1/configs/import', summary: 'Import a configuration from a document (as export gives it)', status: 201,
    body: z.object({ config: z.unknown().optional(), config_name: z.string().optional(), input_file: z.string().optional() }),
    response: envelope(z.object({ config: ConfigOut, created_servers: z.array(z.string()), reused_servers: z.array(z.string()), secrets_to_fill: z.array(z.unknown()) })),
    handle: async ({ run, body }) => {
      refusePath('input_file', body.input_file);
      if (body.config === undefined) throw badInput('config: give the document, as export gives it', { field: 'config' });
      const { importToolset: r } = await run(ImportConfig, { input: { document: body.config, name: body.config_name } });
      return done('Configuration imported successfully', {
        config: config(r.toolset), created_servers: r.createdServers.map((s) => s.name), reused_servers: r.reusedServers.map((s) => s.name), secrets_to_fill: r.secretsToFill,
      });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/configs/:config_identifier', summary: 'A configuration with its servers', response: envelope(ConfigOut.extend({ server_list: z.array(ServerOut) })),
    handle: async ({ run, params }) => {
      const found = await loadConfig(run, params.config_identifier!);
      return done('Configuration retrieved successfully', { ...config(found), server_list: found.servers.map(server) });
    },
  }),
  route({
    method: 'PUT', path: '/api/v1/configs/:config_identifier/rename', summary: 'Rename a configuration', body: z.object({ new_name: z.string() }), response: envelope(ConfigOut),
    handle: async ({ run, params, body }) => {
      const found = await loadConfig(run, params.config_identifier!);
      return done('Configuration renamed successfully', config((await run(RenameConfig, { input: { id: found.id, name: body.new_name } })).updateToolset.toolset));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/configs/:config_identifier', summary: 'Delete a configuration (refused while a project uses it)', response: envelope(z.object({ mcp_config_id: z.string() })),
    handle: async ({ run, params }) => {
      const found = await loadConfig(run, params.config_identifier!);
      return done('Configuration deleted successfully', { mcp_config_id: (await run(DeleteConfig, { id: found.id })).deleteToolset.deletedToolsetId });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/configs/:config_identifier/servers', summary: 'The servers of a configuration', response: envelope(z.array(ServerOut)),
    handle: async ({ run, params }) => done('Servers retrieved successfully', (await loadConfig(run, params.config_identifier!)).servers.map(server)),
  }),
  route({
    method: 'POST', path: '/api/v1/configs/:config_identifier/servers', summary: 'Add a server (defined here, under the catalog’s rules)', status: 201, body: ServerIn, response: envelope(ServerOut),
    handle: async ({ run, params, body }) => {
      const found = await loadConfig(run, params.config_identifier!);
      const settings = { tools: chosenTools(body.tools), description: body.description, inputGuardrails: guardrails(body.input_guardrails_config), outputGuardrails: guardrails(body.output_guardrails_config) };
      const remote = body.url !== undefined;
      const definition = {
        name: body.server_name, transport: remote ? ('STREAMABLE_HTTP' as const) : ('STDIO' as const), command: body.server_command, args: body.args, url: body.url,
        description: body.description, env: Object.entries(body.env ?? {}).map(([name, value]) => ({ name, value })),
      };
      const { addToolsetServer } = await run(AddServer, { input: { toolsetId: found.id, server: definition, ...settings } });
      return done('Server added successfully', server(addToolsetServer.entry));
    },
  }),
  route({
    method: 'PUT', path: '/api/v1/configs/:config_identifier/servers/:server_name', summary: 'Change a server of a configuration', body: ServerIn.partial(), response: envelope(ServerOut),
    handle: async ({ run, params, body }) => {
      const { config: found, entry } = await entryOf(run, params.config_identifier!, params.server_name!);
      if (body.server_command !== undefined || body.args !== undefined || body.url !== undefined || body.env !== undefined) {
        const env = body.env && Object.entries(body.env).map(([name, value]) => ({ name, value }));
        await run(UpdateServer, { input: { id: entry.server.id, command: body.server_command, args: body.args, url: body.url, env } });
      }
      const settings = {
        toolsetId: found.id, serverId: entry.server.id, description: body.description,
        ...(body.tools !== undefined && { tools: chosenTools(body.tools) }),
        ...(body.input_guardrails_config !== undefined && { inputGuardrails: guardrails(body.input_guardrails_config) }),
        ...(body.output_guardrails_config !== undefined && { outputGuardrails: guardrails(body.output_guardrails_config) }),
      };
      return done('Server updated successfully', server((await run(UpdateEntry, { input: settings })).updateToolsetServer.entry));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/configs/:config_identifier/servers/:server_name', summary: 'Remove a server from a configuration', response: envelope(ConfigOut),
    handle: async ({ run, params }) => {
      const { config: found, entry } = await entryOf(run, params.config_identifier!, params.server_name!);
      return done('Server removed successfully', config((await run(RemoveServers, { input: { toolsetId: found.id, serverId: entry.server.id } })).removeToolsetServers.toolset));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/configs/:config_identifier/servers', summary: 'Remove every server from a configuration', response: envelope(ConfigOut),
    handle: async ({ run, params }) => {
      const found = await loadConfig(run, params.config_identifier!);
      return done('All servers removed successfully', config((await run(RemoveServers, { input: { toolsetId: found.id, all: true } })).removeToolsetServers.toolset));
    },
  }),
  route({
    method: 'POST', path: '/api/v1/configs/:config_identifier/validate', summary: 'Validate every server of a configuration',
    response: envelope(z.object({ valid: z.boolean(), servers: z.array(z.object({ server_name: z.string(), valid: z.boolean(), error: z.string().nullable() })) })),
    handle: async ({ run, params }) => {
      const found = await loadConfig(run, params.config_identifier!);
      const { validateToolset: v } = await run(ValidateConfig, { id: found.id });
      return done('Configuration validated', { valid: v.ok, servers: v.results.map((r) => ({ server_name: r.server.name, valid: r.ok, error: r.error ?? null })) });
    },
  }),
  route({
    method: 'POST', path: '/api/v1/configs/:config_identifier/export', summary: 'Export a configuration as a document (secret values left to fill)',
    body: z.object({ output_file: z.string().optional() }).optional(), response: envelope(z.object({ config: z.unknown() })),
    handle: async ({ run, params, body }) => {
      refusePath('output_file', body?.output_file);
      const found = await loadConfig(run, params.config_identifier!);
      return done('Configuration exported successfully', { config: (await run(ExportConfig, { id: found.id })).exportToolset.document });
    },
  }),
];
