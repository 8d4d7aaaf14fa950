import type { OrgRole } from '../db/membership.entity.ts';
import type { PrincipalKind } from './principal.ts';

interface Rule {
  /** Organization roles allowed to act on a resource of their organization. */
  roles: readonly OrgRole[];
  /** The resource is not in an organization: only system administrators act on it. */
  global?: true;
  /** The owner of the resource may act on it whatever their role. */
  self?: true;
  /** Open to every principal of its kinds, wherever they belong (what they then see is filtered). */
  anyone?: true;
  /** Principal kinds the action is open to (default: people and service accounts). */
  kinds?: readonly PrincipalKind[];
  /**
   * Open to a project key too. A project key is an /mcp credential: it may say who it is and call its
   * toolset, never mint or change credentials that would outlive its scope, nor manage anything.
   */
  projectKeys?: true;
}

const ALL: readonly OrgRole[] = ['admin', 'developer', 'viewer'];

/** The catalogue: every operation names one of these; `auth/policy.ts` is the only place they are checked. */
export const actions = {
  'session.read': { roles: [], global: true, self: true, kinds: ['user', 'agent', 'serviceAccount'], projectKeys: true },
  'organization.list': { roles: [], anyone: true },
  'organization.read': { roles: ALL },
  /** Anyone may found an organization, and becomes its admin. */
  'organization.create': { roles: [], anyone: true, kinds: ['user'] },
  'organization.update': { roles: ['admin'] },
  'organization.delete': { roles: ['admin'] },
  /** The plan is the operator's to set: an organization's admin does not upgrade themselves. */
  'organization.plan': { roles: [], global: true },
  'member.read': { roles: ALL },
  'member.role': { roles: ['admin'] },
  /** A member may leave; admins remove others. */
  'member.remove': { roles: ['admin'], self: true },
  /** Adding an existing user directly reveals who has an account: system administrators only; others invite. */
  'member.add': { roles: [], global: true },
  'invitation.read': { roles: ['admin'] },
  'invitation.write': { roles: ['admin'] },
  'serviceAccount.read': { roles: ['admin'] },
  'serviceAccount.write': { roles: ['admin'] },
  /** The catalogues (actions, key roles): for anyone signed in. */
  'catalogue.read': { roles: [], anyone: true, kinds: ['user', 'agent', 'serviceAccount'], projectKeys: true },
  /** What the caller may do, for dashboards that grey out buttons: every member may ask about themselves. */
  'authorization.check': { roles: ALL, kinds: ['user', 'agent', 'serviceAccount'], projectKeys: true },
  'user.read': { roles: ['admin'], global: true, self: true },
  'user.create': { roles: ['admin'], global: true },
  'user.update': { roles: ['admin'], global: true },
  'user.delete': { roles: ['admin'], global: true },
  'user.password.reset': { roles: ['admin'], global: true },
  'user.password.change': { roles: [], global: true, self: true, kinds: ['user'] },
  /** People's sessions and tokens (agents' tokens and service keys are their organization's: agent.*, serviceAccount.*). */
  'credential.read': { roles: ['admin'], global: true, self: true, kinds: ['user'] },
  'credential.create': { roles: ['admin'], global: true, self: true, kinds: ['user'] },
  'credential.manage': { roles: ['admin'], global: true, self: true, kinds: ['user'] },
  'server.read': { roles: ALL },
  /** How a server is reached (command, args, full URL): operators only, since they may carry secrets. */
  'server.inspect': { roles: ['admin', 'developer'] },
  'server.write': { roles: ['admin', 'developer'] },
  /** Diagnosing a server from the control plane: hosting checks, and listing and calling tools on its live runtime. */
  'server.smoke': { roles: ['admin', 'developer'] },
  /**
   * What runs on the gateway's host (a stdio server's command, args, env, env schema, isolation): system
   * administrators only. An organization's admin must not run commands on a host shared with other tenants.
   */
  'server.command': { roles: [], global: true },
  'server.publish': { roles: ['admin'] },
  /** A deployment's settings (call timeout, idle stop; env overrides also need `server.command`). */
  'deployment.configure': { roles: ['admin', 'developer'] },
  /** Restarting and stopping a server's runtimes. */
  'deployment.control': { roles: ['admin', 'developer'] },
  'server.kill': { roles: ['admin'] },
  'tool.write': { roles: ['admin', 'developer'] },
  'tool.kill': { roles: ['admin'] },
  'group.read': { roles: ['admin'] },
  'group.write': { roles: ['admin'] },
  /** Seed 003's keys list configurations and projects: reads a project key may make too. */
  'toolset.read': { roles: ALL, projectKeys: true },
  'toolset.write': { roles: ['admin', 'developer'] },
  'project.read': { roles: ALL, projectKeys: true },
  'project.write': { roles: ['admin'] },
  /** A person's keys scoped to a project: their own, and any of the organization's for its admins. */
  'project.key': { roles: ['admin'], self: true, kinds: ['user'] },
  /** Finding a credential by its secret value is a guess at every credential: admins only, each one counted. */
  'credential.lookup': { roles: ['admin'], kinds: ['user'] },
  'agent.read': { roles: ['admin', 'developer'] },
  /** Tool-call counts, errors and durations per server and agent: who is busy with what, for operators. */
  'usage.read': { roles: ['admin', 'developer'] },
  'agent.write': { roles: ['admin', 'developer'] },
  'secret.write': { roles: [], global: true, self: true },
  /** People choose which of the servers offered to them appear on their /mcp. */
  'server.subscribe': { roles: ALL, kinds: ['user'] },
  'mcp.call': { roles: ALL, kinds: ['user', 'agent', 'serviceAccount'], projectKeys: true },
  /** Everyone may list the audit log; what they read is filtered by `audit.read`. */
  'audit.list': { roles: [], anyone: true },
  'audit.read': { roles: ['admin'], self: true },
  'audit.read.all': { roles: ['admin'], global: true },
  /** The whole control plane at once, every organization's secrets as stored: system administrators only. */
  'system.backup': { roles: [], global: true, kinds: ['user'] },
  'system.restore': { roles: [], global: true, kinds: ['user'] },
  'system.reset': { roles: [], global: true, kinds: ['user'] },
  /** Where every instance sends its traces: the installation's, so system administrators only. */
  'telemetry.read': { roles: [], global: true },
  'telemetry.configure': { roles: [], global: true },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof actions;

export function ruleOf(action: Action): Rule {
  return actions[action];
}
