import type { OpenApiDocument } from './parse.ts';

const COMPONENT_SCHEMAS = '#/components/schemas/';
const MAX_INLINE_DEPTH = 32;

type Json = unknown;

/** The value a local JSON pointer (`#/a/b~1c`) names in the document, or undefined. */
export function resolvePointer(document: OpenApiDocument, ref: string): Json {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref.slice(1).split('/').slice(1).map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Json = document;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[part];
  }
  return node;
}

/** A `$ref` object (parameter, request body) followed to what it names, a few hops at most. */
export function followRef<T>(document: OpenApiDocument, value: T): T | undefined {
  let node: unknown = value;
  for (let hops = 0; node && typeof node === 'object' && '$ref' in node; hops++) {
    if (hops >= MAX_INLINE_DEPTH) return undefined;
    node = resolvePointer(document, String((node as { $ref: unknown }).$ref));
  }
  return node as T | undefined;
}

/**
 * Schemas for a tool's inputSchema: references to `components.schemas` become local `$defs` (copied in,
 * with whatever they reach), so recursive schemas stay references rather than an endless object graph.
 * Any other local reference is inlined.
 */
export class SchemaDefs {
  readonly #document: OpenApiDocument;
  readonly defs: Record<string, Json> = {};

  constructor(document: OpenApiDocument) {
    this.#document = document;
  }

  rewrite(schema: Json, depth = 0): Json {
    if (Array.isArray(schema)) return schema.map((item) => this.rewrite(item, depth));
    if (schema === null || typeof schema !== 'object') return schema;
    const { $ref, ...rest } = schema as Record<string, Json>;
    if (typeof $ref === 'string') {
      if ($ref.startsWith(COMPONENT_SCHEMAS)) return { ...this.#mapped(rest, depth), $ref: this.#define($ref) };
      const target = depth < MAX_INLINE_DEPTH ? resolvePointer(this.#document, $ref) : undefined;
      return { ...(this.rewrite(target ?? {}, depth + 1) as object), ...this.#mapped(rest, depth) };
    }
    return this.#mapped(rest, depth);
  }

  #mapped(object: Record<string, Json>, depth: number): Record<string, Json> {
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, this.rewrite(value, depth)]));
  }

  /** `#/components/schemas/Pet/properties/x` → `#/$defs/Pet/properties/x`, with `Pet` copied into `$defs` once. */
  #define(ref: string): string {
    const [escaped = ''] = ref.slice(COMPONENT_SCHEMAS.length).split('/');
    const name = decodeURIComponent(escaped).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!(name in this.defs)) {
      this.defs[name] = {};
      this.defs[name] = this.rewrite(resolvePointer(this.#document, `${COMPONENT_SCHEMAS}${escaped}`) ?? {});
    }
    return `#/$defs/${ref.slice(COMPONENT_SCHEMAS.length)}`;
  }
}
