import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretBox } from '../auth/secret-box.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { Deployment } from '../db/deployment.entity.ts';
import { OpenApiSpec } from '../db/openapi-spec.entity.ts';
import { documentBaseUrl } from '../openapi/runtime.ts';
import { DEFAULT_ENVIRONMENT } from './environments.ts';
import type { RuntimeSettings, UpstreamSpec } from './upstream-port.ts';

export interface ServerSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
  /** The `user:password@` part of the URL, sealed like headers; the stored URL has none. */
  urlCredentials?: string;
  /** An OpenAPI server's API key, bearer token, password or client secret. */
  apiSecret?: string;
}

/** A URL's credentials, taken out to be sealed: the URL to store and show, and what it carried. */
export function splitUrlCredentials(url: string): { url: string; credentials: string | undefined } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, credentials: undefined };
  const credentials = parsed.password ? `${parsed.username}:${parsed.password}` : parsed.username;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), credentials };
}

function withCredentials(url: string, credentials: string | undefined): string {
  if (!credentials) return url;
  const parsed = new URL(url);
  const [username = '', password = ''] = credentials.split(/:(.*)/s);
  Object.assign(parsed, { username, password });
  return parsed.toString();
}

/** The columns that hold a server's secrets: the sealed values, and what may be shown of them (names). */
export const sealedFields = (box: SecretBox, secrets: ServerSecrets) => ({
  sealedSecrets: box.seal(secrets),
  envNames: Object.keys(secrets.env),
  headerNames: Object.keys(secrets.headers),
  urlHasCredentials: !!secrets.urlCredentials,
});

export function openServerSecrets(box: SecretBox, server: Pick<McpServer, 'sealedSecrets'>): ServerSecrets {
  return server.sealedSecrets ? box.open<ServerSecrets>(server.sealedSecrets) : { env: {}, headers: {} };
}

/** A user's own values for the names the server's env schema declares for users. */
function ownValues(server: McpServer, userValues: Record<string, string>): Record<string, string> {
  const declared = new Set(server.envSchema.filter((field) => field.scope === 'user').map((field) => field.name));
  return Object.fromEntries(Object.entries(userValues).filter(([name]) => declared.has(name)));
}

/**
 * The spec to reach `server`. A user's own values fill only the names its env schema declares for users
 * (values stored for a name the schema has since dropped are left out), overriding the server's.
 */
export function upstreamSpec(box: SecretBox, server: McpServer, userValues: Record<string, string> = {}): UpstreamSpec {
  const secrets = openServerSecrets(box, server);
  return {
    serverId: server.id,
    name: server.name,
    transport: server.transport,
    isolation: server.isolation,
    command: server.command ?? null,
    args: server.args,
    env: { ...secrets.env, ...ownValues(server, userValues) },
    url: server.url ? withCredentials(server.url, secrets.urlCredentials) : null,
    headers: secrets.headers,
  };
}

/** What a server's runtimes start with, as its deployment sets it: read once, when one starts. */
async function runtimeSettings(em: EntityManager, box: SecretBox, serverId: string): Promise<RuntimeSettings & { env: Record<string, string> }> {
  const deployment = await em.findOne(Deployment, { server: serverId, environment: DEFAULT_ENVIRONMENT });
  return {
    callTimeoutMs: deployment?.callTimeoutMs ?? undefined,
    idleMs: deployment?.idleStopSeconds != null ? deployment.idleStopSeconds * 1_000 : undefined,
    env: deployment?.sealedEnv ? box.open<Record<string, string>>(deployment.sealedEnv) : {},
  };
}

/**
 * `upstreamSpec` with its deployment's settings (a stdio process gets the deployment's env overrides over
 * the server's values, under a user's own), and an OpenAPI server's document, base URL and credentials.
 */
export async function runtimeSpec(em: EntityManager, box: SecretBox, server: McpServer, userValues: Record<string, string> = {}): Promise<UpstreamSpec> {
  const { env: overrides, ...settings } = await runtimeSettings(em, box, server.id);
  const base = upstreamSpec(box, server, userValues);
  const spec = { ...base, env: server.transport === 'stdio' ? { ...base.env, ...overrides, ...ownValues(server, userValues) } : base.env, settings };
  if (server.transport !== 'openapi') return spec;
  const api = await em.findOneOrFail(OpenApiSpec, { server: server.id });
  const baseUrl = api.baseUrl ?? documentBaseUrl(api.document, api.url ?? null);
  return { ...spec, openapi: { document: api.document, baseUrl, baseUrlOverridden: !!api.baseUrl, auth: api.auth, secret: openServerSecrets(box, server).apiSecret ?? null } };
}
