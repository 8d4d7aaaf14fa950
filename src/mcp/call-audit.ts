import type { AuditStatus } from '../db/audit-event.entity.ts';
import { describeToolCall } from '../telemetry/spans.ts';
import type { CallContext } from './call-context.ts';
import type { Entry } from './tool-names.ts';

/** How a tools/call ended, as its metrics, span and audit event say it. */
export interface CallOutcome {
  status: AuditStatus;
  detail: string | null;
  inputRequired: boolean;
}

/**
 * Counts, describes and audits one tools/call, whatever its outcome. Resolves once its event is recorded
 * as the audit mode wants it: committed (durable) or queued (buffered).
 */
export async function recordToolCall(cc: CallContext, name: string, found: Entry | undefined, { status, detail, inputRequired }: CallOutcome, started: number) {
  // Counted by the catalog's names only: a name a caller made up is no label.
  if (found) cc.services.metrics.toolCall(found[0].name, found[1].name, status);
  if (cc.services.telemetry.enabled) describeToolCall(found?.[0].name ?? null, found?.[1].name ?? null, status);
  await cc.services.audit.record({
    type: 'tool_invocation',
    status,
    correlationId: cc.correlationId,
    orgId: found?.[0].orgId ?? cc.principal.homeOrgId,
    actor: cc.principal,
    clientLabel: cc.principal.credentialName,
    // The server by its id too: usage stays with it when it is renamed while the call runs.
    target: found ? { type: 'McpServer', id: found[0].id, name: found[0].name } : null,
    serverName: found?.[0].name ?? null,
    toolName: found?.[1].name ?? name,
    durationMs: performance.now() - started,
    details: detail || inputRequired ? { ...(detail && { message: detail.slice(0, 500) }), ...(inputRequired && { inputRequired }) } : null,
  });
}
