import { maySeeRuntime, runtimeViewEnds } from '../auth/runtime-access.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { iterate } from '../events/pubsub.ts';
import type { StreamEnd } from '../events/stream-end.ts';
import type { Ctx } from './context.ts';
import { loadServer } from './servers.ts';
import { DEPLOYMENT_TOPIC, type DeploymentState } from './upstream-port.ts';

/**
 * Runtime status changes of one server (validating, starting, running, failed, stopped) that the caller
 * may see. Ends with UNAUTHENTICATED or FORBIDDEN as soon as the subscriber's access changes.
 */
export async function subscribeDeploymentStatus(ctx: Ctx, serverId: string): Promise<AsyncIterable<DeploymentState | StreamEnd>> {
  const orgId = (await loadServer(ctx, ctx.em, serverId, 'server.read')).org.id;
  const principal = ctx.principal!;
  return iterate<DeploymentState>(
    ctx.services.pubsub,
    DEPLOYMENT_TOPIC,
    (state) => state.serverId === serverId && maySeeRuntime(principal, orgId, state.userId),
    (end) => ctx.services.accessWatch.watch({
      credentialId: principal.credentialId,
      verifiedAt: ctx.principalTicket,
      credentialExpiresAt: principal.credentialExpiresAt,
      recheck: (fresh) => runtimeViewEnds(principal, fresh, orgId),
      end,
    }),
  );
}

/** The latest status change of the server's runtimes that the caller may see. */
export function currentDeployment(ctx: Ctx, server: McpServer): DeploymentState | null {
  const principal = ctx.principal;
  if (!principal) return null;
  return ctx.services.deployments.latest(server.id, (state) => maySeeRuntime(principal, server.org.id, state.userId)) ?? null;
}
