import type { IncomingHttpHeaders } from 'node:http';
import type { CallContext } from './call-context.ts';
import type { Request } from './jsonrpc.ts';
import { GateError } from './modern-envelope.ts';
import { paramMismatch, scanParams } from './param-headers.ts';
import { ModernCode } from './protocol.ts';
import { toolDecision } from './tool-decision.ts';

/**
 * A 2026-era tools/call's `Mcp-Param-*` headers, checked against its arguments for the tool it calls
 * (one the caller may see: another's tools answer as unknown, later) before anything is dispatched.
 * A mismatch is a GateError: HTTP 400, -32020, as for the standard headers.
 */
export function checkParamHeaders(cc: CallContext, message: Request, headers: IncomingHttpHeaders): void {
  if (message.method !== 'tools/call') return;
  const { name, arguments: args } = message.params ?? {};
  if (typeof name !== 'string' || typeof args !== 'object' || args === null || Array.isArray(args)) return;
  const { found, denial } = toolDecision(cc, name);
  if (!found || denial?.kind === 'hidden') return;
  const scan = scanParams(found[1].listing.inputSchema as Record<string, unknown>);
  if (!scan.valid || !scan.declarations.length) return;
  const problem = paramMismatch(scan.declarations, args as Record<string, unknown>, (header) => {
    const value = headers[header];
    return typeof value === 'string' ? value : undefined;
  });
  if (problem) throw new GateError(400, ModernCode.HeaderMismatch, `Header mismatch: ${problem.reason}`, { mismatch: { header: problem.header } });
}
