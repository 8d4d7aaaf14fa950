import { z } from 'zod';
import { notFound, type AppError } from '../errors.ts';
import { graphql } from './gql/index.ts';
import { ofOrganization, route, type Dialect } from './route.ts';

/**
 * Seed 001 (APITraffic): MCP tokens of an account. The account is the organization, named by its id or
 * by its `acc_` sid; a token record is an agent (its sid) with its newest token; the environment is the
 * token's label, and buckets are servers: the seed's empty list (every bucket) is the core's `*`.
 */

graphql(`fragment TrafficToken on Agent { id name allowList createdAt updatedAt organization { id } credentials { maskedToken environment status lastUsedAt revokedAt } }`);
const Tokens = graphql(`query TrafficTokens($org: ID!) { agents(organizationId: $org, first: 100) { edges { node { ...TrafficToken } } pageInfo { hasNextPage } } }`);
const Token = graphql(`query TrafficToken($id: ID!) { agent(id: $id) { ...TrafficToken credential { id } } }`);
const CreateToken = graphql(`mutation TrafficCreateToken($input: CreateAgentInput!) { createAgent(input: $input) { agent { ...TrafficToken } token } }`);
const UpdateToken = graphql(`mutation TrafficUpdateToken($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { ...TrafficToken } } }`);
const RevokeToken = graphql(`mutation TrafficRevokeToken($id: ID!) { revokeCredential(input: { id: $id }) { credential { id } } }`);

const ACCOUNT_PADDING = '0000000';

/** An organization's `acc_` sid (27 characters after the prefix, as the seed's are): its id's, padded. */
export const accountSid = (orgId: string) => `acc_${ACCOUNT_PADDING}${orgId.slice('org_'.length)}`;
/** The organization an account names: its `acc_` sid, or its own id. */
const orgOf = (account: string) => (account.startsWith(`acc_${ACCOUNT_PADDING}`) ? `org_${account.slice(`acc_${ACCOUNT_PADDING}`.length)}` : account);

interface Agent {
  id: string; name: string; allowList: string[]; createdAt: string; updatedAt: string; organization: { id: string };
  credentials: { maskedToken: string; environment?: string | null; status: string; lastUsedAt?: string | null; revokedAt?: string | null }[];
}

const Record = z.object({
  sid: z.string(), accountSid: z.string(), environmentSid: z.string().nullable(), bucketSids: z.array(z.string()), name: z.string(), token: z.string(),
  isRevoked: z.boolean(), lastUsedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), revokedAt: z.string().nullable(),
});

/** The record of an agent: its newest token (the full value only when just issued). */
function record(agent: Agent, token?: string) {
  const newest = agent.credentials[0];
  return {
    sid: agent.id, accountSid: accountSid(agent.organization.id), environmentSid: newest?.environment ?? null,
    bucketSids: agent.allowList.includes('*') ? [] : agent.allowList, name: agent.name, token: token ?? newest?.maskedToken ?? '',
    isRevoked: newest?.status === 'REVOKED', lastUsedAt: newest?.lastUsedAt ?? null, createdAt: agent.createdAt, updatedAt: agent.updatedAt, revokedAt: newest?.revokedAt ?? null,
  };
}

const buckets = (sids: string[] | undefined) => (sids === undefined ? undefined : sids.length ? sids : ['*']);

/** The token named in the path, if it is the account's: another account's is as unknown as a missing one. */
async function tokenOf(run: Parameters<Dialect['routes'][number]['handle']>[0]['run'], account: string, sid: string) {
  return ofOrganization((await run(Token, { id: sid })).agent, orgOf(account), 'MCP token');
}

export const apitraffic: Dialect = {
  name: 'apitraffic',
  title: 'APITraffic-compatible MCP tokens (/v1/accounts)',
  roots: ['/v1/accounts'],
  openApiPath: '/v1/accounts/openapi.json',
  errorBody: (error: AppError) => ({ error: { code: error.code, message: error.message } }),
  errorSchema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  routes: [
    route({
      method: 'GET', path: '/v1/accounts/:accountSid/mcpTokens', summary: 'List the account’s MCP tokens', response: z.object({ hasMore: z.boolean(), records: z.array(Record) }),
      handle: async ({ run, params }) => {
        const { agents } = await run(Tokens, { org: orgOf(params.accountSid!) });
        return { hasMore: agents.pageInfo.hasNextPage, records: agents.edges.map((e) => record(e.node)) };
      },
    }),
    route({
      method: 'POST', path: '/v1/accounts/:accountSid/mcpTokens', summary: 'Create an MCP token (shown once)', status: 201, fields: { allowList: 'bucketSids', environment: 'environmentSid' }, response: Record,
      body: z.object({ name: z.string(), environmentSid: z.string().optional(), bucketSids: z.array(z.string()).optional() }),
      handle: async ({ run, params, body }) => {
        const input = { organizationId: orgOf(params.accountSid!), name: body.name, environment: body.environmentSid, allowList: buckets(body.bucketSids ?? [])! };
        const { createAgent } = await run(CreateToken, { input });
        return record(createAgent.agent, createAgent.token);
      },
    }),
    route({
      method: 'PUT', path: '/v1/accounts/:accountSid/mcpTokens/:sid', summary: 'Rename an MCP token or change its buckets', fields: { allowList: 'bucketSids' }, response: Record,
      body: z.object({ name: z.string().optional(), bucketSids: z.array(z.string()).optional() }),
      handle: async ({ run, params, body }) => {
        const agent = await tokenOf(run, params.accountSid!, params.sid!);
        return record((await run(UpdateToken, { input: { id: agent.id, name: body.name, allowList: buckets(body.bucketSids) } })).updateAgent.agent);
      },
    }),
    route({
      method: 'DELETE', path: '/v1/accounts/:accountSid/mcpTokens/:sid', summary: 'Revoke an MCP token: its assistants lose access at once',
      response: z.object({ sid: z.string(), deleted: z.boolean() }),
      handle: async ({ run, params }) => {
        const agent = await tokenOf(run, params.accountSid!, params.sid!);
        if (!agent.credential) throw notFound('Active MCP token');
        await run(RevokeToken, { id: agent.credential.id });
        return { sid: agent.id, deleted: true };
      },
    }),
  ],
};
