import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { ISOLATIONS, McpServer, TRANSPORTS, type EnvSchemaField } from '../db/mcp-server.entity.ts';
import { Toolset } from '../db/toolset.entity.ts';
import { ToolsetServer } from '../db/toolset-server.entity.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { authorizedOrg } from './scope.ts';
import { insertServer } from './servers.ts';
import { assertToolsetNameFree, insertEntry, loadToolset, Settings, toolsetName, toolsetTarget } from './toolsets.ts';

/** What a document carries in place of every secret value: the name is kept, the value is the operator's to fill. */
export const TO_FILL = '<to be filled>';
export const TOOLSET_FORMAT = 'switchboard.toolset/1';

const placeholder = z.literal(TO_FILL, { error: `secret values are not imported: write "${TO_FILL}" and set the value after import` });
const names = z.record(z.string().max(128), placeholder);

/** Strict at every level: a field this release does not know is refused, never dropped silently. */
const DocumentServer = z.strictObject({
  name: z.string(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  transport: z.enum(TRANSPORTS),
  command: z.string().nullish(),
  args: z.array(z.string()).nullish(),
  url: z.string().nullish(),
  env: names.nullish(),
  headers: names.nullish(),
  urlCredentials: placeholder.nullish(),
  envSchema: z.array(z.strictObject({
    name: z.string(), description: z.string().nullish(), required: z.boolean(), secret: z.boolean(), scope: z.enum(['user', 'server']),
  })).nullish(),
  isolation: z.enum(ISOLATIONS).nullish(),
});

/** The settings as `addToolsetServer` takes them, every one present (null: all tools, no description). */
const DocumentEntry = Settings.required().strict().extend({ server: DocumentServer });

export const ToolsetDocument = z.strictObject({
  format: z.literal(TOOLSET_FORMAT),
  name: toolsetName,
  description: z.string().max(2_000).nullable(),
  servers: z.array(DocumentEntry).max(200)
    .refine((list) => new Set(list.map((e) => e.server.name)).size === list.length, 'a server may appear once'),
});
export type ToolsetDocument = z.infer<typeof ToolsetDocument>;

function documentServer(server: McpServer): z.infer<typeof DocumentServer> {
  const fill = (list: string[]) => Object.fromEntries(list.map((name) => [name, TO_FILL])) as Record<string, typeof TO_FILL>;
  return {
    name: server.name, displayName: server.displayName, description: server.description, tags: server.tags,
    transport: server.transport, command: server.command, args: server.args, url: server.url,
    env: fill(server.envNames), headers: fill(server.headerNames), ...(server.urlHasCredentials && { urlCredentials: TO_FILL }),
    envSchema: server.envSchema, isolation: server.isolation,
  };
}

/** The toolset as a document: how each server is reached and its settings there; secret values never, only their names. */
export async function toolsetDocument(ctx: Ctx, em: EntityManager, toolset: Toolset): Promise<ToolsetDocument> {
  assert(ctx.principal, 'server.inspect', { orgId: toolset.org.id, type: 'Toolset' });
  const entries = await em.find(ToolsetServer, { toolset }, { populate: ['server'], orderBy: { createdAt: 'asc', id: 'asc' } });
  return {
    format: TOOLSET_FORMAT,
    name: toolset.name,
    description: toolset.description ?? null,
    servers: entries.map((e) => ({
      server: documentServer(e.server), tools: e.tools ?? null, description: e.description ?? null, inputGuardrails: e.inputGuardrails, outputGuardrails: e.outputGuardrails,
    })),
  };
}

export async function exportToolset(ctx: Ctx, input: { id: string }) {
  return mutate(ctx, { type: 'toolset_exported', changesAccess: false }, async (em) => {
    const toolset = await loadToolset(ctx, em, parseInput(z.object({ id: fields.id }), input), 'toolset.read');
    return { result: await toolsetDocument(ctx, em, toolset), target: toolsetTarget(toolset), orgId: toolset.org.id };
  });
}

export interface SecretsToFill { serverName: string; env: string[]; headers: string[]; urlCredentials: boolean }

/** Variables the document names but cannot carry: declared on the new server as required, for the operator to set. */
const declaredEnv = (server: z.infer<typeof DocumentServer>): EnvSchemaField[] => {
  const declared = server.envSchema ?? [];
  const missing = Object.keys(server.env ?? {}).filter((name) => !declared.some((f) => f.name === name));
  return [...declared, ...missing.map((name) => ({ name, required: true, secret: true, scope: 'server' as const }))];
};

const ImportInput = z.object({ organizationId: fields.id.nullish(), document: ToolsetDocument, name: toolsetName.nullish() });

/**
 * A toolset from a document. A server the organization already has by that name is used as it is; any
 * other is created (as `createMcpServer` would, so stdio servers only by system administrators) without
 * secret values, which are reported as left to fill.
 */
export async function importToolset(ctx: Ctx, input: { organizationId?: string | null; document?: unknown; name?: string | null }) {
  return mutate(ctx, { type: 'toolset_imported' }, async (em) => {
    const orgId = authorizedOrg(ctx, input.organizationId, 'toolset.write');
    const { document, name: newName } = parseInput(ImportInput, input);
    const name = newName ?? document.name;
    await assertToolsetNameFree(em, orgId, name, newName ? undefined : 'give the import a new name');
    const toolset = em.create(Toolset, { org: orgId, name, description: document.description });
    const created: McpServer[] = [];
    const reused: McpServer[] = [];
    const toFill: SecretsToFill[] = [];
    for (const { server: spec, ...settings } of document.servers) {
      let server = await em.findOne(McpServer, { org: orgId, name: spec.name });
      if (server) reused.push(server);
      else {
        const { env, headers, urlCredentials, ...definition } = spec;
        server = await insertServer(ctx, em, orgId, { ...definition, envSchema: declaredEnv(spec) });
        created.push(server);
        const fill = { serverName: server.name, env: Object.keys(env ?? {}), headers: Object.keys(headers ?? {}), urlCredentials: !!urlCredentials };
        if (fill.env.length || fill.headers.length || fill.urlCredentials) toFill.push(fill);
      }
      await insertEntry(em, toolset, server, settings);
    }
    const details = { createdServers: created.map((s) => s.id), reusedServers: reused.map((s) => s.id) };
    return { result: { toolset, createdServers: created, reusedServers: reused, secretsToFill: toFill }, target: toolsetTarget(toolset), orgId, details };
  });
}
