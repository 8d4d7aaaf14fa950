import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { Deployment } from '../db/deployment.entity.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { conflict } from '../errors.ts';
import type { Ctx } from './context.ts';
import { DEFAULT_ENVIRONMENT } from './environments.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { liveRuntime } from './server-smoke.ts';
import { loadServer, serverTarget } from './servers.ts';

const IdOnly = z.object({ id: fields.id });

export interface ControlResult {
  server: McpServer;
  ok: boolean;
  error: string | null;
  deployment: Deployment | null;
}

const failure = (error: unknown) => (error instanceof McpError ? `${error.code}: ${error.message}` : (error as Error).message);

/** What it did, once its status changes are kept: the deployment as they left it. */
async function settledResult(ctx: Ctx, server: McpServer, error: string | null): Promise<ControlResult> {
  await ctx.services.deploymentHistory.settled();
  const deployment = await ctx.em.fork().findOne(Deployment, { server: server.id, environment: DEFAULT_ENVIRONMENT }, { populate: ['server'] });
  return { server, ok: error === null, error, deployment };
}

/** Audited as `type`: a failure to start is the operation's outcome (`ok: false`), not a thrown error. */
function audited(ctx: Ctx, type: string, id: string, act: (server: McpServer) => Promise<string | null>) {
  return mutate<ControlResult, ControlResult>(ctx, { type, changesAccess: false }, async (_em, result) => ({
    result, status: result.ok ? 'success' : 'failure', target: serverTarget(result.server), orgId: result.server.org.id, details: result.error ? { error: result.error } : undefined,
  }), async () => {
    const server = await loadServer(ctx, ctx.em, id, 'deployment.control');
    return settledResult(ctx, server, await act(server));
  });
}

/** Stops the server's runtimes on every instance and starts it again on this one (the caller's own of a per-user server). */
export function restartServer(ctx: Ctx, input: { id: string }) {
  return audited(ctx, 'server_restarted', parseInput(IdOnly, input).id, async (server) => {
    if (server.status === 'archived') throw conflict('An archived server has no runtime: publish it again first');
    if (server.killedAt) throw conflict(`"${server.name}" is switched off: switch it on first`);
    await ctx.services.upstreams.stop(server.id, undefined, `restarted by ${ctx.principal!.name}`);
    try {
      await ctx.services.upstreams.start(await liveRuntime(ctx, server));
      return null;
    } catch (error) {
      return failure(error);
    }
  });
}

/** Stops the server's runtimes on every instance; the next call to it starts one again (the kill switch refuses calls). */
export function stopServer(ctx: Ctx, input: { id: string }) {
  return audited(ctx, 'server_stopped', parseInput(IdOnly, input).id, async (server) => {
    await ctx.services.upstreams.stop(server.id, undefined, `stopped by ${ctx.principal!.name}`);
    await ctx.services.deploymentHistory.settled();
    await ctx.em.fork().nativeUpdate(Deployment, { server: server.id, environment: DEFAULT_ENVIRONMENT, status: { $ne: 'draft' } }, { status: 'stopped', updatedAt: new Date() });
    return null;
  });
}
