import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { UserServerSecret } from '../db/user-server-secret.entity.ts';
import { conflict } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { publishDeployment } from './deployment-records.ts';
import { mutate } from './mutation.ts';
import { runtimeSpec } from './server-spec.ts';
import { loadServer, serverTarget } from './servers.ts';
import type { DiscoveredTool } from './upstream-port.ts';

const IdOnly = z.object({ id: fields.id });

type Discovery = { tools: DiscoveredTool[]; error: null } | { tools: null; error: string };

export interface ValidationResult {
  server: McpServer;
  ok: boolean;
  error: string | null;
}

/** The caller's own values for a per-user server, so an operator can validate it as themselves. */
export async function callerValues(ctx: Ctx, server: McpServer): Promise<Record<string, string>> {
  if (server.isolation !== 'per_user' || ctx.principal?.kind !== 'user') return {};
  const own = await ctx.em.findOne(UserServerSecret, { user: ctx.principal.id, server: server.id });
  return own ? ctx.services.secrets.open<Record<string, string>>(own.sealedValues) : {};
}

/** Keeps the operator's overrides of tools that still exist; drops tools the upstream no longer offers. */
export async function syncTools(em: EntityManager, server: McpServer, discovered: DiscoveredTool[]) {
  const existing = new Map((await em.find(Tool, { server })).map((t) => [t.name, t]));
  for (const d of discovered) {
    const found = existing.get(d.name);
    const upstreamFields = {
      title: d.title ?? null, description: d.description ?? null, inputSchema: d.inputSchema,
      outputSchema: d.outputSchema ?? null, annotations: d.annotations ?? null,
    };
    if (found) Object.assign(found, upstreamFields);
    else em.create(Tool, { server, name: d.name, ...upstreamFields });
    existing.delete(d.name);
  }
  for (const gone of existing.values()) em.remove(gone);
}

/**
 * Connects to the upstream, initializes, lists its tools and stores them. A draft becomes validated; a
 * failure is kept on the server (`validationError`) and reported, not thrown.
 */
export async function validateServer(ctx: Ctx, input: { id: string }) {
  const { id } = parseInput(IdOnly, input);
  return mutate<ValidationResult, Discovery>(ctx, { type: 'server_validated' }, async (em, discovery) => {
    const server = await loadServer(ctx, em, id, 'server.write');
    if (discovery.error !== null) {
      server.validationError = discovery.error;
      return { result: { server, ok: false, error: discovery.error }, status: 'failure', target: serverTarget(server), orgId: server.org.id, details: { error: discovery.error } };
    }
    await syncTools(em, server, discovery.tools);
    Object.assign(server, { validatedAt: new Date(), validationError: null, status: server.status === 'draft' ? 'validated' : server.status });
    return { result: { server, ok: true, error: null }, target: serverTarget(server), orgId: server.org.id, details: { tools: discovery.tools.length } };
  }, async (): Promise<Discovery> => {
    const server = await loadServer(ctx, ctx.em, id, 'server.write');
    if (server.status === 'archived') throw conflict('An archived server cannot be validated: publish it again first');
    try {
      return { tools: await ctx.services.upstreams.discover(await runtimeSpec(ctx.em, ctx.services.secrets, server, await callerValues(ctx, server))), error: null };
    } catch (error) {
      return { tools: null, error: (error as Error).message };
    } finally {
      // What it went through is in its deployment's history before it answers.
      await ctx.services.deploymentHistory.settled();
    }
  });
}

/** Publishing offers a validated server to the groups it is assigned to, and puts its deployment into service. */
export async function publishServer(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'server_published' }, async (em) => {
    const server = await loadServer(ctx, em, parseInput(IdOnly, input).id, 'server.publish');
    if (!server.validatedAt) throw conflict('Validate the server before publishing it');
    server.status = 'published';
    await publishDeployment(em, server);
    return { result: server, target: serverTarget(server), orgId: server.org.id };
  });
}

/** Archiving takes a server out of service: its users lose access and its processes stop. */
export async function archiveServer(ctx: Ctx, input: { id: string }) {
  const server = await mutate(ctx, { type: 'server_archived' }, async (em) => {
    const server = await loadServer(ctx, em, parseInput(IdOnly, input).id, 'server.publish');
    server.status = 'archived';
    return { result: server, target: serverTarget(server), orgId: server.org.id };
  });
  await ctx.services.upstreams.stop(server.id);
  return server;
}

export const KillSwitchInput = z.object({ id: fields.id, active: z.boolean(), reason: z.string().trim().max(1_000).nullish() });

export function applyKillSwitch(target: { killedAt: Date | null | undefined; killReason: string | null | undefined; killedBy: string | null | undefined }, data: z.infer<typeof KillSwitchInput>, by: string) {
  Object.assign(target, data.active
    ? { killedAt: new Date(), killReason: data.reason || 'No reason given', killedBy: by }
    : { killedAt: null, killReason: null, killedBy: null });
}

/** The emergency stop for a whole server: every tool of it is refused from the next call on. */
export async function setServerKillSwitch(ctx: Ctx, input: z.input<typeof KillSwitchInput>) {
  return mutate(ctx, { type: input.active ? 'server_killed' : 'server_revived' }, async (em) => {
    const server = await loadServer(ctx, em, input.id, 'server.kill');
    const data = parseInput(KillSwitchInput, input);
    applyKillSwitch(server, data, ctx.principal!.name);
    return { result: server, target: serverTarget(server), orgId: server.org.id, details: { reason: server.killReason } };
  });
}
