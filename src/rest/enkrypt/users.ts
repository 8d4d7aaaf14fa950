import { z } from 'zod';
import { conflict } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route, type Run } from '../route.ts';
import { done, envelope } from './envelope.ts';
import { loadProject, memberOf, project, userIdOf } from './projects.ts';

graphql(`fragment EnkryptUser on User { id email username createdAt active }`);
graphql(`fragment EnkryptKey on Credential { id name maskedToken status createdAt lastUsedAt expiresAt user { id } project { id name } }`);
const Users = graphql(`query EnkryptUsers($after: String, $search: String) { users(first: 200, after: $after, filter: { search: $search }) { edges { node { ...EnkryptUser } } pageInfo { hasNextPage endCursor } } }`);
const User = graphql(`query EnkryptUser($id: ID!) { user(id: $id) { ...EnkryptUser projects { ...EnkryptProject } } }`);
const CreateUser = graphql(`mutation EnkryptCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...EnkryptUser } } }`);
const UpdateUser = graphql(`mutation EnkryptUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...EnkryptUser } } }`);
const DeleteUser = graphql(`mutation EnkryptDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }`);
const Keys = graphql(`query EnkryptKeys($after: String, $filter: CredentialFilter) { credentials(first: 200, after: $after, filter: $filter) { edges { node { ...EnkryptKey } } pageInfo { hasNextPage endCursor } } }`);
const KeyByValue = graphql(`query EnkryptKeyByValue($token: String!) { credentialByToken(token: $token) { ...EnkryptKey } }`);
const CreateKey = graphql(`mutation EnkryptCreateKey($input: CreateProjectApiKeyInput!) { createProjectApiKey(input: $input) { token credential { ...EnkryptKey } } }`);
const RevokeAll = graphql(`mutation EnkryptRevokeAll($input: RevokeUserApiKeysInput!) { revokeUserApiKeys(input: $input) { revokedCount } }`);
const Rotate = graphql(`mutation EnkryptRotateKey($id: ID!) { rotateCredential(input: { id: $id }) { token credential { ...EnkryptKey } } }`);
const Disable = graphql(`mutation EnkryptDisableKey($id: ID!) { disableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }`);
const Enable = graphql(`mutation EnkryptEnableKey($id: ID!) { enableCredential(input: { id: $id }) { credential { ...EnkryptKey } } }`);
const Revoke = graphql(`mutation EnkryptRevokeKey($id: ID!) { revokeCredential(input: { id: $id }) { credential { ...EnkryptKey } } }`);

type UserFields = { id: string; email?: string | null; username: string; createdAt: string; active: boolean };
type KeyFields = {
  id: string; name: string; maskedToken: string; status: string; createdAt: string; lastUsedAt?: string | null; expiresAt?: string | null;
  user?: { id: string } | null; project?: { id: string; name: string } | null;
};
const user = (u: UserFields) => ({ user_id: u.id, email: u.email ?? null, username: u.username, created_at: u.createdAt, active: u.active });
const key = (k: KeyFields) => ({
  key_id: k.id, name: k.name, masked_key: k.maskedToken, user_id: k.user?.id ?? null, project_id: k.project?.id ?? null, project_name: k.project?.name ?? null,
  status: k.status.toLowerCase(), created_at: k.createdAt, last_used_at: k.lastUsedAt ?? null, expires_at: k.expiresAt ?? null,
});
const UserOut = z.object({ user_id: z.string(), email: z.string().nullable(), username: z.string(), created_at: z.string(), active: z.boolean() });
const KeyOut = z.object({
  key_id: z.string(), name: z.string(), masked_key: z.string(), user_id: z.string().nullable(), project_id: z.string().nullable(), project_name: z.string().nullable(),
  status: z.string(), created_at: z.string(), last_used_at: z.string().nullable(), expires_at: z.string().nullable(),
});

const listKeys = async (run: Run, filter: { userId?: string; projectId?: string }) =>
  (await everyPage((after) => run(Keys, { after, filter: { kind: 'API_TOKEN', ...filter } }).then((d) => d.credentials))).map(key);
const keyByValue = async (run: Run, token: string) => (await run(KeyByValue, { token })).credentialByToken;
const keyAction = (path: string, summary: string, message: string, act: (run: Run, id: string) => Promise<KeyFields>) =>
  route({ method: 'POST', path, summary, secretParams: ['api_key'], response: envelope(KeyOut), handle: async ({ run, params }) => done(message, key(await act(run, (await keyByValue(run, params.api_key!)).id))) });

export const userRoutes = [
  route({
    method: 'GET', path: '/api/v1/users', summary: 'List users', response: envelope(z.array(UserOut)),
    handle: async ({ run }) => done('Users retrieved successfully', (await everyPage((after) => run(Users, { after }).then((d) => d.users))).map(user)),
  }),
  route({
    method: 'POST', path: '/api/v1/users', summary: 'Create a user by email (a username is derived)', status: 201, body: z.object({ email: z.string() }), response: envelope(UserOut),
    handle: async ({ run, body }) => done('User created successfully', user((await run(CreateUser, { input: { email: body.email } })).createUser.user)),
  }),
  route({
    method: 'POST', path: '/api/v1/users/search', summary: 'Search users', body: z.object({ search_term: z.string() }), response: envelope(z.array(UserOut)),
    handle: async ({ run, body }) => done('Search completed successfully', (await everyPage((after) => run(Users, { after, search: body.search_term }).then((d) => d.users))).map(user)),
  }),
  route({
    method: 'GET', path: '/api/v1/users/:user_identifier', summary: 'A user, by id or email', response: envelope(UserOut),
    handle: async ({ run, params }) => done('User retrieved successfully', user((await run(User, { id: await userIdOf(run, params.user_identifier!) })).user)),
  }),
  route({
    method: 'PUT', path: '/api/v1/users/:user_identifier', summary: 'Change a user’s email', body: z.object({ new_email: z.string() }), response: envelope(UserOut),
    handle: async ({ run, params, body }) => {
      const id = await userIdOf(run, params.user_identifier!);
      return done('User updated successfully', user((await run(UpdateUser, { input: { id, email: body.new_email } })).updateUser.user));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/users/:user_identifier', summary: 'Delete a user (refused while in projects, unless forced)',
    body: z.object({ force: z.boolean().optional() }).optional(), response: envelope(z.object({ user_id: z.string() })),
    handle: async ({ run, params, body }) => {
      const id = await userIdOf(run, params.user_identifier!);
      const { projects } = (await run(User, { id })).user;
      if (projects.length && !body?.force) throw conflict(`The user is in ${projects.length} project(s): remove them first, or delete with force`);
      return done('User deleted successfully', { user_id: (await run(DeleteUser, { id })).deleteUser.deletedUserId });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/users/:user_identifier/projects', summary: 'The projects a user is in', response: envelope(z.array(z.unknown())),
    handle: async ({ run, params }) => done('User projects retrieved successfully', (await run(User, { id: await userIdOf(run, params.user_identifier!) })).user.projects.map(project)),
  }),
  route({
    method: 'POST', path: '/api/v1/users/:user_identifier/api-keys', summary: 'Generate a key for a project member (shown once)', status: 201,
    body: z.object({ project_name: z.string() }), response: envelope(KeyOut.extend({ api_key: z.string() })),
    handle: async ({ run, params, body }) => {
      const found = await loadProject(run, body.project_name);
      const { createProjectApiKey: issued } = await run(CreateKey, { input: { projectId: found.id, userId: memberOf(found, params.user_identifier!).id } });
      return done('API key generated successfully', { api_key: issued.token, ...key(issued.credential) });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/users/:user_identifier/api-keys', summary: 'A user’s keys, optionally of one project (?project_identifier=)', response: envelope(z.array(KeyOut)),
    query: z.object({ project_identifier: z.string().optional() }),
    handle: async ({ run, params, query }) => {
      const userId = await userIdOf(run, params.user_identifier!);
      const named = query.project_identifier;
      const projectId = named ? (await loadProject(run, named)).id : undefined;
      return done('API keys retrieved successfully', await listKeys(run, { userId, projectId }));
    },
  }),
  route({
    method: 'DELETE', path: '/api/v1/users/:user_identifier/api-keys', summary: 'Revoke every key of a user', response: envelope(z.object({ revoked: z.number() })),
    handle: async ({ run, params }) => {
      const userId = await userIdOf(run, params.user_identifier!);
      return done('API keys deleted successfully', { revoked: (await run(RevokeAll, { input: { userId } })).revokeUserApiKeys.revokedCount });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/api-keys', summary: 'Every API key (masked)', response: envelope(z.array(KeyOut)),
    handle: async ({ run }) => done('API keys retrieved successfully', await listKeys(run, {})),
  }),
  route({
    method: 'POST', path: '/api/v1/api-keys/rotate', summary: 'Replace a key’s value (the old one stops at once)', body: z.object({ api_key: z.string() }),
    response: envelope(KeyOut.extend({ api_key: z.string() })),
    handle: async ({ run, body }) => {
      const { rotateCredential: r } = await run(Rotate, { id: (await keyByValue(run, body.api_key)).id });
      return done('API key rotated successfully', { api_key: r.token, ...key(r.credential) });
    },
  }),
  route({
    method: 'GET', path: '/api/v1/api-keys/:api_key', summary: 'A key’s details, by its value (admins only)', secretParams: ['api_key'], response: envelope(KeyOut),
    handle: async ({ run, params }) => done('API key retrieved successfully', key(await keyByValue(run, params.api_key!))),
  }),
  keyAction('/api/v1/api-keys/:api_key/disable', 'Disable a key (reversible)', 'API key disabled successfully', async (run, id) => (await run(Disable, { id })).disableCredential.credential),
  keyAction('/api/v1/api-keys/:api_key/enable', 'Enable a disabled key', 'API key enabled successfully', async (run, id) => (await run(Enable, { id })).enableCredential.credential),
  route({
    method: 'DELETE', path: '/api/v1/api-keys/:api_key', summary: 'Delete (revoke) a key', secretParams: ['api_key'], response: envelope(KeyOut),
    handle: async ({ run, params }) => done('API key deleted successfully', key((await run(Revoke, { id: (await keyByValue(run, params.api_key!)).id })).revokeCredential.credential)),
  }),
];
