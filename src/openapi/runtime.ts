import type { UpstreamAuth } from '../db/openapi-spec.entity.ts';
import type { OpenApiDocument } from './parse.ts';

/** What the gateway needs to call an OpenAPI server's API, its secret opened. Built per runtime, never stored. */
export interface OpenApiRuntime {
  document: OpenApiDocument;
  /** The override, else the document's `servers[0]` with its variables' defaults; null when neither gives an absolute URL. */
  baseUrl: string | null;
  /** The operator set `baseUrl`: it then wins over the servers of paths and operations too. */
  baseUrlOverridden: boolean;
  auth: UpstreamAuth;
  /** The API key, bearer token, password or client secret. */
  secret: string | null;
}

type Servers = { url?: unknown; variables?: Record<string, { default?: unknown }> }[];

/** The first of `servers` with each `{variable}` replaced by its default, resolved against `base`; null when that gives no absolute URL. */
export function serverUrl(servers: unknown, base: string | null): string | null {
  const [first] = Array.isArray(servers) ? (servers as Servers) : [];
  if (typeof first?.url !== 'string' || !first.url) return null;
  const url = first.url.replace(/\{([^}]+)\}/g, (_, name: string) => String(first.variables?.[name]?.default ?? ''));
  try {
    return new URL(url, base ?? undefined).toString();
  } catch {
    return null;
  }
}

/** The document's own `servers[0]`, resolved against where the spec came from. */
export const documentBaseUrl = (document: OpenApiDocument, specUrl: string | null) => serverUrl(document.servers, specUrl);

/** Where one operation's requests go: the operator's override, else its operation's or path's servers[0] (relative to the document's), else the document's. */
export const operationBaseUrl = (runtime: OpenApiRuntime, servers: unknown[] | null) =>
  (runtime.baseUrlOverridden || !servers ? runtime.baseUrl : (serverUrl(servers, runtime.baseUrl) ?? runtime.baseUrl));
