import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { conflict } from '../errors.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { callerValues } from './server-lifecycle.ts';
import { runtimeSpec } from './server-spec.ts';
import { loadServer } from './servers.ts';
import type { DiscoveredTool, LiveRuntime } from './upstream-port.ts';

const SmokeListInput = z.object({ id: fields.id });
const SmokeCallInput = z.object({
  id: fields.id,
  tool: z.string().min(1).max(128),
  arguments: z.record(z.string(), z.unknown()).nullish(),
});

export interface SmokeList {
  server: McpServer;
  ok: boolean;
  error: string | null;
  tools: DiscoveredTool[];
  durationMs: number;
}

export interface SmokeCall {
  server: McpServer;
  tool: string;
  ok: boolean;
  error: string | null;
  /** The tool's result as the upstream gave it; null when the call failed before one. */
  result: Record<string, unknown> | null;
  isError: boolean;
  durationMs: number;
}

/** The server, if its runtime may be run: not archived, not switched off. */
export async function runnable(ctx: Ctx, id: string): Promise<McpServer> {
  const server = await loadServer(ctx, ctx.em, id, 'server.smoke');
  if (server.status === 'archived') throw conflict('An archived server has no runtime: publish it again first');
  if (server.killedAt) throw conflict(`"${server.name}" is switched off${server.killReason ? ` (${server.killReason})` : ''}: switch it on first`);
  return server;
}

/** The runtime its operator reaches, as a call through /mcp would: the shared one, or theirs of a per-user server. */
export async function liveRuntime(ctx: Ctx, server: McpServer): Promise<LiveRuntime> {
  const values = await callerValues(ctx, server);
  const userId = server.isolation === 'per_user' ? ctx.principal!.id : null;
  return { serverId: server.id, userId, spec: () => runtimeSpec(ctx.em, ctx.services.secrets, server, values) };
}

const failure = (error: unknown) => (error instanceof McpError ? `${error.code}: ${error.message}` : (error as Error).message);

/** What the live runtime lists now, without storing it: the stored tools change only by validation. */
export async function smokeListTools(ctx: Ctx, input: z.input<typeof SmokeListInput>): Promise<SmokeList> {
  const { id } = parseInput(SmokeListInput, input);
  const server = await runnable(ctx, id);
  const started = performance.now();
  let outcome: Pick<SmokeList, 'ok' | 'error' | 'tools'>;
  try {
    outcome = { ok: true, error: null, tools: await ctx.services.upstreams.listTools(await liveRuntime(ctx, server)) };
  } catch (error) {
    outcome = { ok: false, error: failure(error), tools: [] };
  }
  const durationMs = performance.now() - started;
  await ctx.services.audit.record({
    type: 'server_smoke_tools_list', status: outcome.ok ? 'success' : 'failure', correlationId: ctx.correlationId, orgId: server.org.id,
    actor: ctx.principal, clientLabel: ctx.clientLabel, target: { type: 'McpServer', id: server.id, name: server.name }, serverName: server.name,
    durationMs, details: outcome.ok ? { tools: outcome.tools.length } : { message: outcome.error!.slice(0, 500) },
  });
  return { server, ...outcome, durationMs };
}

/**
 * One tools/call against the live runtime by an operator, audited as any call (`tool_invocation`, with
 * `smoke: true`). A tool switched off is refused; one disabled may be tried before it is enabled.
 */
export async function smokeCallTool(ctx: Ctx, input: z.input<typeof SmokeCallInput>): Promise<SmokeCall> {
  const { id, tool, arguments: args } = parseInput(SmokeCallInput, input);
  const server = await runnable(ctx, id);
  const stored = await ctx.em.findOne(Tool, { server: server.id, name: tool });
  if (stored?.killedAt) throw conflict(`The tool "${tool}" is switched off${stored.killReason ? ` (${stored.killReason})` : ''}: switch it on first`);
  const started = performance.now();
  let outcome: Pick<SmokeCall, 'ok' | 'error' | 'result' | 'isError'>;
  try {
    const result = await ctx.services.upstreams.request(await liveRuntime(ctx, server), { method: 'tools/call', params: { name: tool, arguments: args ?? {} } });
    outcome = { ok: true, error: null, result, isError: result.isError === true };
  } catch (error) {
    outcome = { ok: false, error: failure(error), result: null, isError: false };
  }
  const durationMs = performance.now() - started;
  await ctx.services.audit.record({
    type: 'tool_invocation', status: outcome.ok && !outcome.isError ? 'success' : outcome.ok ? 'failure' : 'error', correlationId: ctx.correlationId,
    orgId: server.org.id, actor: ctx.principal, clientLabel: ctx.clientLabel, target: { type: 'McpServer', id: server.id, name: server.name },
    serverName: server.name, toolName: tool, durationMs,
    details: { smoke: true, ...(outcome.error && { message: outcome.error.slice(0, 500) }) },
  });
  return { server, tool, ...outcome, durationMs };
}
