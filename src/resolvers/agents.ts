import { wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Agent } from '../db/agent.entity.ts';
import { Credential } from '../db/credential.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { TOOL_PREFIX_MODES, Toolset } from '../db/toolset.entity.ts';
import { badInput, notFound } from '../errors.ts';
import { authorizedOrg, authorizeFound, byIdOrName, type NamedRef } from './scope.ts';
import type { Ctx } from './context.ts';
import { assertTokenAvailable, countTokenGuess, issueCredential } from './credentials.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { serverName } from './server-input.ts';
import { agentPrefixMode, assertNamesUnique } from './tool-prefix.ts';

/** Seed 001's `environmentSid`: a label on the agent's token, for now. */
const environment = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'letters, digits, ".", "_", ":" or "-", at most 100').nullish();

const agentTarget = (a: Agent) => ({ type: 'Agent', id: a.id, name: a.name });
/** The seeds' own names fit ("Claude Desktop - Production"): spaces inside, none at the end. */
const agentName = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,98}[A-Za-z0-9._-])?$/, 'letters, digits, " ", ".", "_" or "-", at most 100, not ending in a space');
const allowList = z.array(z.union([z.literal('*'), serverName])).max(500);
/** Null: the toolset's mode, else `always`. */
const toolPrefix = z.enum(TOOL_PREFIX_MODES).nullish();

async function loadAgent(ctx: Ctx, em: EntityManager, ref: NamedRef, action: 'agent.read' | 'agent.write') {
  const agent = await em.findOne(Agent, byIdOrName(ctx, ref));
  authorizeFound(ctx, action, 'Agent', agent?.org.id);
  return agent!;
}

export const getAgent = (ctx: Ctx, ref: NamedRef) => loadAgent(ctx, ctx.em, ref, 'agent.read');

export async function listAgents(ctx: Ctx, args: PageArgs & { organizationId?: string | null }) {
  const orgId = authorizedOrg(ctx, args.organizationId, 'agent.read');
  return paginate(ctx.em, Agent, { org: orgId }, args);
}

export const agentCredential = (em: EntityManager, agent: Agent) =>
  em.findOne(Credential, { agent, kind: 'agent_token', revokedAt: null });

const CreateInput = z.object({
  name: agentName,
  description: z.string().max(2_000).nullish(),
  allowList,
  token: fields.customToken.nullish(),
  organizationId: fields.id.nullish(),
  toolsetId: fields.id.nullish(),
  toolPrefix,
  environment,
});

/** An agent's scope is a toolset of its organization or an allow list, not both. */
async function scopeOf(em: EntityManager, orgId: string, toolsetId: string | null | undefined, list: readonly string[] | null | undefined) {
  if (!toolsetId) return null;
  if (list?.length) throw badInput('An agent is scoped by a toolset or by an allow list, not both', { fields: ['toolsetId', 'allowList'] });
  const toolset = await em.findOne(Toolset, { id: toolsetId, org: orgId });
  if (!toolset) throw notFound('Toolset');
  return toolset;
}

/** An allow list names servers of the organization (or `*`): a name that matches none is a mistake, refused. */
async function assertServersExist(em: EntityManager, orgId: string, list: readonly string[]) {
  const names = [...new Set(list.filter((name) => name !== '*'))];
  if (!names.length) return;
  const known = new Set((await em.find(McpServer, { org: orgId, name: { $in: names } }, { fields: ['name'] })).map((s) => s.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length) throw badInput(`allowList: no server named ${unknown.join(', ')} in this organization`, { field: 'allowList' });
}

/**
 * An agent named bare (NEVER, its own or its toolset's) must not see two tools of one name: refused on
 * `field`, the input that would make it so.
 */
async function assertAgentNamesUnique(em: EntityManager, agent: Agent, field: string) {
  if (agent.toolset && !wrap(agent.toolset).isInitialized()) await wrap(agent.toolset).init();
  if (agentPrefixMode(agent) !== 'never') return;
  await assertNamesUnique(em, agent.org.id, agent.toolset ? { toolset: agent.toolset } : { allowList: agent.allowList }, field);
}

const changedField = (data: { toolPrefix?: unknown; toolsetId?: unknown }) =>
  data.toolPrefix !== undefined ? 'toolPrefix' : data.toolsetId !== undefined ? 'toolsetId' : 'allowList';

/** Registers an agent and issues its bearer token (shown once; a caller-chosen value is allowed). */
export async function createAgent(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'agent_created' }, async (em) => {
    const orgId = authorizedOrg(ctx, input.organizationId, 'agent.write');
    const data = parseInput(CreateInput, input);
    const org = await em.findOne(Organization, { id: orgId });
    if (!org) throw notFound('Organization');
    await assertTokenAvailable(em, data.token);
    const toolset = await scopeOf(em, org.id, data.toolsetId, data.allowList);
    await assertServersExist(em, org.id, data.allowList);
    const agent = em.create(Agent, { org, name: data.name, description: data.description ?? null, allowList: data.allowList, toolset, toolPrefix: data.toolPrefix ?? null });
    await assertAgentNamesUnique(em, agent, changedField(data));
    const { plaintext, credential } = issueCredential(em, { kind: 'agent_token', agent, org, name: data.name, custom: data.token ?? undefined, environment: data.environment });
    return { result: { agent, token: plaintext, credential }, target: agentTarget(agent), orgId: org.id };
  }, () => countTokenGuess(ctx, input.token));
}

const UpdateInput = z.object({
  id: fields.id, name: agentName.nullish(), description: z.string().max(2_000).nullish(), allowList: allowList.nullish(), toolsetId: fields.id.nullish(),
  toolPrefix, token: fields.customToken.nullish(),
});

/** The agent's token from now on: the one it had (if any) stops working at once; its environment carries over unless given. */
async function replaceToken(em: EntityManager, agent: Agent, custom: string | null | undefined, environment?: string | null) {
  await assertTokenAvailable(em, custom);
  const previous = await em.findOne(Credential, { agent, kind: 'agent_token' }, { orderBy: { createdAt: 'desc' }, fields: ['environment'] });
  const replaced = await em.nativeUpdate(Credential, { agent, revokedAt: null }, { revokedAt: new Date() });
  const issued = issueCredential(em, { kind: 'agent_token', agent, org: agent.org, name: agent.name, custom: custom ?? undefined, environment: environment === undefined ? previous?.environment : environment });
  return { replaced, ...issued };
}

export async function updateAgent(ctx: Ctx, input: z.input<typeof UpdateInput>) {
  return mutate(ctx, { type: 'agent_updated' }, async (em) => {
    const agent = await loadAgent(ctx, em, { id: input.id }, 'agent.write');
    const data = parseInput(UpdateInput, input);
    if (data.name) agent.name = data.name;
    if (data.description !== undefined) agent.description = data.description;
    if (data.allowList) {
      await assertServersExist(em, agent.org.id, data.allowList);
      agent.allowList = data.allowList;
    }
    // Null detaches the toolset (the allow list governs again); a toolset replaces the allow list.
    if (data.toolsetId === null) agent.toolset = null;
    if (data.toolsetId) {
      agent.toolset = await scopeOf(em, agent.org.id, data.toolsetId, data.allowList);
      agent.allowList = [];
    }
    if (data.toolPrefix !== undefined) agent.toolPrefix = data.toolPrefix;
    // Only what decides its tools' names is checked: an agent that meets a collision later can still be renamed.
    if (data.toolPrefix !== undefined || data.allowList || data.toolsetId !== undefined) await assertAgentNamesUnique(em, agent, changedField(data));
    // Seed 000's PUT may set the agent's token to a value of the caller's choosing.
    if (data.token) await replaceToken(em, agent, data.token);
    return { result: agent, target: agentTarget(agent), orgId: agent.org.id, details: { allowList: agent.allowList, toolsetId: agent.toolset?.id ?? null, toolPrefix: agent.toolPrefix ?? null } };
  }, () => countTokenGuess(ctx, input.token));
}

const IssueInput = z.object({ agentId: fields.id, token: fields.customToken.nullish(), environment });

/**
 * Gives an agent a new token (generated, or the value chosen), shown once: the one it had stops working
 * at once. An agent whose token was revoked gets a working one again this way.
 */
export async function issueAgentToken(ctx: Ctx, input: z.input<typeof IssueInput>) {
  return mutate(ctx, { type: 'agent_token_issued' }, async (em) => {
    const agent = await loadAgent(ctx, em, { id: input.agentId }, 'agent.write');
    const data = parseInput(IssueInput, input);
    const { plaintext, credential, replaced } = await replaceToken(em, agent, data.token, data.environment);
    return { result: { agent, token: plaintext, credential }, target: agentTarget(agent), orgId: agent.org.id, details: { replaced } };
  }, () => countTokenGuess(ctx, input.token));
}

/** Every token the agent has had, the revoked ones too, newest first. */
export const agentCredentials = (em: EntityManager, agent: Agent) =>
  em.find(Credential, { agent, kind: 'agent_token' }, { orderBy: { createdAt: 'desc', id: 'desc' } });

/** Deleting an agent invalidates its token at once. */
export async function deleteAgent(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'agent_deleted' }, async (em) => {
    const agent = await loadAgent(ctx, em, { id: parseInput(z.object({ id: fields.id }), input).id }, 'agent.write');
    await em.nativeDelete(Credential, { agent: agent.id });
    em.remove(agent);
    return { result: agent.id, target: agentTarget(agent), orgId: agent.org.id };
  });
}
