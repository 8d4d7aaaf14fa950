import type { GraphQLClient } from './graphql.ts';

let counter = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface CreatedUser {
  id: string;
  username: string;
  token: string;
  password: string;
}

/** Creates a user (role USER unless told) with a password and an API token, through the public API. */
export async function createUser(admin: GraphQLClient, options: { role?: 'ADMIN' | 'USER'; username?: string } = {}): Promise<CreatedUser> {
  const username = options.username ?? unique('user');
  const password = `pw-${unique('secret')}`;
  const data = await admin.data<{ createUser: { user: { id: string }; token: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } token } }`,
    { input: { username, password, role: options.role ?? 'USER', issueToken: true, email: `${username}@example.test` } },
  );
  return { id: data.createUser.user.id, username, token: data.createUser.token, password };
}

export async function createToken(client: GraphQLClient, input: Record<string, unknown> = {}) {
  const data = await client.data<{ createApiToken: { credential: { id: string; maskedToken: string }; token: string } }>(
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { credential { id maskedToken } token } }`,
    { input: { name: unique('token'), ...input } },
  );
  return { id: data.createApiToken.credential.id, masked: data.createApiToken.credential.maskedToken, token: data.createApiToken.token };
}

export const VIEWER = `{ viewer { username kind role credential { id status } } }`;

/** Polls `read` until `accept` holds (things that settle in the background, like batched counters). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
