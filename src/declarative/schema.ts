import { z } from 'zod';

// The API's own rules for names, repeated here so a file is refused whole before anything is applied.
// The API stays the authority: should these drift, it refuses the mutation with the same words.
const SERVER_NAME = /^(?!.*__)[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$/;
export const serverName = z.string().regex(SERVER_NAME, 'lowercase letters, digits, "-" and single "_" inside, at most 40');
const slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and "-", at most 40');
const agentName = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,98}[A-Za-z0-9._-])?$/, 'letters, digits, " ", ".", "_" or "-", at most 100');
const toolsetName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'letters, digits, " ", ".", "_" or "-", at most 100');
const username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a username');
export const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'not a valid environment variable name');
export const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'not a valid header name');
const text = (max: number) => z.string().max(max);
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).max(2_048);

/**
 * A secret names the environment variable that holds it. `{ fromEnv: NAME }` rather than `${NAME}`: a
 * reference is a field of its own, so a literal is told apart by its type (and refused), and no value
 * that happens to contain `${` is ever expanded.
 */
export const SecretRef = z.strictObject({ fromEnv: envName }, {
  error: (issue) => (issue.code === 'invalid_type' && typeof issue.input === 'string'
    ? 'an inline secret is refused: write { fromEnv: NAME } and set NAME in the environment'
    : undefined),
});

const ServerDecl = z.strictObject({
  name: serverName,
  organization: slug.optional(),
  transport: z.enum(['stdio', 'http', 'sse']),
  command: z.string().min(1).max(1_024).optional(),
  args: z.array(z.string().max(4_096)).max(100).optional(),
  url: httpUrl.optional(),
  env: z.record(envName, SecretRef).optional(),
  headers: z.record(headerName, SecretRef).optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  description: text(5_000).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  /** Omitted: left as it is (a new server is a draft). */
  status: z.enum(['validated', 'published']).optional(),
}).superRefine((server, ctx) => {
  const stdio = server.transport === 'stdio';
  const refuse = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (stdio && !server.command) refuse('command', 'required for stdio');
  if (!stdio && !server.url) refuse('url', `required for ${server.transport}`);
  for (const field of stdio ? ['url', 'headers'] as const : ['command', 'args', 'env'] as const) {
    if (server[field] !== undefined) refuse(field, `not for ${server.transport} servers`);
  }
  if (server.url && /^https?:\/\/[^/]*@/.test(server.url)) refuse('url', 'credentials in a URL are an inline secret: send them as a header { fromEnv: NAME }');
});

const ToolsetEntryDecl = z.preprocess((entry) => (typeof entry === 'string' ? { server: entry } : entry), z.strictObject({
  server: serverName,
  /** Omitted: every tool of the server, now and later. */
  tools: z.array(z.string().min(1).max(128)).max(1_000).optional(),
  description: text(2_000).optional(),
}));

/** How an agent's tools are named on /mcp: `server__tool` always (the default), never (bare), or only where two servers share a name. */
const toolPrefix = z.enum(['always', 'never', 'on_collision']);

const ToolsetDecl = z.strictObject({
  name: toolsetName,
  organization: slug.optional(),
  description: text(2_000).optional(),
  toolPrefix: toolPrefix.optional(),
  servers: z.array(ToolsetEntryDecl).max(500).optional(),
});

const GroupDecl = z.strictObject({
  name: z.string().trim().min(1).max(100),
  organization: slug.optional(),
  description: text(2_000).optional(),
  members: z.array(username).max(500).optional(),
  servers: z.array(serverName).max(500).optional(),
});

const AgentDecl = z.strictObject({
  name: agentName,
  organization: slug.optional(),
  description: text(2_000).optional(),
  allowList: z.array(z.string().refine((v) => v === '*' || SERVER_NAME.test(v), 'a server name, or "*" for every server')).max(500).optional(),
  toolset: toolsetName.optional(),
  /** Omitted: the toolset's, else `always`. */
  toolPrefix: toolPrefix.optional(),
  /** Omitted: a token is generated when the agent is created, and shown once. */
  token: SecretRef.optional(),
}).refine((agent) => !(agent.allowList && agent.toolset), { message: 'an agent is scoped by allowList or by toolset, not both', path: ['toolset'] });

const OrganizationDecl = z.strictObject({
  slug,
  name: z.string().trim().min(1).max(100),
  planTier: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a lowercase word').optional(),
  publicMcpGuidesEnabled: z.boolean().optional(),
});

export const ConfigFile = z.strictObject({
  version: z.literal(1).optional(),
  /** Where objects that name no organization go (default: `default`, or `--org`). */
  organization: slug.optional(),
  organizations: z.array(OrganizationDecl).max(100).optional(),
  servers: z.array(ServerDecl).max(1_000).optional(),
  toolsets: z.array(ToolsetDecl).max(1_000).optional(),
  groups: z.array(GroupDecl).max(1_000).optional(),
  agents: z.array(AgentDecl).max(1_000).optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

const DesktopServer = z.strictObject({
  type: z.enum(['stdio', 'http', 'streamable-http', 'sse']).optional(),
  command: z.string().min(1).max(1_024).optional(),
  args: z.array(z.string().max(4_096)).max(100).optional(),
  env: z.record(envName, z.string().max(8_192)).optional(),
  url: httpUrl.optional(),
  headers: z.record(headerName, z.string().max(8_192)).optional(),
}).refine((s) => !s.command !== !s.url, { message: 'give either command or url', path: ['command'] });

/** Claude Desktop's `claude_desktop_config.json`: its other settings are not ours, and left alone. */
export const DesktopFile = z.looseObject({ mcpServers: z.record(z.string().min(1), DesktopServer) });
export type DesktopFile = z.infer<typeof DesktopFile>;
