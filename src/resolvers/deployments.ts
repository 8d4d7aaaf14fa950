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
export async function subscribeDeploymentStatus(ctx: Ctx, serverId: string): Promise<AsyncIterableIterator<DeploymentState | StreamEnd>> {
  const orgId = (await loadServer(ctx, ctx.em, serverId, 'server.read')).org.id;
  const principal = ctx.principal!;
  return ctx.services.streams.subscription(principal.id, iterate<DeploymentState>(
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
  ));
}

/** The server's runtimes the caller may see, newest change first. */
export function serverRuntimes(ctx: Ctx, server: McpServer): DeploymentState[] {
  const principal = ctx.principal;
  if (!principal) return [];
  return ctx.services.deployments.runtimes(server.id, (state) => maySeeRuntime(principal, server.org.id, state.userId));
}
