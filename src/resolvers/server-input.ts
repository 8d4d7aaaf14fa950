import { z } from 'zod';
import { codeLoadingNames } from '../auth/host-env.ts';
import { badInput } from '../errors.ts';
import { ISOLATIONS, TRANSPORTS } from '../db/mcp-server.entity.ts';
import { fields } from './input.ts';

export const keyValues = (key: z.ZodString) =>
  z.array(z.object({ name: key, value: z.string().max(8_192) })).max(100)
    .refine((list) => new Set(list.map((e) => e.name)).size === list.length, 'names must be unique');

export const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'not a valid environment variable name');
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'not a valid header name')
  .refine((h) => !['host', 'content-length', 'connection', 'transfer-encoding'].includes(h.toLowerCase()), 'header is set by the transport');

export const EnvSchemaFieldInput = z.object({
  name: envName,
  description: z.string().max(500).nullish(),
  required: z.boolean().nullish().transform((v) => v ?? false),
  secret: z.boolean().nullish().transform((v) => v ?? true),
  scope: z.enum(['user', 'server']).nullish().transform((v) => v ?? 'server'),
});

/** Server names become tool prefixes (`github__search`) and paths (`/mcp/github`): no underscores. */
/** The seeds' own names (`github_server`) fit; `__` never does, nor an `_` at either end, so `server__tool` splits one way. */
export const serverName = z.string().regex(/^(?!.*__)[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits, "-" and single "_" inside, at most 40');

/** A server generated from a spec has its own mutation: it needs the spec. */
const transport = z.enum(TRANSPORTS).refine((t) => t !== 'openapi', 'openapi servers are created from their spec: createOpenApiServer');

const httpUrl = z.url({ protocol: /^https?$/ }).max(2_048);

const ServerFields = z.object({
  displayName: z.string().trim().min(1).max(200).nullish(),
  description: z.string().max(5_000).nullish(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).nullish(),
  transport,
  command: z.string().min(1).max(1_024).nullish(),
  args: z.array(z.string().max(4_096)).max(100).nullish(),
  url: httpUrl.nullish(),
  env: keyValues(envName).nullish(),
  headers: keyValues(headerName).nullish(),
  envSchema: z.array(EnvSchemaFieldInput).max(100).nullish(),
  isolation: z.enum(ISOLATIONS).nullish(),
});

/** The transport decides which connection fields are required. */
export function connectionProblems(s: { transport: string; command?: string | null; url?: string | null }): string[] {
  if (s.transport === 'stdio') return s.command ? [] : ['command: required for stdio'];
  return s.url ? [] : [`url: required for ${s.transport}`];
}

export const CreateServerInput = ServerFields.extend({ name: serverName, organizationId: fields.id.nullish() })
  .superRefine((s, ctx) => connectionProblems(s).forEach((message) => ctx.addIssue({ code: 'custom', message })));

export const UpdateServerInput = ServerFields.partial().extend({ id: fields.id, name: serverName.nullish(), transport: transport.nullish() });

/** Checked once the caller may change what runs: names that change how a process loads code are refused. */
export function assertNoCodeLoading(data: { env?: { name: string }[] | null; envSchema?: { name: string }[] | null }) {
  for (const field of ['env', 'envSchema'] as const) {
    const refused = codeLoadingNames((data[field] ?? []).map((entry) => entry.name));
    if (refused.length) throw badInput(`${field}: ${refused.join(', ')} would change how the process finds or loads code: refused`);
  }
}

export const toRecord = (list: { name: string; value: string }[] | null | undefined) =>
  Object.fromEntries((list ?? []).map((e) => [e.name, e.value]));
