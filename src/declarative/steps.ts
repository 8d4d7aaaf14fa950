import type { DeclaredAgent, DeclaredGroup, DeclaredOrganization, DeclaredServer, DeclaredToolset, Path } from './model.ts';
import type { OrganizationContents, ServerState } from './state.ts';

export type Action = 'create' | 'update' | 'unchanged';
/** One field that changes; secrets are shown by name only. */
export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

interface StepOf<Kind extends string, Declared> {
  kind: Kind;
  organization: string;
  name: string;
  action: Action;
  changes: Change[];
  notes: string[];
  declared: Declared;
}
export type OrganizationStep = StepOf<'organization', DeclaredOrganization>;
export type ServerStep = StepOf<'server', DeclaredServer> & { validate: boolean; publish: boolean };
export type ToolsetStep = StepOf<'toolset', DeclaredToolset> & { add: string[]; update: string[]; remove: string[] };
export type GroupStep = StepOf<'group', DeclaredGroup> & { members: { add: string[]; remove: string[] }; servers: { add: string[]; remove: string[] } };
export type AgentStep = StepOf<'agent', DeclaredAgent> & { token: boolean };
export type Step = OrganizationStep | ServerStep | ToolsetStep | GroupStep | AgentStep;

export interface Plan {
  steps: Step[];
  warnings: string[];
  /** What the gateway had, by organization slug (null: to be created). */
  contents: Map<string, OrganizationContents | null>;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Appends a change when the file gives the field (`to` defined) and it differs from the gateway's value. */
export function compare(changes: Change[], field: string, from: unknown, to: unknown) {
  if (to !== undefined && !same(from ?? null, to)) changes.push({ field, from: from ?? null, to });
}
export const actionOf = (exists: boolean, changes: Change[]): Action => (!exists ? 'create' : changes.length ? 'update' : 'unchanged');
export const sorted = (list: readonly string[]) => [...list].sort();

/** `acme` for an organization, `acme/github` for what is in one. */
export const stepLabel = (step: Step) => (step.kind === 'organization' ? step.organization : `${step.organization}/${step.name}`);

export const FILE_TRANSPORT = { STDIO: 'stdio', STREAMABLE_HTTP: 'http', SSE: 'sse', OPENAPI: 'openapi' } as const;

/** What one organization will hold once applied: what the gateway has, and the names the file adds. */
export interface Scope {
  slug: string;
  contents: OrganizationContents | null;
  /** Every server by name: the gateway's state, or null for one the file creates. */
  servers: Map<string, ServerState | null>;
  toolsets: Set<string>;
}

/** Records a problem at `path` unless `found`: references are all checked before anything is applied. */
export type Reference = (path: Path, found: boolean, problem: string) => void;
