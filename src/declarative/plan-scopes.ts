import { tokenWeakness } from '../auth/token-strength.ts';
import type { DeclaredAgent, DeclaredGroup, DeclaredToolset, Path } from './model.ts';
import { actionOf, compare, sorted, type AgentStep, type Change, type GroupStep, type Reference, type Scope, type ToolsetStep } from './steps.ts';

// What decides who reaches which server: a toolset's servers, a group's members and servers, an agent's
// scope. A list the file gives is made exactly so; one it leaves out is left as it is.

/** A set given by the file against the gateway's: what to add, what to remove (as the gateway names them). */
function setChange<Key>(current: Map<string, Key>, declared: readonly string[]) {
  return {
    add: declared.filter((name) => !current.has(name)),
    remove: [...current].filter(([name]) => !declared.includes(name)).map(([, key]) => key),
  };
}

function checkServers(scope: Scope, reference: Reference, names: readonly string[], at: (i: number) => Path) {
  names.forEach((name, i) => name === '*' || reference(at(i), scope.servers.has(name), `no server ${name} in ${scope.slug}`));
}

export async function toolsetStep(declared: DeclaredToolset, scope: Scope, reference: Reference, toolNames: (serverId: string) => Promise<Set<string>>): Promise<ToolsetStep> {
  const current = scope.contents?.toolsets.get(declared.name);
  const changes: Change[] = [];
  compare(changes, 'description', current?.description, declared.description);
  compare(changes, 'toolPrefix', current?.toolPrefix, declared.toolPrefix);
  const step: ToolsetStep = { kind: 'toolset', organization: scope.slug, name: declared.name, action: 'unchanged', changes, notes: [], declared, add: [], update: [], remove: [] };
  if (declared.servers) {
    const entries = new Map((current?.servers ?? []).map((entry) => [entry.server.name, entry]));
    for (const entry of declared.servers) {
      if (!scope.servers.has(entry.server)) {
        reference(entry.serverPath, false, `no server ${entry.server} in ${scope.slug}`);
        continue;
      }
      const server = scope.servers.get(entry.server);
      // A server never validated has no tools to check the names against yet: the gateway checks them when it has.
      if (entry.tools && server?.validatedAt) {
        const known = await toolNames(server.id);
        const unknown = entry.tools.filter((tool) => !known.has(tool));
        reference([...entry.path, 'tools'], !unknown.length, `not tools of ${entry.server}: ${unknown.join(', ')}`);
      }
      const had = entries.get(entry.server);
      if (!had) continue;
      const before = changes.length;
      compare(changes, `servers.${entry.server}.tools`, had.tools && sorted(had.tools), entry.tools && sorted(entry.tools));
      compare(changes, `servers.${entry.server}.description`, had.description, entry.description);
      if (changes.length > before) step.update.push(entry.server);
    }
    const { add, remove } = setChange(new Map([...entries.keys()].map((name) => [name, name])), declared.servers.map((e) => e.server));
    Object.assign(step, { add, remove });
    if (add.length || remove.length) changes.push({ field: 'servers', from: current ? [...entries.keys()] : null, to: declared.servers.map((e) => e.server) });
  }
  step.action = actionOf(!!current, changes);
  return step;
}

export function groupStep(declared: DeclaredGroup, scope: Scope, reference: Reference): GroupStep {
  const current = scope.contents?.groups.get(declared.name);
  const changes: Change[] = [];
  compare(changes, 'description', current?.description, declared.description);
  const step: GroupStep = {
    kind: 'group', organization: scope.slug, name: declared.name, action: 'unchanged', changes, notes: [], declared,
    members: { add: [], remove: [] }, servers: { add: [], remove: [] },
  };
  if (declared.members) {
    declared.members.forEach((username, i) => reference([...declared.path, 'members', i], !!scope.contents?.members.has(username), `${username} is not a member of ${scope.slug}`));
    step.members = setChange(new Map((current?.members ?? []).map((m) => [m.username, m.id])), declared.members);
    compare(changes, 'members', current && sorted(current.members.map((m) => m.username)), sorted(declared.members));
  }
  if (declared.servers) {
    checkServers(scope, reference, declared.servers, (i) => [...declared.path, 'servers', i]);
    step.servers = setChange(new Map((current?.servers ?? []).map((s) => [s.name, s.id])), declared.servers);
    compare(changes, 'servers', current && sorted(current.servers.map((s) => s.name)), sorted(declared.servers));
  }
  step.action = actionOf(!!current, changes);
  return step;
}

/** The last characters of a token, which its masked form shows: enough to see the file names another one. */
const TOKEN_TAIL = 4;
/** Generated tokens' prefixes (src/auth/tokens.ts): a chosen token may not pass for one. */
const RESERVED_PREFIX = /^sb[suak]_/;

/** Why the API would refuse this token, or null: the same strength rule, shared rather than repeated. */
const tokenProblem = (token: string) => (RESERVED_PREFIX.test(token) ? 'starts with a prefix reserved for generated tokens' : tokenWeakness(token));

export function agentStep(declared: DeclaredAgent, scope: Scope, reference: Reference): AgentStep {
  const current = scope.contents?.agents.get(declared.name);
  const changes: Change[] = [];
  const notes: string[] = [];
  compare(changes, 'description', current?.description, declared.description);
  compare(changes, 'toolPrefix', current?.toolPrefix, declared.toolPrefix);
  if (declared.allowList) {
    checkServers(scope, reference, declared.allowList, (i) => [...declared.path, 'allowList', i]);
    compare(changes, 'allowList', current && sorted(current.allowList), sorted(declared.allowList));
    if (current?.toolset) changes.push({ field: 'toolset', from: current.toolset.name, to: null });
  }
  if (declared.toolset) {
    reference([...declared.path, 'toolset'], scope.toolsets.has(declared.toolset), `no toolset ${declared.toolset} in ${scope.slug}`);
    compare(changes, 'toolset', current?.toolset?.name, declared.toolset);
  }
  if (!current && !declared.allowList && !declared.toolset) notes.push('neither allowList nor toolset: it reaches no server');
  const token = declared.token;
  let sendToken = false;
  if (token) {
    const problem = token.value && tokenProblem(token.value);
    reference([...declared.path, 'token'], !problem, `the token in $${token.fromEnv} is refused: ${problem}`);
    const masked = current?.credential?.maskedToken ?? null;
    sendToken = !current || !masked || !masked.endsWith(token.value.slice(-TOKEN_TAIL));
    if (current && sendToken) changes.push({ field: 'token', from: masked, to: `$${token.fromEnv}` });
    if (!current) notes.push(`its token: from $${token.fromEnv}`);
  } else if (!current) notes.push('its token is generated and shown once');
  return { kind: 'agent', organization: scope.slug, name: declared.name, action: actionOf(!!current, changes), changes, notes, declared, token: sendToken };
}

