import type { OrgRole } from '../db/membership.entity.ts';

export type PrincipalKind = 'user' | 'agent' | 'serviceAccount';

/** Who is calling, resolved once per request from the credential they presented. */
export interface Principal {
  kind: PrincipalKind;
  id: string;
  name: string;
  /** The organization of the presented credential. */
  orgId: string;
  /** System administrators act as `admin` in every organization. */
  systemAdmin: boolean;
  orgRoles: ReadonlyMap<string, OrgRole>;
  credentialId: string;
  credentialKind: string;
  /** The credential's label: how the audit log names the client ("Claude Desktop - Work Laptop"). */
  credentialName: string;
  /** Agents only: the server names they may use (`*` for all). People are governed by their groups. */
  allowList: readonly string[] | null;
  /** When the presented credential stops working by itself. */
  credentialExpiresAt: Date | null;
}

export function roleIn(principal: Principal, orgId: string): OrgRole | undefined {
  return principal.systemAdmin ? 'admin' : principal.orgRoles.get(orgId);
}
