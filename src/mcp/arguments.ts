import { createHash } from 'node:crypto';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Whether V8's linear-time engine is on (the `l` flag exists only with the flag below). */
const LINEAR = (() => {
  const linearFlag = 'l';
  try {
    return !!new RegExp('', linearFlag);
  } catch {
    return false;
  }
})();

const unchecked = {
  test(): boolean {
    throw new Error('No linear-time RegExp engine: the pattern is left to the upstream');
  },
};

/**
 * Upstream schemas bring patterns that the gateway runs on callers' input: on V8's linear-time engine
 * only (`--enable-experimental-regexp-engine`, which `npm start` passes; it has no unicode mode), never
 * the backtracking one, so no pattern can stall the process. A schema with a pattern that engine cannot
 * run (backreferences, lookaround), or any pattern in a process started without the flag, is left to
 * the upstream to judge.
 */
const linearRegExp = Object.assign((pattern: string, flags: string) => (LINEAR ? new RegExp(pattern, `${flags}l`) : unchecked), { code: 'linearRegExp' });

const options = {
  strict: false, allErrors: true, addUsedSchema: false, validateSchema: false, unicodeRegExp: false, code: { regExp: linearRegExp },
};
const dialects = {
  draft07: addFormats.default(new Ajv(options)),
  draft2019: addFormats.default(new Ajv2019(options)),
  draft2020: addFormats.default(new Ajv2020(options)),
};

/** MCP's default dialect is 2020-12; a schema may name another with `$schema`. */
function dialectOf(schema: Record<string, unknown>) {
  const declared = String(schema.$schema ?? '');
  if (declared.includes('draft-07') || declared.includes('draft-06') || declared.includes('draft-04')) return dialects.draft07;
  if (declared.includes('2019-09')) return dialects.draft2019;
  return dialects.draft2020;
}

const MAX_CACHED = 5_000;
const compiled = new Map<string, ValidateFunction | null>();
/** A catalog load's schema objects are asked for on every call: found by identity, without hashing them again. */
const bySchemaObject = new WeakMap<object, ValidateFunction | null>();

/** Equal schemas from different catalog loads share one validator (by content: Ajv caches by identity). */
function validatorFor(schema: Record<string, unknown>): ValidateFunction | null {
  const known = bySchemaObject.get(schema);
  if (known !== undefined) return known;
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('base64');
  const validate = compiled.has(key) ? compiled.get(key)! : compile(key, schema);
  bySchemaObject.set(schema, validate);
  return validate;
}

function compile(key: string, schema: Record<string, unknown>): ValidateFunction | null {
  let validate: ValidateFunction | null;
  try {
    validate = dialectOf(schema).compile(schema);
  } catch {
    validate = null; // an upstream's broken schema is its own business: let the upstream judge the call
  }
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, validate);
  return validate;
}

const describe = (e: ErrorObject) => `${e.instancePath || '(arguments)'} ${e.message ?? 'is invalid'}`;

/** The problems with `args` against the tool's input schema, or null when they fit it. */
export function argumentProblems(schema: Record<string, unknown>, args: Record<string, unknown>): string[] | null {
  const validate = validatorFor(schema);
  try {
    if (!validate || validate(args)) return null;
  } catch {
    return null;
  }
  return (validate.errors ?? []).slice(0, 10).map(describe);
}
