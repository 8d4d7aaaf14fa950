import type { IncomingHttpHeaders } from 'node:http';
import { toolAccess, type Denial } from '../auth/mcp-access.ts';
import { personOf, type CallContext } from './call-context.ts';
import { decodeHeaderValue } from './modern-headers.ts';
import { namingOf, prefixModeOf, type Entry } from './tool-names.ts';

/** What the policy says of a tools/call of `name` by this caller, from the catalog the request read. */
export interface ToolDecision {
  name: string;
  found: Entry | undefined;
  /** Why a NEVER caller cannot call a name several servers offer. */
  collision: string | null;
  denial: Denial | null;
}

/** The tool a name calls for this caller, named as its tools/list names it; or why a NEVER caller cannot call that name. */
export function resolveTool(cc: CallContext, name: string): Entry | string | undefined {
  const org = cc.principal.homeOrgId;
  if (cc.scope) {
    const server = cc.catalog.byName.get(org)?.get(cc.scope);
    const tool = server?.tools.get(name);
    return server && tool ? [server, tool] : undefined;
  }
  const mode = prefixModeOf(cc);
  // The hot path: every name `server__tool`, one lookup in the catalog.
  if (mode === 'always') return cc.catalog.exposed.get(org)?.get(name);
  const naming = namingOf(cc, mode, cc.services.log);
  return naming.byName.get(name) ?? naming.collisions.get(name);
}

function decideTool(cc: CallContext, name: string): ToolDecision {
  const resolved = resolveTool(cc, name);
  const collision = typeof resolved === 'string' ? resolved : null;
  const found = typeof resolved === 'string' ? undefined : resolved;
  const denial = found ? toolAccess(cc.principal, found[0], found[1], personOf(cc)) : { kind: 'hidden' as const };
  return { name, found, collision, denial };
}

/**
 * A 2026-era tools/call decided from its Mcp-Method and Mcp-Name headers, before its body is parsed. The
 * body must name the same tool (checkHeaders refuses it otherwise), so the decision holds for the call.
 */
export function decideFromHeaders(cc: CallContext, headers: IncomingHttpHeaders): ToolDecision | undefined {
  const method = headers['mcp-method'];
  const name = headers['mcp-name'];
  if (typeof method !== 'string' || typeof name !== 'string' || decodeHeaderValue(method) !== 'tools/call') return undefined;
  const decoded = decodeHeaderValue(name);
  return decoded === null ? undefined : decideTool(cc, decoded);
}

/** The decision for a call of `name`: the one its headers gave when they name it, else taken now. */
export const toolDecision = (cc: CallContext, name: string): ToolDecision => (cc.decision?.name === name ? cc.decision : decideTool(cc, name));
