import type { Command } from 'commander';
import { ApiError } from '../client/api-client.ts';
import { graphql } from '../client/gql/index.ts';
import { everyPage } from '../client/pages.ts';
import type { Output } from './output.ts';
import { loggedInClient } from './session-store.ts';

graphql(`fragment CliTool on Tool { id name exposedName enabled description killSwitch { active reason } }`);
const ServerTools = graphql(`query CliServerTools($id: ID, $name: String, $after: String) { mcpServer(id: $id, name: $name) { tools(first: 100, after: $after) { edges { node { ...CliTool } } pageInfo { hasNextPage endCursor } } } }`);
const AllServers = graphql(`query CliAllServers($after: String) { mcpServers(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
const Kill = graphql(`mutation CliKillTool($input: KillSwitchInput!) { setToolKillSwitch(input: $input) { tool { ...CliTool } } }`);

type Tool = { id: string; name: string; exposedName: string; enabled: boolean; description?: string | null; killSwitch: { active: boolean } };
const row = (t: Tool) => ({ tool: t.exposedName, enabled: t.enabled ? 'yes' : 'no', killed: t.killSwitch.active ? 'yes' : '', description: t.description?.split('\n')[0]?.slice(0, 60) ?? null });

/** `server__tool` into its server's and its tool's names. */
export function splitToolName(exposed: string): { server: string; tool: string } {
  const at = exposed.indexOf('__');
  if (at < 1 || at + 2 >= exposed.length) throw new ApiError('BAD_USER_INPUT', `name a tool as <server>__<tool>, not "${exposed}"`);
  return { server: exposed.slice(0, at), tool: exposed.slice(at + 2) };
}

async function serverTools(server: { id?: string; name?: string }): Promise<Tool[]> {
  const client = loggedInClient();
  return everyPage(async (after) => (await client.run(ServerTools, { ...server, after })).mcpServer.tools);
}

async function everyTool(): Promise<Tool[]> {
  const client = loggedInClient();
  const servers = await everyPage(async (after) => (await client.run(AllServers, { after })).mcpServers);
  return (await Promise.all(servers.map(({ id }) => serverTools({ id })))).flat();
}

export function toolCommands(program: Command, output: Output) {
  const tools = program.command('tools').description('the tools of the servers you can see');

  tools.command('list').description('every tool, or one server’s').option('--server <name>', 'only this server’s tools')
    .action(async (o: { server?: string }) => output.table((await (o.server ? serverTools({ name: o.server }) : everyTool())).map(row), ['tool', 'enabled', 'killed', 'description']));

  tools.command('kill <server__tool>').description('switch one tool off for every caller at once (--off switches it back on)')
    .option('--reason <text>', 'shown to callers while it is off').option('--off', 'release the kill switch')
    .action(async (exposed: string, o: { reason?: string; off?: boolean }) => {
      const { server, tool } = splitToolName(exposed);
      // Long names are shortened with a hash on /mcp: the server's list knows both forms.
      const found = (await serverTools({ name: server })).find((t) => t.exposedName === exposed || t.name === tool);
      if (!found) throw new ApiError('NOT_FOUND', `${server} has no tool ${tool}`);
      const killed = (await loggedInClient().run(Kill, { input: { id: found.id, active: !o.off, reason: o.reason } })).setToolKillSwitch.tool;
      output.done(killed, killed.killSwitch.active ? `${killed.exposedName} is killed` : `${killed.exposedName} is back on`);
    });
}
