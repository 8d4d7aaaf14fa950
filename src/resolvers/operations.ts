import { DeploymentOperation, type OPERATION_KINDS } from '../db/deployment-operation.entity.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import type { Action } from '../auth/actions.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { Ctx } from './context.ts';
import { failureStatus } from './mutation.ts';
import { keys, paginate, type PageArgs } from './pagination.ts';
import { authorizeFound } from './scope.ts';
import { loadServer, mayInspect } from './servers.ts';

/** How each operation is audited: a refusal before it runs too, as its own mutation would be. */
const AUDIT_TYPES: Record<(typeof OPERATION_KINDS)[number], string> = {
  validate: 'server_validated', publish: 'server_published', archive: 'server_archived', hosting_check: 'server_hosting_checked',
  restart: 'server_restarted', stop: 'server_stopped',
};

export interface OperationOutcome {
  ok: boolean;
  error?: string | null;
  details?: Record<string, unknown> | null;
}

/**
 * Runs an operation on a server's deployment and keeps it in the server's history: `running` while it
 * runs (others see it), then `succeeded` or `failed` with its error and details. A caller refused the
 * operation (`action`) leaves no trace here: the audit log has the refusal, recorded here.
 */
export async function asOperation<T>(
  ctx: Ctx, serverId: string, kind: (typeof OPERATION_KINDS)[number], action: Action,
  run: () => Promise<T>, outcome: (result: T) => OperationOutcome, environment = 'prod',
): Promise<T> {
  try {
    await loadServer(ctx, ctx.em, serverId, action);
  } catch (refusal) {
    await ctx.services.audit.record({
      type: AUDIT_TYPES[kind], status: failureStatus(refusal), correlationId: ctx.correlationId, actor: ctx.principal, clientLabel: ctx.clientLabel,
      orgId: ctx.concernedOrgId ?? null, details: refusal instanceof AppError ? { code: refusal.code, message: refusal.message } : { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Unexpected error' },
    });
    throw refusal;
  }
  const em = ctx.services.orm.em.fork();
  const operation = em.create(DeploymentOperation, { server: serverId, kind, status: 'running', environment, requestedBy: ctx.principal?.name ?? null });
  await em.flush();
  let ended: OperationOutcome;
  try {
    const result = await run();
    ended = outcome(result);
    return result;
  } catch (error) {
    ended = { ok: false, error: (error as Error).message };
    throw error;
  } finally {
    Object.assign(operation, { status: ended!.ok ? 'succeeded' : 'failed', error: ended!.error?.slice(0, 2_000) ?? null, details: ended!.details ?? null, finishedAt: new Date() });
    await em.flush().catch((error: unknown) => ctx.services.log.warn('deployment operation not recorded', { id: operation.id, error: String(error) }));
  }
}

/** A server's operations, oldest first (`last` for the newest). */
export function listOperations(ctx: Ctx, server: McpServer, args: PageArgs) {
  return paginate(ctx.em, DeploymentOperation, { server: server.id }, args, keys.createdAtThenId, { populate: ['server'] });
}

export async function getOperation(ctx: Ctx, id: string) {
  const operation = await ctx.em.findOne(DeploymentOperation, { id }, { populate: ['server'] });
  authorizeFound(ctx, 'server.read', 'Deployment operation', operation?.server.org.id);
  return operation!;
}

/** What failed, and how: its operators' to read, since a message may quote the server's configuration. */
export const operationFindings = (ctx: Ctx, operation: DeploymentOperation) => (mayInspect(ctx, operation.server as McpServer) ? operation : null);
