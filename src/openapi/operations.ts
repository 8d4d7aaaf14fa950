import { badInput } from '../errors.ts';
import type { OpenApiDocument } from './parse.ts';
import { uniqueNames, toolKeyOf } from './naming.ts';
import { followRef, SchemaDefs } from './schema-defs.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** At most this many operations become tools. */
export const MAX_OPERATIONS = 500;
/** Set by the gateway, never from arguments (OpenAPI itself says these header parameters are ignored). */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization', 'cookie', 'host', 'content-length']);

export type ParameterIn = 'path' | 'query' | 'header' | 'cookie';

export interface OperationParameter {
  name: string;
  in: ParameterIn;
  /** The argument that carries it: its name, unless another location already took that. */
  argument: string;
  style: string;
  explode: boolean;
  required: boolean;
}

export interface Operation {
  toolKey: string;
  name: string;
  title: string | null;
  description: string | null;
  method: string;
  path: string;
  parameters: OperationParameter[];
  body: { argument: string; mediaType: string; required: boolean } | null;
  inputSchema: Record<string, unknown>;
  /** The operation's security requirements, or the document's. */
  security: Record<string, string[]>[];
  /** The operation's `servers`, else its path's: where it is served, when not at the document's. */
  servers: unknown[] | null;
}

interface RawParameter { name?: string; in?: string; required?: boolean; style?: string; explode?: boolean; schema?: unknown; description?: string; content?: Record<string, { schema?: unknown }> }
interface RawOperation { operationId?: string; summary?: string; description?: string; parameters?: unknown[]; requestBody?: unknown; security?: Record<string, string[]>[]; servers?: unknown }

const defaultStyle = (where: ParameterIn) => (where === 'query' || where === 'cookie' ? 'form' : 'simple');

/** The media type used for a request body: JSON first, then forms, then whatever comes first. */
function pickMediaType(content: Record<string, unknown>): string | undefined {
  const types = Object.keys(content);
  return types.find((t) => /^application\/(.+\+)?json/i.test(t)) ?? types.find((t) => /x-www-form-urlencoded|multipart\/form-data/i.test(t)) ?? types[0];
}

/** Every operation of the document as a tool, by path and method: path-level parameters merged in (the operation's win), `$ref`s followed. Too many is refused. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const found: Omit<Operation, 'name'>[] = [];
  // In path order, not the document's: a stored document (jsonb) does not keep its keys' order, and names must not move.
  const paths = Object.entries(document.paths ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [path, rawItem] of paths) {
    const item = followRef(document, rawItem) as Record<string, unknown> | undefined;
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method] as RawOperation | undefined;
      if (!operation || typeof operation !== 'object') continue;
      found.push(toOperation(document, method, path, operation, item));
    }
  }
  if (found.length > MAX_OPERATIONS) throw badInput(`spec: ${found.length} operations, more than the ${MAX_OPERATIONS} a server may have`, { field: 'spec' });
  const names = uniqueNames(found.map((o) => o.toolKey));
  return found.map((operation, i) => ({ ...operation, name: names[i]! }));
}

const nonEmpty = (servers: unknown) => (Array.isArray(servers) && servers.length ? (servers as unknown[]) : null);

function toOperation(document: OpenApiDocument, method: string, path: string, operation: RawOperation, item: Record<string, unknown>): Omit<Operation, 'name'> {
  const shared = (item.parameters as unknown[] | undefined) ?? [];
  const defs = new SchemaDefs(document);
  const byLocation = new Map<string, RawParameter>();
  for (const raw of [...shared, ...(operation.parameters ?? [])]) {
    const p = followRef(document, raw) as RawParameter | undefined;
    if (p?.name && p.in && !(p.in === 'header' && RESERVED_HEADERS.has(p.name.toLowerCase()))) byLocation.set(`${p.in}:${p.name}`, p);
  }
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const parameters: OperationParameter[] = [];
  for (const p of byLocation.values()) {
    const where = p.in as ParameterIn;
    const argument = p.name! in properties ? `${where}_${p.name}` : p.name!;
    const schema = p.schema ?? Object.values(p.content ?? {})[0]?.schema ?? {};
    properties[argument] = { ...(defs.rewrite(schema) as object), ...(p.description && { description: p.description }) };
    const isRequired = where === 'path' || !!p.required;
    if (isRequired) required.push(argument);
    parameters.push({ name: p.name!, in: where, argument, style: p.style ?? defaultStyle(where), explode: p.explode ?? (p.style ?? defaultStyle(where)) === 'form', required: isRequired });
  }
  let body: Operation['body'] = null;
  const requestBody = followRef(document, operation.requestBody) as { content?: Record<string, { schema?: unknown }>; required?: boolean; description?: string } | undefined;
  const mediaType = requestBody?.content && pickMediaType(requestBody.content);
  if (requestBody && mediaType) {
    const argument = 'body' in properties ? 'requestBody' : 'body';
    properties[argument] = { ...(defs.rewrite(requestBody.content![mediaType]!.schema ?? {}) as object), ...(requestBody.description && { description: requestBody.description }) };
    if (requestBody.required) required.push(argument);
    body = { argument, mediaType, required: !!requestBody.required };
  }
  const inputSchema: Record<string, unknown> = { type: 'object', properties, ...(required.length && { required }) };
  if (Object.keys(defs.defs).length) inputSchema.$defs = defs.defs;
  return {
    toolKey: toolKeyOf(method, path, operation.operationId),
    title: operation.summary ?? null,
    description: [operation.summary, operation.description].filter(Boolean).join('\n\n') || null,
    method: method.toUpperCase(),
    path,
    parameters,
    body,
    inputSchema,
    security: operation.security ?? (document.security as Record<string, string[]>[] | undefined) ?? [],
    servers: nonEmpty(operation.servers) ?? nonEmpty(item.servers),
  };
}
