import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Declaration, DeclaredServer, Path, Secret } from './model.ts';
import { ConfigError, locator, Problems } from './problems.ts';
import { ConfigFile, DesktopFile } from './schema.ts';
import { fromDesktop } from './claude-desktop.ts';

export interface ParseOptions {
  /** The file's name as the user gave it: problems are reported as `file:line`. */
  file: string;
  /** Where `fromEnv` references are read. */
  env: Record<string, string | undefined>;
  /** The organization of objects that name none (and of a Claude Desktop file's servers). */
  organization?: string;
}

const TRANSPORTS = { stdio: 'STDIO', http: 'STREAMABLE_HTTP', sse: 'SSE' } as const;
const STATUSES = { validated: 'VALIDATED', published: 'PUBLISHED' } as const;
const PREFIX_MODES = { always: 'ALWAYS', never: 'NEVER', on_collision: 'ON_COLLISION' } as const;
const prefixMode = (mode: keyof typeof PREFIX_MODES | undefined) => mode && PREFIX_MODES[mode];

const describe = (input: unknown) => (input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input);

/** zod's messages, in the words a person editing the file uses. */
const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'required' : `expected ${issue.expected}, got ${describe(issue.input)}`;
  return undefined;
};

const valueAt = (value: unknown, path: Path) => path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);

function report(problems: Problems, issues: z.core.$ZodIssue[], value: unknown) {
  for (const issue of issues) {
    // A shorthand (a toolset entry written as a server's name) has no fields: its problem is the string's.
    const path = typeof valueAt(value, issue.path.slice(0, -1) as Path) === 'string' ? issue.path.slice(0, -1) as Path : issue.path as Path;
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) problems.add([...path, key], 'unknown field');
    else if (issue.code === 'invalid_key') problems.add(path, issue.issues[0]?.message ?? issue.message);
    else problems.add(path, issue.message);
  }
}

/** Reads a file (YAML, JSON, or Claude Desktop's JSON) into a declaration, or refuses it with every problem found. */
export function parseDeclaration(text: string, options: ParseOptions): Declaration {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    throw new ConfigError(doc.errors.map((e) => `${options.file}:${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`));
  }
  const locate = locator(options.file, doc, lines);
  const problems = new Problems(locate);
  const value: unknown = doc.toJS();
  const declaration: Declaration = { organizations: [], servers: [], toolsets: [], groups: [], agents: [], warnings: [], locate };
  const desktop = typeof value === 'object' && value !== null && 'mcpServers' in value;
  const parsed = (desktop ? DesktopFile : ConfigFile).safeParse(value ?? {}, { error: messages });
  if (!parsed.success) {
    report(problems, parsed.error.issues, value);
    problems.throwIfAny();
  }
  const secret = (path: Path, name: string, ref: { fromEnv: string }): Secret => {
    const value = options.env[ref.fromEnv];
    if (value === undefined) problems.add(path, `the environment variable ${ref.fromEnv} is not set`);
    else if (value === '') problems.add(path, `the environment variable ${ref.fromEnv} is empty`);
    return { name, value: value ?? '', fromEnv: ref.fromEnv };
  };
  const secrets = (path: Path, refs: Record<string, { fromEnv: string }> | undefined) =>
    refs && Object.entries(refs).map(([name, ref]) => secret([...path, name], name, ref));

  if (desktop) {
    const organization = options.organization ?? 'default';
    Object.assign(declaration, fromDesktop(parsed.data as DesktopFile, { file: options.file, organization, problems }));
  } else {
    const file = parsed.data as ConfigFile;
    const organization = options.organization ?? file.organization ?? 'default';
    const org = (declared: { organization?: string }) => declared.organization ?? organization;
    declaration.organizations = (file.organizations ?? []).map((o, i) => ({ ...o, path: ['organizations', i] }));
    declaration.servers = (file.servers ?? []).map((s, i): DeclaredServer => ({
      ...s, path: ['servers', i], organization: org(s), transport: TRANSPORTS[s.transport], status: s.status && STATUSES[s.status],
      env: secrets(['servers', i, 'env'], s.env), headers: secrets(['servers', i, 'headers'], s.headers),
    }));
    declaration.toolsets = (file.toolsets ?? []).map((t, i) => ({
      ...t, path: ['toolsets', i], organization: org(t), toolPrefix: prefixMode(t.toolPrefix),
      servers: t.servers?.map((e, j) => {
        const at: Path = ['toolsets', i, 'servers', j];
        // An entry is a server's name, or an object naming it in `server`: a problem with the name is reported where it is written.
        return { server: e.server, tools: e.tools ?? null, description: e.description ?? null, path: at, serverPath: typeof valueAt(value, at) === 'string' ? at : [...at, 'server'] };
      }),
    }));
    declaration.groups = (file.groups ?? []).map((g, i) => ({ ...g, path: ['groups', i], organization: org(g) }));
    declaration.agents = (file.agents ?? []).map((a, i) => ({
      ...a, path: ['agents', i], organization: org(a), toolPrefix: prefixMode(a.toolPrefix), token: a.token && secret(['agents', i, 'token'], 'token', a.token),
    }));
  }
  refuseDuplicates(declaration, problems);
  problems.throwIfAny();
  return declaration;
}

/** Two declarations of one object would each undo the other. */
function refuseDuplicates(declaration: Declaration, problems: Problems) {
  const seen = (kind: string, list: { path: Path; key: string }[]) => {
    const first = new Map<string, Path>();
    for (const { path, key } of list) {
      if (first.has(key)) problems.add(path, `a second ${kind} ${key} (the first is at ${declaration.locate(first.get(key)!)})`);
      else first.set(key, path);
    }
  };
  seen('organization', declaration.organizations.map((o) => ({ path: o.path, key: o.slug })));
  for (const kind of ['servers', 'toolsets', 'groups', 'agents'] as const) {
    seen(kind.slice(0, -1), declaration[kind].map((d) => ({ path: d.path, key: `${d.organization}/${d.name}` })));
  }
}
