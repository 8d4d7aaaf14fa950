import type { EntityManager } from '@mikro-orm/postgresql';
import { maySeeEveryRuntime } from '../auth/runtime-access.ts';
import { DeploymentChange } from '../db/deployment-change.entity.ts';
import { Deployment } from '../db/deployment.entity.ts';
import { newId } from '../db/ids.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { badInput } from '../errors.ts';
import type { Ctx } from './context.ts';
import { serverRuntimes } from './deployments.ts';
import { DEFAULT_ENVIRONMENT } from './environments.ts';
import { authorizeFound } from './scope.ts';

/** The changes of a deployment kept (src/mcp/deployment-history.ts prunes the rest). */
export const KEPT_CHANGES = 200;

/**
 * The server's deployment in `environment`, made (a draft) if it has none yet, inside the caller's
 * transaction: an upsert, since a runtime's first report may make it at the same moment.
 */
export async function ensureDeployment(em: EntityManager, server: McpServer, environment = DEFAULT_ENVIRONMENT): Promise<Deployment> {
  const now = new Date();
  return em.upsert(Deployment, { id: newId('dep'), server: server.id, environment, status: 'draft', envNames: [], createdAt: now, updatedAt: now }, {
    onConflictFields: ['server', 'environment'], onConflictAction: 'merge', onConflictMergeFields: ['environment'],
  });
}

/** Publishing puts a draft into service: stopped until a runtime starts (on first use). */
export async function publishDeployment(em: EntityManager, server: McpServer) {
  const deployment = await ensureDeployment(em, server);
  if (deployment.status === 'draft') deployment.status = 'stopped';
  return deployment;
}

/** The server's deployments, one per environment it was deployed in. */
export const listDeployments = (ctx: Ctx, server: McpServer) =>
  ctx.em.find(Deployment, { server: server.id }, { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['server'] });

export async function getDeployment(ctx: Ctx, id: string) {
  const deployment = await ctx.em.findOne(Deployment, { id }, { populate: ['server'] });
  authorizeFound(ctx, 'server.read', 'Deployment', deployment?.server.org.id);
  return deployment!;
}

/**
 * The status changes its runtimes went through that the caller may see (as the stream shows them: a
 * per-user runtime's to its user and the server's operators), oldest first: the newest `last` of them.
 */
export async function deploymentChanges(ctx: Ctx, deployment: Deployment, last: number) {
  if (!Number.isInteger(last) || last < 0 || last > KEPT_CHANGES) throw badInput(`last: between 0 and ${KEPT_CHANGES}`, { field: 'last' });
  const principal = ctx.principal!;
  const where = maySeeEveryRuntime(principal, deployment.server.org.id)
    ? { deployment: deployment.id }
    : { deployment: deployment.id, $or: [{ userId: null }, { userId: principal.id }] };
  const rows = await ctx.em.find(DeploymentChange, where, { orderBy: { seq: 'desc' }, limit: last });
  return rows.reverse();
}

/** The live instances running it (the environment every runtime is in, today). */
export const deploymentInstances = (ctx: Ctx, deployment: Deployment) =>
  (deployment.environment === DEFAULT_ENVIRONMENT ? serverRuntimes(ctx, deployment.server as McpServer) : []);
