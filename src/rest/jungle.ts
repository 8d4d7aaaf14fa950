import { z } from 'zod';
import type { AppError } from '../errors.ts';
import { graphql } from './gql/index.ts';
import { everyPage } from '../client/pages.ts';
import { route, type Dialect } from './route.ts';

/** Seed 000 (MCPJungle): `/api/v0/clients` are agents, `/api/v0/users` people with a system role. */

// The client's fields, spread by the documents below.
graphql(`fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }`);
const Agents = graphql(`query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }`);
const AgentByName = graphql(`query JungleClientByName($name: String!) { agent(name: $name) { id } }`);
const CreateAgent = graphql(`mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }`);
const UpdateAgent = graphql(`mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }`);
const DeleteAgent = graphql(`mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }`);
const Users = graphql(`query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }`);
const UserByName = graphql(`query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status project { id } } } } } }`);
const RotateToken = graphql(`mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }`);
const IssueToken = graphql(`mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`);
const CreateUser = graphql(`mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }`);
const UpdateUser = graphql(`mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }`);
const DeleteUser = graphql(`mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }`);
const WhoAmI = graphql(`query JungleWhoAmI { viewer { username role } }`);

type Client = { name: string; description?: string | null; allowList: string[]; credential?: { maskedToken: string; custom: boolean } | null };

const ClientOut = z.object({ name: z.string(), description: z.string(), access_token: z.string(), is_custom_access_token: z.boolean(), allow_list: z.array(z.string()) });
const ClientIn = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  allow_list: z.array(z.string()).optional(),
  access_token: z.string().optional(),
});
const UserOut = z.object({ username: z.string(), role: z.enum(['admin', 'user']) });
const UserIn = z.object({ username: z.string(), role: z.enum(['admin', 'user']).optional(), access_token: z.string().optional() });
const UserUpdate = z.object({ username: z.string().optional(), role: z.enum(['admin', 'user']).optional(), access_token: z.string().optional() });

/** A client as MCPJungle shows one: the token in full when just issued, masked otherwise (only its digest is kept). */
const client = (agent: Client, token?: string | null) => ({
  name: agent.name,
  description: agent.description ?? '',
  access_token: token ?? agent.credential?.maskedToken ?? '',
  is_custom_access_token: agent.credential?.custom ?? false,
  allow_list: agent.allowList,
});

const systemRole = (role: 'admin' | 'user' | undefined) => (role === undefined ? undefined : role === 'admin' ? 'ADMIN' : 'USER');
const jungleRole = (role: string) => (role === 'ADMIN' ? ('admin' as const) : ('user' as const));

export const jungle: Dialect = {
  name: 'jungle',
  title: 'MCPJungle-compatible API (/api/v0)',
  roots: ['/api/v0'],
  openApiPath: '/api/v0/openapi.json',
  errorBody: (error: AppError) => ({ error: error.message }),
  errorSchema: z.object({ error: z.string() }),
  routes: [
    route({
      method: 'GET', path: '/api/v0/clients', summary: 'List MCP clients', response: z.array(ClientOut),
      handle: async ({ run }) => (await everyPage((after) => run(Agents, { after }).then((d) => d.agents))).map((a) => client(a)),
    }),
    route({
      method: 'POST', path: '/api/v0/clients', summary: 'Create an MCP client and issue its token', status: 201, fields: { allowList: 'allow_list', token: 'access_token' }, body: ClientIn.required({ name: true }), response: ClientOut,
      handle: async ({ run, body }) => {
        const input = { name: body.name, description: body.description, allowList: body.allow_list ?? [], token: body.access_token };
        const { createAgent } = await run(CreateAgent, { input });
        return client(createAgent.agent, createAgent.token);
      },
    }),
    route({
      method: 'PUT', path: '/api/v0/clients/:name', summary: 'Replace an MCP client (the body’s name is ignored)', fields: { allowList: 'allow_list', token: 'access_token' }, body: ClientIn, response: ClientOut,
      handle: async ({ run, params, body }) => {
        const { agent } = await run(AgentByName, { name: params.name! });
        // A replace: what the body leaves out is cleared, not kept.
        const input = { id: agent.id, description: body.description ?? null, allowList: body.allow_list ?? [], token: body.access_token };
        const { updateAgent } = await run(UpdateAgent, { input });
        // The token in full only when the body chose it; otherwise only its masked form is known.
        return client(updateAgent.agent, body.access_token);
      },
    }),
    route({
      method: 'DELETE', path: '/api/v0/clients/:name', summary: 'Delete an MCP client; its token stops working at once', status: 204,
      handle: async ({ run, params }) => {
        const { agent } = await run(AgentByName, { name: params.name! });
        await run(DeleteAgent, { id: agent.id });
      },
    }),
    route({
      method: 'POST', path: '/api/v0/users', summary: 'Create a user and issue their token', status: 201, fields: { token: 'access_token' }, body: UserIn, response: UserOut.extend({ access_token: z.string() }),
      handle: async ({ run, body }) => {
        const { createUser } = await run(CreateUser, { input: { username: body.username, role: systemRole(body.role), token: body.access_token, issueToken: true } });
        return { username: createUser.user.username, role: jungleRole(createUser.user.role), access_token: createUser.token! }; // issueToken: one is always issued
      },
    }),
    route({
      method: 'GET', path: '/api/v0/users', summary: 'List users (tokens are never listed)', response: z.array(UserOut),
      handle: async ({ run }) => (await everyPage((after) => run(Users, { after }).then((d) => d.users))).map((u) => ({ username: u.username, role: jungleRole(u.role) })),
    }),
    route({
      method: 'PUT', path: '/api/v0/users/:username', summary: 'Rename a user, change their role, or set their token', body: UserUpdate,
      response: UserOut.extend({ access_token: z.string().optional() }),
      handle: async ({ run, params, body }) => {
        const { user } = await run(UserByName, { username: params.username! });
        const { updateUser } = await run(UpdateUser, { input: { id: user.id, username: body.username, role: systemRole(body.role) } });
        const updated = { username: updateUser.user.username, role: jungleRole(updateUser.user.role) };
        if (body.access_token === undefined) return updated;
        // MCPJungle's user has one token: the chosen value replaces theirs (or becomes it).
        // Their own token, never a key scoped to a project.
        const current = user.credentials.edges.map((e) => e.node).find((c) => c.kind === 'API_TOKEN' && c.status === 'ACTIVE' && !c.project);
        const token = current
          ? (await run(RotateToken, { input: { id: current.id, token: body.access_token } })).rotateCredential.token
          : (await run(IssueToken, { input: { userId: user.id, name: 'default', token: body.access_token } })).createApiToken.token;
        return { ...updated, access_token: token };
      },
    }),
    route({
      method: 'DELETE', path: '/api/v0/users/:username', summary: 'Delete a user; their token stops working at once', status: 204,
      handle: async ({ run, params }) => {
        const { user } = await run(UserByName, { username: params.username! });
        await run(DeleteUser, { id: user.id });
      },
    }),
    route({
      method: 'GET', path: '/api/v0/users/whoami', summary: 'The caller', response: UserOut,
      handle: async ({ run }) => {
        const { viewer } = await run(WhoAmI, {});
        return { username: viewer.username, role: jungleRole(viewer.role) };
      },
    }),
  ],
};
