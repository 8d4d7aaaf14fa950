import type { User } from '../db/user.entity.ts';
import { listCredentials } from '../resolvers/credentials.ts';
import { createUser, deleteUser, getUser, listUsers, resetUserPassword, updateUser } from '../resolvers/users.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { CredentialConnection, CredentialRef } from './credentials.ts';
import { OrgRoleEnum } from './organizations.ts';

export const SystemRoleEnum = builder.enumType('SystemRole', {
  values: { ADMIN: { value: 'admin' }, USER: { value: 'user' } } as const,
});

export const UserRef = builder.objectRef<User>('User');

builder.node(UserRef, {
  description: 'A person. System administrators manage everything; users act within their organizations.',
  id: { resolve: (user) => user.id },
  isTypeOf: (value) => (value as User).id?.startsWith('usr_'),
  loadOne: (id, ctx) => nullIfNotFound(getUser(ctx, { id })),
  fields: (t) => ({
    username: t.exposeString('username'),
    email: t.exposeString('email', { nullable: true }),
    displayName: t.exposeString('displayName', { nullable: true }),
    role: t.field({ type: SystemRoleEnum, resolve: (user) => user.systemRole }),
    active: t.exposeBoolean('active'),
    lastLoginAt: t.expose('lastLoginAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    credentials: t.connection({
      complexity: pageComplexity,
      type: CredentialRef,
      description: "The user's sessions and API tokens (secrets masked).",
      resolve: (user, args, ctx) => listCredentials(ctx, { ...args, filter: { userId: user.id } }),
    }, CredentialConnection),
  }),
});

const UserConnection = connectionOf(UserRef, 'User');

const UserFilter = builder.inputType('UserFilter', {
  fields: (t) => ({ search: t.string(), active: t.boolean() }),
});

builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    description: 'One user, by id, username or email.',
    args: { id: t.arg.id(), username: t.arg.string(), email: t.arg.string() },
    resolve: (_root, args, ctx) => getUser(ctx, args),
  }),
  users: t.connection({
    complexity: pageComplexity,
    type: UserRef,
    args: { filter: t.arg({ type: UserFilter }) },
    resolve: (_root, args, ctx) => listUsers(ctx, args),
  }, UserConnection),
}));

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    username: t.string({ description: 'Derived from the email when omitted (ada@example.com → ada, or ada-2 when taken).' }),
    email: t.string(),
    displayName: t.string(),
    password: t.string({ description: 'Enables password login. Stored as an argon2id hash.' }),
    role: t.field({ type: SystemRoleEnum, description: 'Defaults to USER.' }),
    issueToken: t.boolean({ description: 'Also issue an API token, returned once in the payload.' }),
    token: t.string({ description: 'Use this value as the API token instead of a generated one.' }),
    organizationId: t.id({ description: 'The organization the person joins (and their token acts in); defaults to the default organization.' }),
    organizationRole: t.field({ type: OrgRoleEnum, description: 'Their role there; defaults to VIEWER. The system role grants nothing here.' }),
  }),
});

const CreateUserPayload = builder.simpleObject('CreateUserPayload', {
  fields: (t) => ({
    user: t.field({ type: UserRef }),
    token: t.string({ nullable: true, description: 'The API token in full. Shown only here.' }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    username: t.string(),
    email: t.string(),
    displayName: t.string(),
    role: t.field({ type: SystemRoleEnum }),
    active: t.boolean({ description: 'false deactivates the user and revokes all their sessions and tokens.' }),
  }),
});

const UserPayload = builder.simpleObject('UserPayload', { fields: (t) => ({ user: t.field({ type: UserRef }) }) });

const DeleteUserPayload = builder.simpleObject('DeleteUserPayload', {
  fields: (t) => ({ deletedUserId: t.id() }),
});

const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  fields: (t) => ({ id: t.id({ required: true }), password: t.string({ required: true }) }),
});

inputMutation('createUser', { input: CreateUserInput, payload: CreateUserPayload, resolve: (input, ctx) => createUser(ctx, input) });
inputMutation('updateUser', { input: UpdateUserInput, payload: UserPayload, resolve: async (input, ctx) => ({ user: await updateUser(ctx, input) }) });
inputMutation('deleteUser', { input: IdInput, payload: DeleteUserPayload, resolve: async (input, ctx) => ({ deletedUserId: await deleteUser(ctx, input) }) });
inputMutation('resetUserPassword', {
  input: ResetUserPasswordInput,
  payload: UserPayload,
  description: "Sets a user's password and ends their sessions.",
  resolve: async (input, ctx) => ({ user: await resetUserPassword(ctx, input) }),
});
