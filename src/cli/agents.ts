import type { Command } from 'commander';
import { graphql } from '../client/gql/index.ts';
import { everyPage } from '../client/pages.ts';
import type { Output } from './output.ts';
import { loggedInClient } from './session-store.ts';

graphql(`fragment CliAgent on Agent { id name description allowList organization { name } toolset { name } credential { maskedToken status } }`);
const Agents = graphql(`query CliAgents($after: String, $organizationId: ID) { agents(first: 100, after: $after, organizationId: $organizationId) { edges { node { ...CliAgent } } pageInfo { hasNextPage endCursor } } }`);
const AgentByName = graphql(`query CliAgentByName($name: String!, $organizationId: ID) { agent(name: $name, organizationId: $organizationId) { id } }`);
const Create = graphql(`mutation CliCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...CliAgent } token } }`);
const IssueToken = graphql(`mutation CliIssueAgentToken($agentId: ID!) { issueAgentToken(input: { agentId: $agentId }) { agent { ...CliAgent } token } }`);

type Agent = { name: string; description?: string | null; allowList: string[]; organization: { name: string }; toolset?: { name: string } | null; credential?: { maskedToken: string; status: string } | null };
const row = (a: Agent) => ({ name: a.name, organization: a.organization.name, allow: a.toolset ? `toolset ${a.toolset.name}` : a.allowList, token: a.credential?.maskedToken ?? null, status: a.credential?.status.toLowerCase() ?? null });
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** A new token for the named agent: the one it had stops working. */
export async function issueAgentToken(name: string, organizationId?: string): Promise<{ agent: Agent; token: string }> {
  const client = loggedInClient();
  const { id } = (await client.run(AgentByName, { name, organizationId })).agent;
  return (await client.run(IssueToken, { agentId: id })).issueAgentToken;
}

export function agentCommands(program: Command, output: Output) {
  const agents = program.command('agents').description('the agents that call tools through /mcp');
  const org = '--org <organizationId>';

  agents.command('list').description('the agents you can see').option(org, 'only this organization')
    .action(async (o: { org?: string }) => {
      const client = loggedInClient();
      const found = await everyPage(async (after) => (await client.run(Agents, { after, organizationId: o.org })).agents);
      output.table(found.map(row), ['name', 'organization', 'allow', 'token', 'status']);
    });

  agents.command('create <name>').description('create an agent; its token is shown this once')
    .option('--allow <servers>', 'comma-separated server names it may use, or * for all', '')
    .option('--toolset <id>', 'serve it exactly this toolset instead').option('--description <text>').option(org, 'the organization (default: yours)')
    .action(async (name: string, o: { allow: string; toolset?: string; description?: string; org?: string }) => {
      const input = { name, allowList: list(o.allow), toolsetId: o.toolset, description: o.description, organizationId: o.org };
      const { agent, token } = (await loggedInClient().run(Create, { input })).createAgent;
      output.done({ ...agent, token }, `created agent ${agent.name}. Its token, shown only this once:\n\n    ${token}\n\nnext: switchboard connect claude-code --agent ${agent.name} --token <token>`);
    });

  agents.command('token <name>').description('give the agent a new token, shown this once (the old one stops working)').option(org)
    .action(async (name: string, o: { org?: string }) => {
      const { agent, token } = await issueAgentToken(name, o.org);
      output.done({ ...agent, token }, `new token for ${agent.name}, shown only this once (the previous one no longer works):\n\n    ${token}`);
    });
}
