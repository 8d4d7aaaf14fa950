import { upgrade, validate } from '@scalar/openapi-parser';
import { badInput } from '../errors.ts';

/** Specs larger than this are refused before parsing: dereferencing big documents is slow. */
export const MAX_SPEC_BYTES = 2_000_000;
const MAX_MESSAGES = 20;

export type OpenApiDocument = Record<string, unknown> & { paths?: Record<string, Record<string, unknown>> };

export interface ParsedSpec {
  /** Upgraded to OpenAPI 3.1, whatever it was written in: the mapper handles one shape. */
  document: OpenApiDocument;
  originalVersion: string;
}

/**
 * A Swagger 2.0, OpenAPI 3.0 or 3.1 document given as JSON or YAML text, validated and upgraded to 3.1.
 * Nothing outside the text is read: an external `$ref` is refused, not fetched. A document that does not
 * parse or validate is refused with the parser's own messages.
 */
export async function parseSpec(text: string): Promise<ParsedSpec> {
  if (Buffer.byteLength(text) > MAX_SPEC_BYTES) throw badInput(`spec: larger than ${MAX_SPEC_BYTES} bytes`, { field: 'spec' });
  let result: Awaited<ReturnType<typeof validate>>;
  try {
    result = await validate(text);
  } catch (error) {
    throw badInput(`spec: ${(error as Error).message}`, { field: 'spec' });
  }
  if (!result.valid || !result.version) {
    const messages = (result.errors ?? []).slice(0, MAX_MESSAGES).map((e) => (e.path?.length ? `${[e.path].flat().join('/')}: ${e.message}` : e.message));
    throw badInput(`spec: not a valid OpenAPI document: ${messages.join('; ') || 'unknown format'}`, { field: 'spec', messages });
  }
  const { specification } = upgrade(text);
  return { document: specification as OpenApiDocument, originalVersion: result.version };
}
