import type { Command } from 'commander';
import { ApiError, ClientErrorCode } from '../client/api-client.ts';
import { graphql } from '../client/gql/index.ts';
import type { Transport } from '../client/gql/graphql.ts';
import { everyPage } from '../client/pages.ts';
import { keyValues, repeated } from './arguments.ts';
import type { Output } from './output.ts';
import { loggedInClient } from './session-store.ts';

graphql(`fragment CliServer on McpServer { id name transport status toolCount url command killSwitch { active reason } organization { name } }`);
const Servers = graphql(`query CliServers($after: String, $filter: McpServerFilter) { mcpServers(first: 100, after: $after, filter: $filter) { edges { node { ...CliServer } } pageInfo { hasNextPage endCursor } } }`);
const ServerByName = graphql(`query CliServerByName($name: String!, $organizationId: ID) { mcpServer(name: $name, organizationId: $organizationId) { id name } }`);
const Create = graphql(`mutation CliCreateServer($input: CreateMcpServerInput!) { createMcpServer(input: $input) { server { ...CliServer } } }`);
const Validate = graphql(`mutation CliValidateServer($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { name } server { ...CliServer } } }`);
const Publish = graphql(`mutation CliPublishServer($id: ID!) { publishMcpServer(input: { id: $id }) { server { ...CliServer } } }`);
const Archive = graphql(`mutation CliArchiveServer($id: ID!) { archiveMcpServer(input: { id: $id }) { server { ...CliServer } } }`);
const Kill = graphql(`mutation CliKillServer($input: KillSwitchInput!) { setServerKillSwitch(input: $input) { server { ...CliServer } } }`);

type Server = { name: string; transport: string; status: string; toolCount: number; url?: string | null; command?: string | null; killSwitch: { active: boolean }; organization: { name: string } };
const row = (s: Server) => ({ name: s.name, organization: s.organization.name, transport: s.transport.toLowerCase(), status: s.status.toLowerCase(), tools: s.toolCount, killed: s.killSwitch.active ? 'yes' : '', endpoint: s.url ?? s.command ?? null });

/** A server's id from its name, in the caller's organization (or the one given). */
export async function serverId(name: string, organizationId?: string): Promise<string> {
  return (await loggedInClient().run(ServerByName, { name, organizationId })).mcpServer.id;
}

export function serverCommands(program: Command, output: Output) {
  const servers = program.command('servers').description('register and operate upstream MCP servers');
  const org = '--org <organizationId>';

  servers.command('list').description('the servers you can see').option(org, 'only this organization').option('--status <status>', 'draft, validated, published or archived')
    .action(async (options: { org?: string; status?: string }) => {
      const client = loggedInClient();
      const filter = { organizationId: options.org, status: options.status?.toUpperCase() as never };
      const found = await everyPage(async (after) => (await client.run(Servers, { after, filter })).mcpServers);
      output.table(found.map(row), ['name', 'organization', 'transport', 'status', 'tools', 'killed', 'endpoint']);
    });

  servers.command('add <name>').description('register a server (a draft until validated and published)')
    .option('--url <url>', 'a remote server (Streamable HTTP, or SSE with --transport sse)')
    .option('--transport <transport>', 'streamable_http (default with --url), sse or stdio')
    .option('--command <command>', 'a program to run on the gateway host (system administrators only)')
    .option('--arg <arg>', 'an argument of the command (repeatable)', repeated, [])
    .option('--env <NAME=value>', 'an environment variable, sealed (repeatable)', repeated, [])
    .option('--header <Name=value>', 'a header sent to a remote server, sealed (repeatable)', repeated, [])
    .option('--description <text>').option(org, 'the organization (default: yours)')
    .action(async (name: string, o: { url?: string; transport?: string; command?: string; arg: string[]; env: string[]; header: string[]; description?: string; org?: string }) => {
      if (!o.url === !o.command) throw new ApiError('BAD_USER_INPUT', 'give exactly one of --url and --command');
      const transport = (o.transport ?? (o.url ? 'streamable_http' : 'stdio')).toUpperCase() as Transport;
      const input = {
        name, transport, url: o.url, command: o.command, args: o.command ? o.arg : undefined, description: o.description, organizationId: o.org,
        env: o.env.length ? keyValues(o.env, '--env') : undefined, headers: o.header.length ? keyValues(o.header, '--header') : undefined,
      };
      const { server } = (await loggedInClient().run(Create, { input })).createMcpServer;
      output.done(server, `created ${server.name} (${server.status.toLowerCase()}): next, switchboard servers validate ${server.name}`);
    });

  servers.command('validate <name>').description('start the server, list its tools, and record them').option(org)
    .action(async (name: string, o: { org?: string }) => {
      const result = (await loggedInClient().run(Validate, { id: await serverId(name, o.org) })).validateMcpServer;
      if (!result.ok) throw new ApiError(ClientErrorCode.VALIDATION_FAILED, `${name} did not validate: ${result.error}`);
      output.done(result, `${name} validated: ${result.tools.length} tools (${result.tools.map((t) => t.name).join(', ')})`);
    });

  servers.command('publish <name>').description('make a validated server available to agents').option(org)
    .action(async (name: string, o: { org?: string }) => {
      const { server } = (await loggedInClient().run(Publish, { id: await serverId(name, o.org) })).publishMcpServer;
      output.done(server, `${server.name} is ${server.status.toLowerCase()}`);
    });

  servers.command('archive <name>').description('withdraw a server: agents lose it and its processes stop').option(org)
    .action(async (name: string, o: { org?: string }) => {
      const { server } = (await loggedInClient().run(Archive, { id: await serverId(name, o.org) })).archiveMcpServer;
      output.done(server, `${server.name} is ${server.status.toLowerCase()}`);
    });

  servers.command('kill <name>').description('switch every tool of a server off at once (--off switches it back on)')
    .option('--reason <text>', 'shown to callers while it is off').option('--off', 'release the kill switch').option(org)
    .action(async (name: string, o: { reason?: string; off?: boolean; org?: string }) => {
      const input = { id: await serverId(name, o.org), active: !o.off, reason: o.reason };
      const { server } = (await loggedInClient().run(Kill, { input })).setServerKillSwitch;
      output.done(server, server.killSwitch.active ? `${server.name} is killed${server.killSwitch.reason ? `: ${server.killSwitch.reason}` : ''}` : `${server.name} is back on`);
    });
}
