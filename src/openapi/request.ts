import type { Operation, OperationParameter } from './operations.ts';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

type Value = unknown;

const text = (value: Value) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
const enc = encodeURIComponent;

/** A path, header or cookie value serialised by its style (`simple`, `label`, `matrix`, `form`). */
function serialise(p: OperationParameter, value: Value): string {
  const prefix = p.style === 'label' ? '.' : p.style === 'matrix' ? `;${p.name}=` : '';
  const escape = p.in === 'path' ? enc : (s: string) => s;
  if (Array.isArray(value)) {
    const items = value.map((v) => escape(text(v)));
    if (p.style === 'matrix' && p.explode) return items.map((v) => `;${p.name}=${v}`).join('');
    return prefix + items.join(p.explode && p.style === 'label' ? '.' : ',');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [escape(k), escape(text(v))] as const);
    if (p.explode) {
      if (p.style === 'matrix') return entries.map(([k, v]) => `;${k}=${v}`).join('');
      return prefix + entries.map(([k, v]) => `${k}=${v}`).join(p.style === 'label' ? '.' : ',');
    }
    return prefix + entries.flat().join(',');
  }
  return prefix + escape(text(value));
}

/** Query pairs by style: form (exploded or not), spaceDelimited, pipeDelimited, deepObject. */
function queryPairs(p: OperationParameter, value: Value): [string, string][] {
  if (p.style === 'deepObject' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).map(([k, v]) => [`${p.name}[${k}]`, text(v)]);
  }
  if (Array.isArray(value)) {
    if (p.explode && p.style === 'form') return value.map((v) => [p.name, text(v)]);
    const joiner = p.style === 'spaceDelimited' ? ' ' : p.style === 'pipeDelimited' ? '|' : ',';
    return [[p.name, value.map(text).join(joiner)]];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return p.explode ? entries.map(([k, v]) => [k, text(v)]) : [[p.name, entries.flatMap(([k, v]) => [k, text(v)]).join(',')]];
  }
  return [[p.name, text(value)]];
}

/** The body, encoded for its media type: JSON, a URL-encoded form, multipart form data, or text. */
async function encodeBody(mediaType: string, value: Value): Promise<{ body: Buffer; contentType: string }> {
  if (/x-www-form-urlencoded/i.test(mediaType)) {
    const form = new URLSearchParams(Object.entries((value ?? {}) as Record<string, Value>).map(([k, v]) => [k, text(v)]));
    return { body: Buffer.from(form.toString()), contentType: 'application/x-www-form-urlencoded' };
  }
  if (/multipart\/form-data/i.test(mediaType)) {
    const form = new FormData();
    for (const [k, v] of Object.entries((value ?? {}) as Record<string, Value>)) form.append(k, text(v));
    const encoded = new Response(form);
    return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
  }
  if (/json/i.test(mediaType)) return { body: Buffer.from(JSON.stringify(value)), contentType: mediaType };
  return { body: Buffer.from(text(value)), contentType: mediaType };
}

/** The HTTP request an operation's tool call makes: arguments placed by the operation's parameters, nothing else. */
export async function buildRequest(operation: Operation, args: Record<string, Value>, baseUrl: string): Promise<HttpRequest> {
  let path = operation.path;
  const query: [string, string][] = [];
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5' };
  const cookies: string[] = [];
  for (const p of operation.parameters) {
    const value = args[p.argument];
    if (value === undefined || value === null) continue;
    if (p.in === 'path') path = path.replaceAll(`{${p.name}}`, serialise(p, value));
    else if (p.in === 'query') query.push(...queryPairs(p, value));
    else if (p.in === 'header') headers[p.name.toLowerCase()] = serialise(p, value);
    else cookies.push(`${p.name}=${enc(serialise(p, value))}`);
  }
  if (cookies.length) headers.cookie = cookies.join('; ');
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of query) url.searchParams.append(k, v);
  const request: HttpRequest = { method: operation.method, url, headers };
  const bodyValue = operation.body && args[operation.body.argument];
  if (operation.body && bodyValue !== undefined) {
    const { body, contentType } = await encodeBody(operation.body.mediaType, bodyValue);
    Object.assign(request, { body });
    headers['content-type'] = contentType;
  }
  return request;
}
