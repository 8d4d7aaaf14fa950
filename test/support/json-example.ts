import { z } from 'zod';

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; const?: unknown; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

let counter = 0;

/** The smallest value a JSON schema accepts: required properties only, a fresh string for each string. */
function smallest(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return smallest(choice.find((option) => option.type !== 'null') ?? choice[0]!);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': return Object.fromEntries((schema.required ?? []).map((name) => [name, smallest(schema.properties?.[name] ?? {})]));
    case 'array': return [];
    case 'string': return `ex${Date.now().toString(36)}${(counter++).toString(36)}`;
    case 'integer': case 'number': return 1;
    case 'boolean': return false;
    default: return undefined;
  }
}

/** A minimal valid body for a route's zod schema, as its OpenAPI document describes it. */
export const exampleOf = (schema: z.ZodType) => smallest(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
