import { z } from 'zod';
import { notFound } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { ofOrganization, route, type Run } from '../route.ts';

/**
 * Seed 002's agents, as far as Switchboard's are the same thing: a named caller of the organization's
 * MCP servers (`mcpServerIds`). Models, conversations, budgets and embed keys come with a later issue.
 */

graphql(`fragment StackAgent on Agent { id name description allowList createdAt updatedAt organization { id } }`);
const Agents = graphql(`query StackAgents($org: ID!, $after: String) { agents(organizationId: $org, first: 100, after: $after) { edges { node { ...StackAgent } } pageInfo { hasNextPage endCursor } } }`);
const Agent = graphql(`query StackAgent($id: ID!) { agent(id: $id) { ...StackAgent } }`);
const ServerNames = graphql(`query StackServerNames($org: ID!, $after: String) { mcpServers(filter: { organizationId: $org }, first: 200, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`);
const CreateAgent = graphql(`mutation StackCreateAgent($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...StackAgent } token } }`);
const UpdateAgent = graphql(`mutation StackUpdateAgent($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...StackAgent } } }`);
const DeleteAgent = graphql(`mutation StackDeleteAgent($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }`);

type AgentFields = { id: string; name: string; description?: string | null; allowList: string[]; createdAt: string; updatedAt: string; organization: { id: string } };

/** The organization's servers by id and by name: agents name servers, the seed gives ids. */
async function serverDirectory(run: Run, orgId: string) {
  const servers = await everyPage((after) => run(ServerNames, { org: orgId, after }).then((d) => d.mcpServers));
  return { idOf: new Map(servers.map((s) => [s.name, s.id])), nameOf: new Map(servers.map((s) => [s.id, s.name])) };
}

function namesOf(directory: Awaited<ReturnType<typeof serverDirectory>>, ids: string[]) {
  return ids.map((id) => {
    const name = directory.nameOf.get(id);
    if (!name) throw notFound(`MCP server ${id}`);
    return name;
  });
}

const agent = (a: AgentFields, directory: Awaited<ReturnType<typeof serverDirectory>>) => ({
  id: a.id, organizationId: a.organization.id, name: a.name, description: a.description ?? null,
  mcpServerIds: a.allowList.includes('*') ? [...directory.nameOf.keys()] : a.allowList.flatMap((n) => directory.idOf.get(n) ?? []),
  allServers: a.allowList.includes('*'), createdAt: a.createdAt, updatedAt: a.updatedAt,
});

async function agentIn(run: Run, orgId: string, id: string) {
  return ofOrganization((await run(Agent, { id })).agent, orgId, 'Agent');
}

const AgentOut = z.object({
  id: z.string(), organizationId: z.string(), name: z.string(), description: z.string().nullable(), mcpServerIds: z.array(z.string()), allServers: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(), token: z.string().optional(),
});

export const agentRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/agents', summary: 'Agents of the organization', response: z.array(AgentOut),
    handle: async ({ run, params }) => {
      const agents = await everyPage((after) => run(Agents, { org: params.orgId!, after }).then((d) => d.agents));
      const directory = await serverDirectory(run, params.orgId!);
      return agents.map((a) => agent(a, directory));
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/agents', summary: 'Create an agent with the servers it may use (its token is shown once)', status: 201,
    body: z.object({ name: z.string(), description: z.string().optional(), mcpServerIds: z.array(z.string()).optional() }), response: AgentOut,
    handle: async ({ run, params, body }) => {
      const directory = await serverDirectory(run, params.orgId!);
      const input = { organizationId: params.orgId!, name: body.name, description: body.description, allowList: namesOf(directory, body.mcpServerIds ?? []) };
      const { createAgent: made } = await run(CreateAgent, { input });
      return { ...agent(made.agent, directory), token: made.token };
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/agents/:agentId', summary: 'An agent', response: AgentOut,
    handle: async ({ run, params }) => agent(await agentIn(run, params.orgId!, params.agentId!), await serverDirectory(run, params.orgId!)),
  }),
  route({
    method: 'PATCH', path: '/api/v1/organizations/:orgId/agents/:agentId', summary: 'Rename an agent or change its servers', response: AgentOut,
    body: z.object({ name: z.string().optional(), description: z.string().nullable().optional(), mcpServerIds: z.array(z.string()).optional() }),
    handle: async ({ run, params, body }) => {
      await agentIn(run, params.orgId!, params.agentId!);
      const directory = await serverDirectory(run, params.orgId!);
      const input = { id: params.agentId!, name: body.name, description: body.description, allowList: body.mcpServerIds && namesOf(directory, body.mcpServerIds) };
      return agent((await run(UpdateAgent, { input })).updateAgent.agent, directory);
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/organizations/:orgId/agents/:agentId', summary: 'Delete an agent; its token stops at once', status: 204,
    handle: async ({ run, params }) => {
      await agentIn(run, params.orgId!, params.agentId!);
      await run(DeleteAgent, { id: params.agentId! });
    },
  }),
];
