/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }": typeof types.JungleClientFragmentDoc,
    "query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }": typeof types.JungleClientsDocument,
    "query JungleClientByName($name: String!) { agent(name: $name) { id } }": typeof types.JungleClientByNameDocument,
    "mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }": typeof types.JungleCreateClientDocument,
    "mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }": typeof types.JungleUpdateClientDocument,
    "mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }": typeof types.JungleDeleteClientDocument,
    "query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }": typeof types.JungleUsersDocument,
    "query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status } } } } }": typeof types.JungleUserByNameDocument,
    "mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }": typeof types.JungleRotateTokenDocument,
    "mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": typeof types.JungleIssueTokenDocument,
    "mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }": typeof types.JungleCreateUserDocument,
    "mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }": typeof types.JungleUpdateUserDocument,
    "mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }": typeof types.JungleDeleteUserDocument,
    "query JungleWhoAmI { viewer { username role } }": typeof types.JungleWhoAmIDocument,
};
const documents: Documents = {
    "fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }": types.JungleClientFragmentDoc,
    "query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }": types.JungleClientsDocument,
    "query JungleClientByName($name: String!) { agent(name: $name) { id } }": types.JungleClientByNameDocument,
    "mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }": types.JungleCreateClientDocument,
    "mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }": types.JungleUpdateClientDocument,
    "mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }": types.JungleDeleteClientDocument,
    "query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }": types.JungleUsersDocument,
    "query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status } } } } }": types.JungleUserByNameDocument,
    "mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }": types.JungleRotateTokenDocument,
    "mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": types.JungleIssueTokenDocument,
    "mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }": types.JungleCreateUserDocument,
    "mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }": types.JungleUpdateUserDocument,
    "mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }": types.JungleDeleteUserDocument,
    "query JungleWhoAmI { viewer { username role } }": types.JungleWhoAmIDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }"): (typeof documents)["fragment JungleClient on Agent { name description allowList credential { maskedToken custom } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query JungleClients($after: String) { agents(first: 200, after: $after) { edges { node { ...JungleClient } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleClientByName($name: String!) { agent(name: $name) { id } }"): (typeof documents)["query JungleClientByName($name: String!) { agent(name: $name) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }"): (typeof documents)["mutation JungleCreateClient($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...JungleClient } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }"): (typeof documents)["mutation JungleUpdateClient($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...JungleClient } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }"): (typeof documents)["mutation JungleDeleteClient($id: ID!) { deleteAgent(input: { id: $id }) { deletedAgentId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query JungleUsers($after: String) { users(first: 200, after: $after) { edges { node { username role } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status } } } } }"): (typeof documents)["query JungleUserByName($username: String!) { user(username: $username) { id credentials(first: 200) { edges { node { id kind status } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }"): (typeof documents)["mutation JungleRotateToken($input: RotateCredentialInput!) { rotateCredential(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"): (typeof documents)["mutation JungleIssueToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }"): (typeof documents)["mutation JungleCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { username role } token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }"): (typeof documents)["mutation JungleUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { username role } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }"): (typeof documents)["mutation JungleDeleteUser($id: ID!) { deleteUser(input: { id: $id }) { deletedUserId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JungleWhoAmI { viewer { username role } }"): (typeof documents)["query JungleWhoAmI { viewer { username role } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;