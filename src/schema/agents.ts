import type { Agent } from '../db/agent.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { TOOL_PREFIX_MODES } from '../db/toolset.entity.ts';
import { agentCredential, agentCredentials, createAgent, deleteAgent, getAgent, issueAgentToken, listAgents, updateAgent } from '../resolvers/agents.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { CredentialRef } from './credentials.ts';
import { enumOf } from './enums.ts';
import { OrganizationRef } from './organizations.ts';

export const AgentRef = builder.objectRef<Agent>('Agent');

export const ToolPrefixModeEnum = enumOf('ToolPrefixMode', TOOL_PREFIX_MODES,
  'How /mcp names tools: ALWAYS <server>__<tool>; NEVER bare names (two servers offering one name is refused when configured, and a later collision withholds that name); ON_COLLISION bare names, <server>__<tool> for the names several servers offer. /mcp/<server> always uses bare names.');

builder.node(AgentRef, {
  description: 'A non-human caller of /mcp (an MCP client). Its allow list names the servers it may use; ["*"] is all.',
  id: { resolve: (a) => a.id },
  isTypeOf: (value) => (value as Agent).id?.startsWith('agt_'),
  loadOne: (id, ctx) => nullIfNotFound(getAgent(ctx, { id })),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    allowList: t.exposeStringList('allowList'),
    toolPrefix: t.field({
      type: ToolPrefixModeEnum,
      nullable: true,
      description: 'How /mcp names its tools for this agent; null: its toolset’s mode, else ALWAYS.',
      resolve: (a) => a.toolPrefix ?? null,
    }),
    credential: t.field({
      type: CredentialRef,
      nullable: true,
      description: 'Its bearer token, masked. Rotate it with rotateCredential.',
      resolve: (a, _args, ctx) => agentCredential(ctx.em, a),
    }),
    credentials: t.field({
      type: [CredentialRef],
      complexity: 10,
      description: 'Every token it has had, revoked ones included (status, revokedAt, lastUsedAt), newest first.',
      resolve: (a, _args, ctx) => agentCredentials(ctx.em, a),
    }),
    organization: t.field({ type: OrganizationRef, resolve: (a, _args, ctx) => ctx.em.findOneOrFail(Organization, a.org.id) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(CredentialRef, 'agent', (t) =>
  t.field({
    type: AgentRef,
    nullable: true,
    description: 'The agent an agent token belongs to (its scope: allow list or toolset).',
    resolve: (c, _args, ctx) => (c.agent ? getAgent(ctx, { id: c.agent.id }) : null),
  }));

const AgentConnection = connectionOf(AgentRef, 'Agent');

builder.queryFields((t) => ({
  agent: t.field({
    type: AgentRef,
    description: 'One agent, by id, or by name in an organization (the caller’s only one when not named).',
    args: { id: t.arg.id(), name: t.arg.string(), organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => getAgent(ctx, args),
  }),
  agents: t.connection({
    complexity: pageComplexity,
    type: AgentRef,
    args: { organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => listAgents(ctx, args),
  }, AgentConnection),
}));

const CreateAgentInput = builder.inputType('CreateAgentInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    allowList: t.stringList({ required: true, description: 'Server names, or ["*"] for every server, now and later; [] with a toolset.' }),
    token: t.string({ description: 'Use this bearer token instead of a generated one (at least 16 characters).' }),
    organizationId: t.id(),
    toolsetId: t.id({ description: 'Scope the agent by a toolset of its organization instead of an allow list.' }),
    toolPrefix: t.field({ type: ToolPrefixModeEnum, description: 'How /mcp names its tools; omitted or null: its toolset’s mode, else ALWAYS.' }),
    environment: t.string({ description: 'A label for the environment its token is for (seed 001 environmentSid).' }),
  }),
});
const UpdateAgentInput = builder.inputType('UpdateAgentInput', {
  fields: (t) => ({
    id: t.id({ required: true }), name: t.string(), description: t.string(), allowList: t.stringList(),
    toolsetId: t.id({ description: 'A toolset replaces the allow list; null detaches it.' }),
    toolPrefix: t.field({ type: ToolPrefixModeEnum, description: 'How /mcp names its tools; null: its toolset’s mode, else ALWAYS.' }),
    token: t.string({ description: 'Replace its token with this value (the old one stops working at once).' }),
  }),
});

const CreateAgentPayload = builder.simpleObject('CreateAgentPayload', {
  fields: (t) => ({
    agent: t.field({ type: AgentRef }),
    token: t.string({ description: 'The bearer token in full. Shown only here.' }),
    credential: t.field({ type: CredentialRef }),
  }),
});

inputMutation('createAgent', { input: CreateAgentInput, payload: CreateAgentPayload, resolve: (input, ctx) => createAgent(ctx, input) });
inputMutation('issueAgentToken', {
  input: builder.inputType('IssueAgentTokenInput', {
    fields: (t) => ({
      agentId: t.id({ required: true }),
      token: t.string({ description: 'Use this value instead of a generated one.' }),
      environment: t.string({ description: "The new token's environment label; the previous token's when omitted, none when null." }),
    }),
  }),
  payload: CreateAgentPayload,
  description: 'Gives the agent a new token, shown once; the one it had stops working at once (a revoked agent works again).',
  resolve: (input, ctx) => issueAgentToken(ctx, input),
});
inputMutation('updateAgent', {
  input: UpdateAgentInput,
  payload: builder.simpleObject('AgentPayload', { fields: (f) => ({ agent: f.field({ type: AgentRef }) }) }),
  resolve: async (input, ctx) => ({ agent: await updateAgent(ctx, input) }),
});
inputMutation('deleteAgent', {
  input: IdInput,
  payload: builder.simpleObject('DeleteAgentPayload', { fields: (f) => ({ deletedAgentId: f.id() }) }),
  description: 'Deletes the agent; its token stops working at once.',
  resolve: async (input, ctx) => ({ deletedAgentId: await deleteAgent(ctx, input) }),
});
