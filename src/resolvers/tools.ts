import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Tool } from '../db/tool.entity.ts';
import { badInput, notFound } from '../errors.ts';
import type { Ctx } from './context.ts';
import { authorizeFound } from './scope.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { paginate, type PageArgs } from './pagination.ts';
import { applyKillSwitch, KillSwitchInput } from './server-lifecycle.ts';
import { loadServer } from './servers.ts';

const toolTarget = (t: Tool) => ({ type: 'Tool', id: t.id, name: t.name });

async function loadTool(ctx: Ctx, em: EntityManager, id: string, action: 'server.read' | 'tool.write' | 'tool.kill') {
  const tool = await em.findOne(Tool, { id }, { populate: ['server'] });
  authorizeFound(ctx, action, 'Tool', tool?.server.org.id);
  return tool!;
}

export const getTool = (ctx: Ctx, id: string) => loadTool(ctx, ctx.em, id, 'server.read');

/** A tool by its server and its name (as the upstream named it). */
export async function findTool(ctx: Ctx, ref: { id?: string | null; serverId?: string | null; name?: string | null }) {
  if (ref.id) return getTool(ctx, ref.id);
  const server = await loadServer(ctx, ctx.em, ref.serverId ?? '', 'server.read');
  const tool = await ctx.em.findOne(Tool, { server, name: ref.name ?? '' }, { populate: ['server'] });
  if (!tool) throw notFound('Tool');
  return tool;
}

export async function listTools(ctx: Ctx, serverId: string, args: PageArgs) {
  const server = await loadServer(ctx, ctx.em, serverId, 'server.read');
  return paginate(ctx.em, Tool, { server }, args);
}

const text = (max: number) => z.string().max(max).nullish();
const ToolPatch = z.object({
  id: fields.id,
  enabled: z.boolean().nullish(),
  displayName: text(200),
  descriptionOverride: text(10_000),
  instructions: text(10_000),
  whenToUse: text(5_000),
  whenNotToUse: text(5_000),
});
type ToolPatch = z.infer<typeof ToolPatch>;

function applyPatch(tool: Tool, patch: ToolPatch) {
  for (const key of ['displayName', 'descriptionOverride', 'instructions', 'whenToUse', 'whenNotToUse'] as const) {
    if (patch[key] !== undefined) tool[key] = patch[key] || null;
  }
  if (patch.enabled != null) tool.enabled = patch.enabled;
}

/** What agents see of a tool: its switch, display name, description and guidance for the model. */
export async function updateTool(ctx: Ctx, input: z.input<typeof ToolPatch>) {
  return mutate(ctx, { type: 'tool_updated' }, async (em) => {
    const tool = await loadTool(ctx, em, input.id, 'tool.write');
    applyPatch(tool, parseInput(ToolPatch, input));
    return { result: tool, target: toolTarget(tool), orgId: tool.server.org.id };
  });
}

const BulkInput = z.object({ serverId: fields.id, tools: z.array(ToolPatch).min(1).max(500) });

/** Several tools of one server at once, all or nothing. */
export async function updateTools(ctx: Ctx, input: z.input<typeof BulkInput>) {
  return mutate(ctx, { type: 'tools_updated' }, async (em) => {
    const server = await loadServer(ctx, em, input.serverId, 'tool.write');
    const data = parseInput(BulkInput, input);
    const tools = await em.find(Tool, { server, id: { $in: data.tools.map((t) => t.id) } });
    const byId = new Map(tools.map((t) => [t.id, t]));
    const unknown = data.tools.filter((p) => !byId.has(p.id)).map((p) => p.id);
    if (unknown.length) throw badInput(`Not tools of this server: ${unknown.join(', ')}`);
    for (const patch of data.tools) applyPatch(byId.get(patch.id)!, patch);
    return { result: data.tools.map((p) => byId.get(p.id)!), target: { type: 'McpServer', id: server.id, name: server.name }, orgId: server.org.id, details: { tools: data.tools.length } };
  });
}

export async function setToolKillSwitch(ctx: Ctx, input: z.input<typeof KillSwitchInput>) {
  return mutate(ctx, { type: input.active ? 'tool_killed' : 'tool_revived' }, async (em) => {
    const tool = await loadTool(ctx, em, input.id, 'tool.kill');
    const data = parseInput(KillSwitchInput, input);
    applyKillSwitch(tool, data, ctx.principal!.name);
    return { result: tool, target: toolTarget(tool), orgId: tool.server.org.id, details: { server: tool.server.name, reason: tool.killReason } };
  });
}
