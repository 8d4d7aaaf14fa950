import { iterate } from '../events/pubsub.ts';
import type { Ctx } from './context.ts';
import { loadServer } from './servers.ts';
import { DEPLOYMENT_TOPIC, type DeploymentState } from './upstream-port.ts';

/** Runtime status changes of one server (validating, starting, running, failed, stopped). */
export async function subscribeDeploymentStatus(ctx: Ctx, serverId: string): Promise<AsyncIterable<DeploymentState>> {
  await loadServer(ctx, ctx.em, serverId, 'server.read');
  return iterate<DeploymentState>(ctx.services.pubsub, DEPLOYMENT_TOPIC, (event) => event.serverId === serverId);
}

export function currentDeployment(ctx: Ctx, serverId: string): DeploymentState | null {
  return ctx.services.deployments.latest(serverId) ?? null;
}
