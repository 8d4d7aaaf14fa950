import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';

import { Agent } from '../db/agent.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Project } from '../db/project.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { TOOL_PREFIX_MODES, Toolset } from '../db/toolset.entity.ts';
import { ToolsetServer } from '../db/toolset-server.entity.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput, searchAcross } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { authorizedOrg, authorizeFound, byIdOrName, type NamedRef } from './scope.ts';
import { validateServer } from './server-lifecycle.ts';
import { insertServer } from './servers.ts';
import { assertNamesUnique, assertToolsetNamesUnique } from './tool-prefix.ts';

export const toolsetTarget = (t: Toolset) => ({ type: 'Toolset', id: t.id, name: t.name });
export const toolsetName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'letters, digits, " ", ".", "_" or "-", at most 100');
const description = z.string().max(2_000).nullish();
/** How /mcp names tools for the agents and project keys it scopes; null: `always`. */
const toolPrefix = z.enum(TOOL_PREFIX_MODES).nullish();

export async function loadToolset(ctx: Ctx, em: EntityManager, ref: NamedRef, action: 'toolset.read' | 'toolset.write') {
  const toolset = await em.findOne(Toolset, byIdOrName(ctx, ref));
  authorizeFound(ctx, action, 'Toolset', toolset?.org.id);
  return toolset!;
}

export const getToolset = (ctx: Ctx, ref: NamedRef) => loadToolset(ctx, ctx.em, ref, 'toolset.read');

export async function listToolsets(ctx: Ctx, args: PageArgs & { organizationId?: string | null; search?: string | null }) {
  const orgId = authorizedOrg(ctx, args.organizationId, 'toolset.read');
  const search = parseInput(z.string().max(100).nullish(), args.search);
  // A toolset matches by its name or description, or by the name of a server in it.
  const where = search
    ? { org: orgId, $or: [searchAcross(['name', 'description'], search), { id: { $in: await toolsetsWithServer(ctx.em, orgId, search) } }] }
    : { org: orgId };
  return paginate(ctx.em, Toolset, where, args);
}

async function toolsetsWithServer(em: EntityManager, orgId: string, search: string) {
  const rows = await em.find(ToolsetServer, { toolset: { org: orgId }, server: searchAcross(['name', 'displayName', 'description'], search) }, { fields: ['toolset'] });
  return rows.map((row) => row.toolset.id);
}

export const toolsetServers = (ctx: Ctx, toolset: Toolset) =>
  ctx.em.find(ToolsetServer, { toolset }, { populate: ['server'], orderBy: { createdAt: 'asc', id: 'asc' } });
export const toolsetServerCount = (ctx: Ctx, toolset: Toolset) => ctx.em.count(ToolsetServer, { toolset });
export const toolsetAgents = (ctx: Ctx, toolset: Toolset) => ctx.em.find(Agent, { toolset }, { orderBy: { name: 'asc' } });

const CreateInput = z.object({ organizationId: fields.id.nullish(), name: toolsetName, description, toolPrefix });

export async function assertToolsetNameFree(em: EntityManager, orgId: string, name: string, hint?: string, except?: string) {
  const taken = await em.findOne(Toolset, { org: orgId, name });
  if (taken && taken.id !== except) throw conflict(`A toolset named "${name}" already exists${hint ? `: ${hint}` : ''}`);
}

export async function createToolset(ctx: Ctx, input: z.input<typeof CreateInput>) {
  return mutate(ctx, { type: 'toolset_created' }, async (em) => {
    const orgId = authorizedOrg(ctx, input.organizationId, 'toolset.write');
    const data = parseInput(CreateInput, input);
    await assertToolsetNameFree(em, orgId, data.name);
    // A new toolset has no servers: NEVER has nothing to collide yet.
    const toolset = em.create(Toolset, { org: orgId, name: data.name, description: data.description ?? null, toolPrefix: data.toolPrefix ?? null });
    return { result: toolset, target: toolsetTarget(toolset), orgId };
  });
}

const UpdateInput = z.object({ id: fields.id, name: toolsetName.nullish(), description, toolPrefix });

export async function updateToolset(ctx: Ctx, input: z.input<typeof UpdateInput>) {
  return mutate(ctx, { type: 'toolset_updated' }, async (em) => {
    const toolset = await loadToolset(ctx, em, { id: input.id }, 'toolset.write');
    const data = parseInput(UpdateInput, input);
    if (data.name) {
      await assertToolsetNameFree(em, toolset.org.id, data.name, undefined, toolset.id);
      toolset.name = data.name;
    }
    if (data.description !== undefined) toolset.description = data.description;
    if (data.toolPrefix !== undefined) {
      toolset.toolPrefix = data.toolPrefix;
      if (data.toolPrefix === 'never') await assertNamesUnique(em, toolset.org.id, { toolset }, 'toolPrefix');
    }
    return { result: toolset, target: toolsetTarget(toolset), orgId: toolset.org.id, details: { toolPrefix: toolset.toolPrefix ?? null } };
  });
}

/** Deletes a toolset; refused while agents or projects use it, unless forced (they are then left with no servers). */
export async function deleteToolset(ctx: Ctx, input: { id: string; force?: boolean | null }) {
  return mutate(ctx, { type: 'toolset_deleted' }, async (em) => {
    const data = parseInput(z.object({ id: fields.id, force: z.boolean().nullish() }), input);
    const toolset = await loadToolset(ctx, em, data, 'toolset.write');
    const [agents, projects] = await Promise.all([em.find(Agent, { toolset }, { fields: ['name'] }), em.find(Project, { toolset }, { fields: ['name'] })]);
    const users = [...agents.map((a) => `agent ${a.name}`), ...projects.map((p) => `project ${p.name}`)];
    if (users.length && !data.force) throw conflict(`The toolset is in use by ${users.join(', ')}: detach it first, or delete with force`);
    // Its agents keep no scope: an empty allow list, never "every server"; its projects reach nothing.
    await em.nativeUpdate(Agent, { toolset }, { toolset: null, allowList: [] });
    await em.nativeUpdate(Project, { toolset }, { toolset: null });
    em.remove(toolset);
    const details = { detachedAgents: agents.map((a) => a.name), detachedProjects: projects.map((p) => p.name) };
    return { result: toolset.id, target: toolsetTarget(toolset), orgId: toolset.org.id, details };
  });
}

export const Settings = z.object({
  tools: z.array(z.string().min(1).max(128)).max(1_000).nullish(),
  description,
  inputGuardrails: z.array(z.string().min(1).max(200)).max(50).nullish(),
  outputGuardrails: z.array(z.string().min(1).max(200)).max(50).nullish(),
});

/**
 * Settings as given; `tools: null` (or omitted on add) is all of them. The tool names are checked against
 * a validated server's tools: one never reached yet has none to check them against.
 */
async function applySettings(em: EntityManager, entry: ToolsetServer, settings: z.infer<typeof Settings>) {
  if (settings.tools && entry.server.validatedAt) {
    const known = new Set((await em.find(Tool, { server: entry.server }, { fields: ['name'] })).map((t) => t.name));
    const unknown = settings.tools.filter((name) => !known.has(name));
    if (unknown.length) throw badInput(`tools: not tools of this server: ${unknown.join(', ')}`, { field: 'tools' });
  }
  if (settings.tools !== undefined) entry.tools = settings.tools ? [...new Set(settings.tools)] : null;
  if (settings.description !== undefined) entry.description = settings.description;
  if (settings.inputGuardrails !== undefined) entry.inputGuardrails = settings.inputGuardrails ?? [];
  if (settings.outputGuardrails !== undefined) entry.outputGuardrails = settings.outputGuardrails ?? [];
}

/** Puts `server` in `toolset` with `settings`, inside the caller's transaction. */
export async function insertEntry(em: EntityManager, toolset: Toolset, server: McpServer, settings: z.infer<typeof Settings>) {
  if (await em.count(ToolsetServer, { toolset, server })) throw conflict(`${server.name} is already in the toolset`);
  const entry = em.create(ToolsetServer, { toolset, server, tools: null, description: null, inputGuardrails: [], outputGuardrails: [] });
  await applySettings(em, entry, settings);
  return entry;
}

const EntryInput = Settings.extend({ toolsetId: fields.id, serverId: fields.id });
const AddInput = Settings.extend({ toolsetId: fields.id, serverId: fields.id.nullish(), server: z.looseObject({}).nullish() });

/** Adds a server of the toolset's organization, or one defined inline (created as `createMcpServer` would). */
export async function addToolsetServer(ctx: Ctx, input: z.input<typeof AddInput>) {
  return mutate(ctx, { type: 'toolset_server_added' }, async (em) => {
    const toolset = await loadToolset(ctx, em, { id: input.toolsetId }, 'toolset.write');
    const data = parseInput(AddInput, input);
    if (!data.serverId === !data.server) throw badInput('Give serverId, or server to define one', { fields: ['serverId', 'server'] });
    // A server of the toolset's organization only: another's is as unknown as a missing one.
    const server = data.serverId
      ? await em.findOne(McpServer, { id: data.serverId, org: toolset.org })
      : await insertServer(ctx, em, toolset.org.id, input.server as Parameters<typeof insertServer>[3]);
    if (!server) throw notFound('MCP server');
    const entry = await insertEntry(em, toolset, server, data);
    await assertToolsetNamesUnique(em, toolset, data.serverId ? 'serverId' : 'server');
    return { result: entry, target: toolsetTarget(toolset), orgId: toolset.org.id, details: { serverId: server.id, createdServer: !data.serverId } };
  });
}

async function loadEntry(ctx: Ctx, em: EntityManager, toolsetId: string, serverId: string) {
  const toolset = await loadToolset(ctx, em, { id: toolsetId }, 'toolset.write');
  const entry = await em.findOne(ToolsetServer, { toolset, server: serverId }, { populate: ['server'] });
  if (!entry) throw notFound('Server in the toolset');
  return { toolset, entry };
}

export async function updateToolsetServer(ctx: Ctx, input: z.input<typeof EntryInput>) {
  return mutate(ctx, { type: 'toolset_server_updated' }, async (em) => {
    const data = parseInput(EntryInput, input);
    const { toolset, entry } = await loadEntry(ctx, em, data.toolsetId, data.serverId);
    await applySettings(em, entry, data);
    if (data.tools !== undefined) await assertToolsetNamesUnique(em, toolset, 'tools');
    return { result: entry, target: toolsetTarget(toolset), orgId: toolset.org.id, details: { serverId: data.serverId } };
  });
}

const RemoveInput = z.object({ toolsetId: fields.id, serverId: fields.id.nullish(), all: z.boolean().nullish() });

/** Removes one server from a toolset, or every one (`all`). */
export async function removeToolsetServers(ctx: Ctx, input: z.input<typeof RemoveInput>) {
  return mutate(ctx, { type: 'toolset_servers_removed' }, async (em) => {
    const data = parseInput(RemoveInput, input);
    if (!data.serverId === !data.all) throw badInput('Give serverId, or all: true', { fields: ['serverId', 'all'] });
    const toolset = data.serverId ? (await loadEntry(ctx, em, data.toolsetId, data.serverId)).toolset : await loadToolset(ctx, em, { id: data.toolsetId }, 'toolset.write');
    const removed = await em.nativeDelete(ToolsetServer, { toolset, ...(data.serverId && { server: data.serverId }) });
    return { result: toolset, target: toolsetTarget(toolset), orgId: toolset.org.id, details: { removed } };
  });
}

/** A new toolset with the same servers and settings. */
export async function copyToolset(ctx: Ctx, input: { id: string; name: string }) {
  return mutate(ctx, { type: 'toolset_copied' }, async (em) => {
    const data = parseInput(z.object({ id: fields.id, name: toolsetName }), input);
    const source = await loadToolset(ctx, em, data, 'toolset.write');
    await assertToolsetNameFree(em, source.org.id, data.name);
    const copy = em.create(Toolset, { org: source.org, name: data.name, description: source.description ?? null, toolPrefix: source.toolPrefix ?? null });
    for (const entry of await em.find(ToolsetServer, { toolset: source })) {
      const { server, tools, inputGuardrails, outputGuardrails } = entry;
      em.create(ToolsetServer, { toolset: copy, server, tools: tools ?? null, description: entry.description ?? null, inputGuardrails, outputGuardrails });
    }
    // A collision the source met after it was configured is not copied into a new configuration.
    if (copy.toolPrefix === 'never') await assertNamesUnique(em, copy.org.id, { toolset: copy }, 'id');
    return { result: copy, target: toolsetTarget(copy), orgId: copy.org.id, details: { from: source.id } };
  });
}

/**
 * Validates every server of the toolset, one after another (each as `validateMcpServer` does, audited
 * on its own), and reports per server; `ok` when all of them answered.
 */
export async function validateToolset(ctx: Ctx, input: { id: string }) {
  const toolset = await loadToolset(ctx, ctx.em, parseInput(z.object({ id: fields.id }), input), 'toolset.write');
  const entries = await ctx.em.find(ToolsetServer, { toolset }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const results = [];
  for (const entry of entries) results.push(await validateServer(ctx, { id: entry.server.id }));
  return { toolset, ok: results.every((r) => r.ok), results };
}
