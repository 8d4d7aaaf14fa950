import { decodeHeaderValue, headerValue } from './modern-headers.ts';

/** An argument a tool asks to be mirrored into an `Mcp-Param-<header>` header (2026-07-28, `x-mcp-header`). */
export interface ParamDeclaration {
  header: string;
  /** The argument's place in `arguments`, through `properties` only. */
  path: string[];
  type: 'string' | 'integer' | 'boolean';
}

export type ParamScan = { valid: true; declarations: ParamDeclaration[] } | { valid: false; reason: string };

const KEY = 'x-mcp-header';
/** RFC 9110 `token`: no spaces, controls or delimiters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MIRRORED_TYPES = new Set(['string', 'integer', 'boolean']);
/** Keywords whose subschemas are not reached by a chain of `properties`: a declaration under one makes the tool invalid. */
const UNREACHED = ['items', 'prefixItems', 'contains', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'propertyNames',
  'patternProperties', 'dependentSchemas', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', '$defs', 'definitions'];
const NAMED_SUBSCHEMAS = new Set(['patternProperties', 'dependentSchemas', '$defs', 'definitions']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const where = (path: string[]) => (path.length ? path.join('.') : 'the schema itself');

/** The schemas scanned so far: a catalog's schemas are read many times and never change in place. */
const scanned = new WeakMap<object, ParamScan>();

/**
 * A tool's `x-mcp-header` declarations, or why they make it invalid: only on `string`, `integer` or
 * `boolean` properties reached from the root through `properties`, each a non-empty RFC 9110 token,
 * unique whatever the case.
 */
export function scanParams(inputSchema: Record<string, unknown>): ParamScan {
  const known = scanned.get(inputSchema);
  if (known) return known;
  const declarations: ParamDeclaration[] = [];
  const taken = new Map<string, string>();
  const visit = (node: unknown, path: string[], reachable: boolean): string | undefined => {
    if (!isObject(node)) return undefined;
    if (Object.hasOwn(node, KEY)) {
      const header = node[KEY];
      if (!reachable || !path.length) return `${where(path)}: x-mcp-header is allowed only on a property reached through "properties"`;
      if (typeof header !== 'string' || !TOKEN.test(header)) return `${where(path)}: x-mcp-header must be a non-empty HTTP token`;
      if (typeof node.type !== 'string' || !MIRRORED_TYPES.has(node.type)) return `${where(path)}: x-mcp-header is allowed only on a string, integer or boolean`;
      const prior = taken.get(header.toLowerCase());
      if (prior) return `x-mcp-header "${header}" is declared twice (also as "${prior}")`;
      taken.set(header.toLowerCase(), header);
      declarations.push({ header, path, type: node.type as ParamDeclaration['type'] });
    }
    if (isObject(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        const fault = visit(child, [...path, key], reachable);
        if (fault) return fault;
      }
    }
    for (const keyword of UNREACHED) {
      const sub = node[keyword];
      const branches = Array.isArray(sub) ? sub : NAMED_SUBSCHEMAS.has(keyword) && isObject(sub) ? Object.values(sub) : [sub];
      for (const branch of branches) {
        const fault = visit(branch, [...path, `<${keyword}>`], false);
        if (fault) return fault;
      }
    }
    return undefined;
  };
  const fault = visit(inputSchema, [], true);
  const scan: ParamScan = fault ? { valid: false, reason: fault } : { valid: true, declarations };
  scanned.set(inputSchema, scan);
  return scan;
}

const valueAt = (args: Record<string, unknown>, path: string[]) => path.reduce<unknown>((node, key) => (isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined), args);

/** An argument as a header carries it; nothing for null, absence, or a number no header can carry exactly. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value))) return String(value);
  return undefined;
}

/** The `Mcp-Param-*` headers of a call with these arguments (lower-case names), for an upstream of the 2026-07-28 era over HTTP. */
export function paramHeaders(declarations: ParamDeclaration[], args: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { header, path } of declarations) {
    const text = asText(valueAt(args, path));
    if (text !== undefined) headers[`mcp-param-${header.toLowerCase()}`] = headerValue(text);
  }
  return headers;
}

/**
 * Why a call's `Mcp-Param-*` headers disagree with its arguments (a header missing for an argument that
 * has a value, one that cannot be decoded, or one of another value), or nothing when they agree.
 * Integers compare by value: `42.0` is 42.
 */
export function paramMismatch(declarations: ParamDeclaration[], args: Record<string, unknown>, header: (name: string) => string | undefined): { header: string; reason: string } | null {
  for (const { header: name, path, type } of declarations) {
    const value = valueAt(args, path);
    const expected = asText(value);
    if (expected === undefined) continue;
    const mismatch = (reason: string) => ({ header: `Mcp-Param-${name}`, reason: `Mcp-Param-${name} ${reason}` });
    const sent = header(`mcp-param-${name.toLowerCase()}`);
    if (sent === undefined) return mismatch(`is missing: the arguments carry ${where(path)}`);
    const decoded = decodeHeaderValue(sent.trim());
    if (decoded === null) return mismatch('is not valid base64 UTF-8');
    const same = type === 'integer' && typeof value === 'number' && /^-?\d+(\.\d+)?$/.test(decoded) ? Number(decoded) === value : decoded === expected;
    if (!same) return mismatch(`does not match the arguments' ${where(path)}`);
  }
  return null;
}
