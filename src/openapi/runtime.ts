import type { UpstreamAuth } from '../db/openapi-spec.entity.ts';
import type { OpenApiDocument } from './parse.ts';

/** What the gateway needs to call an OpenAPI server's API, its secret opened. Built per runtime, never stored. */
export interface OpenApiRuntime {
  document: OpenApiDocument;
  /** The override, else the document's `servers[0]` with its variables' defaults; null when neither gives an absolute URL. */
  baseUrl: string | null;
  auth: UpstreamAuth;
  /** The API key, bearer token, password or client secret. */
  secret: string | null;
}

/** `servers[0].url` with each `{variable}` replaced by its default, resolved against where the spec came from. */
export function documentBaseUrl(document: OpenApiDocument, specUrl: string | null): string | null {
  const [first] = (document.servers as { url?: string; variables?: Record<string, { default?: string }> }[] | undefined) ?? [];
  if (!first?.url) return null;
  const url = first.url.replace(/\{([^}]+)\}/g, (_, name: string) => first.variables?.[name]?.default ?? '');
  try {
    return new URL(url, specUrl ?? undefined).toString();
  } catch {
    return null;
  }
}
