import { z } from 'zod';
import { declaredSchemes, probeAuth, type AuthDiscovery } from '../openapi/auth-discovery.ts';
import { documentBaseUrl } from '../openapi/runtime.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { SetOpenApiAuthInput } from './openapi-input.ts';
import { assertDialable, loadSpec, storedAuth } from './openapi-servers.ts';
import { openServerSecrets, sealedFields } from './server-spec.ts';
import { serverTarget } from './servers.ts';

/** Replaces how the gateway authenticates to the API; the secret is sealed with the server's others. */
export async function setOpenApiAuth(ctx: Ctx, input: z.input<typeof SetOpenApiAuthInput>) {
  const data = parseInput(SetOpenApiAuthInput, input);
  assertDialable(ctx, 'auth.tokenUrl', data.auth.tokenUrl);
  const server = await mutate(ctx, { type: 'openapi_auth_changed' }, async (em) => {
    const { server, spec } = await loadSpec(ctx, em, data.id);
    spec.auth = storedAuth(data.auth);
    const secrets = openServerSecrets(ctx.services.secrets, server);
    Object.assign(server, sealedFields(ctx.services.secrets, { ...secrets, apiSecret: data.auth.secret ?? undefined }));
    return { result: server, target: serverTarget(server), orgId: server.org.id, details: { type: data.auth.type } };
  });
  await ctx.services.upstreams.stop(server.id);
  return server;
}

/**
 * What the API requires: the spec's security schemes and the operations that use them, and what the API
 * answers a request without credentials (a 401 and its WWW-Authenticate challenge). Changes nothing.
 */
export async function discoverOpenApiAuth(ctx: Ctx, input: { id: string }): Promise<AuthDiscovery> {
  const { id } = parseInput(z.object({ id: fields.id }), input);
  const { server, spec } = await loadSpec(ctx, ctx.em, id);
  return mutate<AuthDiscovery, AuthDiscovery>(ctx, { type: 'openapi_auth_discovered', changesAccess: false }, async (_em, discovery) => ({ result: discovery, target: serverTarget(server), orgId: server.org.id, details: { status: discovery.probe?.status ?? null } }), async () => {
    const schemes = declaredSchemes(spec.document);
    const baseUrl = spec.baseUrl ?? documentBaseUrl(spec.document, spec.url ?? null);
    const probe = baseUrl ? await probeAuth(spec.document, baseUrl, ctx.services.outbound) : null;
    return { schemes, required: schemes.some((s) => s.operations > 0), probe };
  });
}
