import type { Run } from '../client/api-client.ts';
import type { Declaration, DeclaredOrganization, DeclaredServer } from './model.ts';
import { Problems } from './problems.ts';
import { agentStep, groupStep, toolsetStep } from './plan-scopes.ts';
import { readOrganization, toolNames, type OrganizationContents, type ServerState } from './state.ts';
import {
  actionOf, compare, FILE_TRANSPORT, same, sorted, type Change, type OrganizationStep, type Plan, type Reference, type Scope, type ServerStep, type Step,
} from './steps.ts';

const withoutCredentials = (url: string | undefined) => url?.replace(/^(https?:\/\/)[^/@]*@/, '$1');

/** What the gateway shows of the server, compared with what the file gives (unmanaged fields left out). */
function serverStep(declared: DeclaredServer, current: ServerState | undefined, reseal: boolean): ServerStep {
  const changes: Change[] = [];
  const notes: string[] = [];
  compare(changes, 'transport', current && FILE_TRANSPORT[current.transport], FILE_TRANSPORT[declared.transport]);
  compare(changes, 'command', current?.command, declared.command);
  compare(changes, 'args', current?.args, declared.args);
  compare(changes, 'url', current?.url, withoutCredentials(declared.url));
  compare(changes, 'displayName', current?.displayName, declared.displayName);
  compare(changes, 'description', current?.description, declared.description);
  compare(changes, 'tags', current?.tags, declared.tags);
  const processMoves = changes.some((c) => ['transport', 'command', 'args'].includes(c.field));
  const endpointMoves = changes.some((c) => ['transport', 'url'].includes(c.field));
  const secretNotes: string[] = [];
  for (const [field, names, moves] of [['env', current?.envNames, processMoves], ['headers', current?.headerNames, endpointMoves]] as const) {
    const secrets = declared[field];
    if (secrets) {
      const to = sorted(secrets.map((s) => s.name));
      const from = current ? sorted(names ?? []) : null;
      if (!same(from ?? [], to)) changes.push({ field, from, to });
      for (const s of secrets) secretNotes.push(`${field} ${s.name}: ${s.fromEnv ? `from $${s.fromEnv}` : 'the value written in the file'}, sealed`);
    } else if (names?.length && moves) notes.push(`its sealed ${field} (${names.join(', ')}) is dropped: where it was sent changes`);
  }
  const status = current?.status ?? 'DRAFT';
  const validate = declared.status !== undefined && status === 'DRAFT';
  const publish = declared.status === 'PUBLISHED' && status !== 'PUBLISHED';
  if (validate || publish) changes.push({ field: 'status', from: current ? status.toLowerCase() : null, to: declared.status!.toLowerCase() });
  if (validate) notes.push('validated: the gateway starts it and lists its tools');
  // Values are write-only, so an otherwise unchanged server is updated only when asked to send them again.
  if (reseal && current && !changes.length) {
    for (const field of ['env', 'headers'] as const) {
      const names = declared[field]?.map((s) => s.name);
      if (names?.length) changes.push({ field, from: sorted(names), to: sorted(names) });
    }
  }
  const action = actionOf(!!current, changes);
  // Every create and update sends the file's secrets again: say where each comes from.
  if (action !== 'unchanged') notes.push(...secretNotes);
  return { kind: 'server', organization: declared.organization, name: declared.name, action, changes, notes, declared, validate, publish };
}

function organizationStep(declared: DeclaredOrganization, contents: OrganizationContents | null): OrganizationStep {
  const current = contents?.organization;
  const changes: Change[] = [];
  compare(changes, 'name', current?.name, declared.name);
  compare(changes, 'planTier', current?.planTier, declared.planTier);
  compare(changes, 'publicMcpGuidesEnabled', current?.publicMcpGuidesEnabled, declared.publicMcpGuidesEnabled);
  return { kind: 'organization', organization: declared.slug, name: declared.slug, action: actionOf(!!current, changes), changes, notes: [], declared };
}

/**
 * Reads what the gateway has in every organization the file names, checks every reference against it and
 * the file, and says what applying would change. Nothing is changed; a problem refuses the whole file.
 */
export async function planDeclaration(run: Run, declaration: Declaration, options: { reseal?: boolean } = {}): Promise<Plan> {
  const problems = new Problems(declaration.locate);
  const { organizations, servers, toolsets, groups, agents } = declaration;
  const objects = [...servers, ...toolsets, ...groups, ...agents];
  const slugs = [...new Set([...organizations.map((o) => o.slug), ...objects.map((o) => o.organization)])];
  const contents = new Map(await Promise.all(slugs.map(async (slug) => [slug, await readOrganization(run, slug)] as const)));
  const declaredSlugs = new Set(organizations.map((o) => o.slug));
  for (const object of objects) {
    if (contents.get(object.organization) || declaredSlugs.has(object.organization)) continue;
    problems.add([...object.path, 'organization'], `no organization ${object.organization}: declare it under organizations`);
  }
  const scopes = new Map(slugs.map((slug): [string, Scope] => {
    const has = contents.get(slug) ?? null;
    const serverNames = [...(has?.servers.keys() ?? []), ...servers.filter((s) => s.organization === slug).map((s) => s.name)];
    const toolsetNames = [...(has?.toolsets.keys() ?? []), ...toolsets.filter((t) => t.organization === slug).map((t) => t.name)];
    return [slug, { slug, contents: has, servers: new Map(serverNames.map((name) => [name, has?.servers.get(name) ?? null])), toolsets: new Set(toolsetNames) }];
  }));
  const reference: Reference = (path, found, problem) => found || problems.add(path, problem);
  const tools = (serverId: string) => toolNames(run, serverId);
  const steps: Step[] = [
    ...organizations.map((o) => organizationStep(o, contents.get(o.slug) ?? null)),
    ...servers.map((s) => serverStep(s, contents.get(s.organization)?.servers.get(s.name), options.reseal ?? false)),
    ...(await Promise.all(toolsets.map((t) => toolsetStep(t, scopes.get(t.organization)!, reference, tools)))),
    ...groups.map((g) => groupStep(g, scopes.get(g.organization)!, reference)),
    ...agents.map((a) => agentStep(a, scopes.get(a.organization)!, reference)),
  ];
  problems.throwIfAny();
  const warnings = [...declaration.warnings];
  const unseen = steps.filter((s) => s.kind === 'server' && s.action === 'unchanged' && (s.declared.env?.length || s.declared.headers?.length));
  if (unseen.length && !options.reseal) {
    warnings.push(`secret values are write-only: a value changed alone is not seen (${unseen.map((s) => s.name).join(', ')}); apply with --reseal to send them again`);
  }
  return { steps, warnings, contents };
}
