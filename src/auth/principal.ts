import type { OrgRole } from '../db/membership.entity.ts';
import type { ToolPrefixMode } from '../db/toolset.entity.ts';

export type PrincipalKind = 'user' | 'agent' | 'serviceAccount';

/** Who is calling, resolved once per request from the credential they presented. */
export interface Principal {
  kind: PrincipalKind;
  id: string;
  name: string;
  /**
   * The organization the credential was issued in: an agent's or a service account's only one; for a
   * person, where their /mcp tools come from. The control plane never acts in it unasked.
   */
  homeOrgId: string;
  /** The system role: administrators act as `admin` in every organization. Nothing else grants it. */
  systemAdmin: boolean;
  /** Every membership: organization id → role there. */
  orgRoles: ReadonlyMap<string, OrgRole>;
  credentialId: string;
  credentialKind: string;
  /** The credential's label: how the audit log names the client ("Claude Desktop - Work Laptop"). */
  credentialName: string;
  /** Agents only: the server names they may use (`*` for all). People are governed by their groups. */
  allowList: readonly string[] | null;
  /** Agents only: how /mcp names their tools, when the agent has a mode of its own (else its toolset's, else `always`). */
  toolPrefix: ToolPrefixMode | null;
  /** The toolset that scopes an agent instead of `allowList`, or a project key's project's. */
  toolsetId: string | null;
  /** A project key's project: on /mcp it reaches that project's toolset only (none assigned: nothing). */
  projectId: string | null;
  /** When the presented credential stops working by itself. */
  credentialExpiresAt: Date | null;
}

export function roleIn(principal: Principal, orgId: string): OrgRole | undefined {
  return principal.systemAdmin ? 'admin' : principal.orgRoles.get(orgId);
}

/** Whether the principal's whole /mcp world is one toolset (a toolset-scoped agent, a project key). */
export const toolsetScoped = (principal: Principal) => principal.projectId !== null || (principal.kind === 'agent' && principal.toolsetId !== null);
