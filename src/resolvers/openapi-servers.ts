import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { McpServer } from '../db/mcp-server.entity.ts';
import { OpenApiSpec, type UpstreamAuth } from '../db/openapi-spec.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import { fetchSpec } from '../openapi/fetch-spec.ts';
import { operationsOf, type Operation } from '../openapi/operations.ts';
import { parseSpec, type ParsedSpec } from '../openapi/parse.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { CreateOpenApiServerInput, ReplaceOpenApiSpecInput, SetOpenApiEndpointsInput, type UpstreamAuthInput } from './openapi-input.ts';
import { syncOperationTools } from './openapi-tools.ts';
import { authorizedOrg } from './scope.ts';
import { sealedFields } from './server-spec.ts';
import { loadServer, serverTarget } from './servers.ts';

const IdOnly = z.object({ id: fields.id });

interface Imported extends ParsedSpec {
  operations: Operation[];
  source: 'upload' | 'url';
  url: string | null;
  fileName: string | null;
}

/** Where a URL whose host is an address never dialled is refused at once; names are checked when dialled. */
export function assertDialable(ctx: Ctx, field: string, url: string | null | undefined) {
  const refusal = url && ctx.services.outbound.urlRefusal(new URL(url));
  if (refusal) throw badInput(`${field}: ${refusal}`, { field });
}

/** The spec as given or fetched, parsed, validated and mapped to operations: slow, so outside the transaction. */
async function importSpec(ctx: Ctx, input: { spec?: string | null; fileName?: string | null; specUrl?: string | null }): Promise<Imported> {
  assertDialable(ctx, 'specUrl', input.specUrl);
  const text = input.specUrl ? await fetchSpec(input.specUrl, ctx.services.outbound) : input.spec!;
  const parsed = await parseSpec(text);
  const operations = operationsOf(parsed.document);
  return { ...parsed, operations, source: input.specUrl ? 'url' : 'upload', url: input.specUrl ?? null, fileName: input.specUrl ? null : (input.fileName ?? null) };
}

const specFields = (imported: Imported) => ({
  source: imported.source, url: imported.url, fileName: imported.fileName, originalVersion: imported.originalVersion, document: imported.document, updatedAt: new Date(),
});

export function storedAuth(auth: z.infer<typeof UpstreamAuthInput>): UpstreamAuth {
  const { secret: _, ...rest } = auth;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v != null)) as unknown as UpstreamAuth;
}

/** A server generated from an OpenAPI spec: one tool per operation, its API called by the gateway. Validated at once: the spec was. */
export async function createOpenApiServer(ctx: Ctx, input: z.input<typeof CreateOpenApiServerInput>) {
  const data = parseInput(CreateOpenApiServerInput, input);
  const orgId = authorizedOrg(ctx, data.organizationId, 'server.write');
  assertDialable(ctx, 'baseUrl', data.baseUrl);
  return mutate(ctx, { type: 'server_created' }, async (em, imported) => {
    const org = await em.findOne(Organization, { id: orgId });
    if (!org) throw notFound('Organization');
    if (await em.count(McpServer, { org, name: data.name })) throw conflict(`A server named ${data.name} already exists`);
    const server = em.create(McpServer, {
      org, name: data.name, displayName: data.displayName ?? null, description: data.description ?? null, tags: data.tags ?? [],
      transport: 'openapi', status: 'validated', validatedAt: new Date(),
      ...sealedFields(ctx.services.secrets, { env: {}, headers: {}, apiSecret: data.auth?.secret ?? undefined }),
    });
    em.create(OpenApiSpec, { server, ...specFields(imported), baseUrl: data.baseUrl ?? null, auth: data.auth ? storedAuth(data.auth) : { type: 'none' } });
    await syncOperationTools(em, server, imported.operations);
    return { result: server, target: serverTarget(server), orgId, details: { transport: 'openapi', source: imported.source, operations: imported.operations.length } };
  }, () => importSpec(ctx, data));
}

export async function loadSpec(ctx: Ctx, em: EntityManager, id: string) {
  const server = await loadServer(ctx, em, id, 'server.write');
  const spec = await em.findOne(OpenApiSpec, { server });
  if (!spec) throw badInput('id: not a server generated from an OpenAPI spec', { field: 'id' });
  return { server, spec };
}

/** Swaps the server's document (and its tools, overrides kept) for `imported`; running runtimes restart on the new one. */
async function applySpec(ctx: Ctx, id: string, type: string, imported: () => Promise<Imported>, baseUrl?: string | null) {
  const server = await mutate(ctx, { type }, async (em, fresh) => {
    const { server, spec } = await loadSpec(ctx, em, id);
    Object.assign(spec, specFields(fresh), baseUrl !== undefined && { baseUrl });
    await syncOperationTools(em, server, fresh.operations);
    return { result: server, target: serverTarget(server), orgId: server.org.id, details: { source: fresh.source, operations: fresh.operations.length } };
  }, imported);
  await ctx.services.upstreams.stop(server.id);
  return server;
}

export async function replaceOpenApiSpec(ctx: Ctx, input: z.input<typeof ReplaceOpenApiSpecInput>) {
  const data = parseInput(ReplaceOpenApiSpecInput, input);
  await loadSpec(ctx, ctx.em, data.id);
  assertDialable(ctx, 'baseUrl', data.baseUrl);
  return applySpec(ctx, data.id, 'openapi_spec_replaced', () => importSpec(ctx, data), data.baseUrl);
}

/** Fetches a URL-backed spec again and re-imports its tools. */
export async function refreshOpenApiSpec(ctx: Ctx, input: { id: string }) {
  const { id } = parseInput(IdOnly, input);
  const { spec } = await loadSpec(ctx, ctx.em, id);
  if (spec.source !== 'url' || !spec.url) throw badInput('id: this spec was uploaded, not fetched from a URL: replace it instead', { field: 'id' });
  return applySpec(ctx, id, 'openapi_spec_refreshed', () => importSpec(ctx, { specUrl: spec.url }));
}

/** The operations exposed as tools: exactly those whose `toolKey` is listed are enabled; an unknown key changes nothing. */
export async function setOpenApiEndpoints(ctx: Ctx, input: z.input<typeof SetOpenApiEndpointsInput>) {
  const data = parseInput(SetOpenApiEndpointsInput, input);
  return mutate(ctx, { type: 'openapi_endpoints_changed' }, async (em) => {
    const { server } = await loadSpec(ctx, em, data.id);
    const tools = await em.find(Tool, { server });
    const known = new Set(tools.map((t) => t.toolKey));
    const unknown = data.enabled.filter((key) => !known.has(key));
    if (unknown.length) throw badInput(`enabled: no such endpoint: ${unknown.join(', ')}`, { field: 'enabled', unknown });
    const wanted = new Set(data.enabled);
    for (const tool of tools) tool.enabled = wanted.has(tool.toolKey!);
    return { result: server, target: serverTarget(server), orgId: server.org.id, details: { enabled: data.enabled } };
  });
}

/** The server's spec, for those who may read the server. */
export async function openApiSpecOf(ctx: Ctx, server: McpServer) {
  return server.transport === 'openapi' ? ctx.em.findOne(OpenApiSpec, { server: server.id }) : null;
}
