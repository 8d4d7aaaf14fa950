import { z } from 'zod';
import { notFound } from '../../errors.ts';
import { graphql } from '../gql/index.ts';
import { everyPage } from '../../client/pages.ts';
import { route } from '../route.ts';

graphql(`fragment AmbassadorUser on User { id username email displayName role active createdAt lastLoginAt }`);
const Users = graphql(`query AmbassadorUsers($after: String) { users(first: 200, after: $after) { edges { node { ...AmbassadorUser } } pageInfo { hasNextPage endCursor } } }`);
const UserDetail = graphql(`query AmbassadorUserDetail($id: ID!) {
  user(id: $id) { ...AmbassadorUser groups { id name } }
  credentials(filter: { userId: $id, kind: API_TOKEN }) { totalCount }
}`);
const CreateUser = graphql(`mutation AmbassadorCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...AmbassadorUser } } }`);
const UpdateUser = graphql(`mutation AmbassadorUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...AmbassadorUser } } }`);
const ResetPassword = graphql(`mutation AmbassadorResetPassword($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } } }`);
const CreateKey = graphql(`mutation AmbassadorCreateKey($input: CreatePresharedKeyInput!) { createPresharedKey(input: $input) { key presharedKey { id label } } }`);
const Keys = graphql(`query AmbassadorKeys($userId: ID!) { presharedKeys(userId: $userId) { id label maskedKey used usedAt lastUsedAt revokedAt createdAt } }`);
const RevokeKey = graphql(`mutation AmbassadorRevokeKey($id: ID!) { revokePresharedKey(input: { id: $id }) { presharedKey { id } } }`);

interface UserFields { id: string; username: string; email?: string | null; displayName?: string | null; role: string; active: boolean; createdAt: string; lastLoginAt?: string | null }

const UserOut = z.object({
  id: z.string(), username: z.string(), email: z.string().nullable(), display_name: z.string().nullable(), is_admin: z.boolean(), active: z.boolean(),
  created_at: z.string(), last_login: z.string().nullable(),
});
const user = (u: UserFields) => ({
  id: u.id, username: u.username, email: u.email ?? null, display_name: u.displayName ?? null, is_admin: u.role === 'ADMIN', active: u.active,
  created_at: u.createdAt, last_login: u.lastLoginAt ?? null,
});
const KeyOut = z.object({
  id: z.string(), label: z.string(), masked_key: z.string(), used: z.boolean(), used_at: z.string().nullable(), last_used_at: z.string().nullable(),
  revoked: z.boolean(), created_at: z.string(),
});

export const userRoutes = [
  route({
    method: 'GET', path: '/v1/admin/users', summary: 'List all users', response: z.array(UserOut),
    handle: async ({ run }) => (await everyPage((after) => run(Users, { after }).then((d) => d.users))).map(user),
  }),
  route({
    method: 'POST', path: '/v1/admin/users', summary: 'Create a user', status: 201, response: UserOut,
    body: z.object({ username: z.string(), email: z.string().optional(), password: z.string().optional(), is_admin: z.boolean().optional() }),
    handle: async ({ run, body }) => {
      const input = { username: body.username, email: body.email, password: body.password, role: body.is_admin ? ('ADMIN' as const) : ('USER' as const) };
      return user((await run(CreateUser, { input })).createUser.user);
    },
  }),
  route({
    method: 'GET', path: '/v1/admin/users/:id', summary: 'A user with their groups and client count',
    response: UserOut.extend({ groups: z.array(z.object({ id: z.string(), name: z.string() })), client_count: z.number() }),
    handle: async ({ run, params }) => {
      const detail = await run(UserDetail, { id: params.id! });
      return { ...user(detail.user), groups: detail.user.groups, client_count: detail.credentials.totalCount };
    },
  }),
  route({
    method: 'PUT', path: '/v1/admin/users/:id', summary: 'Update a user’s email, display name or active flag', response: UserOut,
    body: z.object({ email: z.string().optional(), display_name: z.string().optional(), active: z.boolean().optional() }),
    handle: async ({ run, params, body }) => {
      const input = { id: params.id!, email: body.email, displayName: body.display_name, active: body.active };
      return user((await run(UpdateUser, { input })).updateUser.user);
    },
  }),
  route({
    method: 'DELETE', path: '/v1/admin/users/:id', summary: 'Deactivate a user: their sessions, tokens and preshared keys stop working', response: UserOut,
    handle: async ({ run, params }) => user((await run(UpdateUser, { input: { id: params.id!, active: false } })).updateUser.user),
  }),
  route({
    method: 'POST', path: '/v1/admin/users/:id/reset-password', summary: 'Set a user’s password', status: 204, body: z.object({ password: z.string() }),
    handle: async ({ run, params, body }) => void (await run(ResetPassword, { input: { id: params.id!, password: body.password } })),
  }),
  route({
    method: 'POST', path: '/v1/admin/users/:id/preshared-keys', summary: 'Create a preshared key for client registration (shown once)', status: 201,
    body: z.object({ label: z.string() }), response: z.object({ key: z.string(), label: z.string(), id: z.string() }),
    handle: async ({ run, params, body }) => {
      const { createPresharedKey } = await run(CreateKey, { input: { userId: params.id!, label: body.label } });
      return { key: createPresharedKey.key, label: createPresharedKey.presharedKey.label, id: createPresharedKey.presharedKey.id };
    },
  }),
  route({
    method: 'GET', path: '/v1/admin/users/:id/preshared-keys', summary: 'A user’s preshared keys: labels and usage, never the keys', response: z.array(KeyOut),
    handle: async ({ run, params }) => (await run(Keys, { userId: params.id! })).presharedKeys.map((k) => ({
      id: k.id, label: k.label, masked_key: k.maskedKey, used: k.used, used_at: k.usedAt ?? null, last_used_at: k.lastUsedAt ?? null, revoked: !!k.revokedAt, created_at: k.createdAt,
    })),
  }),
  route({
    method: 'DELETE', path: '/v1/admin/users/:id/preshared-keys/:key_id', summary: 'Revoke a preshared key', status: 204,
    handle: async ({ run, params }) => {
      // The key must be this user's: another's is as unknown as a missing one.
      const { presharedKeys } = await run(Keys, { userId: params.id! });
      if (!presharedKeys.some((k) => k.id === params.key_id)) throw notFound('Preshared key');
      await run(RevokeKey, { id: params.key_id! });
    },
  }),
];
