import { createHash } from 'node:crypto';

/** Bumped whenever the rules below change what name an operation gets, so stored tools can be told apart. */
export const TOOL_NAMING_VERSION = 1;
const MAX_NAME = 64;

/** The operation's stable key: its operationId, else its method and path (`get /pets/{id}`). */
export const toolKeyOf = (method: string, path: string, operationId: unknown) =>
  typeof operationId === 'string' && operationId.trim() ? operationId.trim() : `${method.toLowerCase()} ${path}`;

/**
 * The tool name of a key, within MCP's name rules and the gateway's (`server__tool` splits at the first
 * `__`): snake case of letters, digits and single underscores, at most 64 characters, a long one ending
 * in a hash of the whole key. The same key always gives the same name.
 */
export function toolNameOf(key: string): string {
  const snake = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase() || 'operation';
  if (snake.length <= MAX_NAME) return snake;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return `${snake.slice(0, MAX_NAME - hash.length - 1).replace(/_$/, '')}_${hash}`;
}

/** Names for every key, in document order: a name two keys share gets `_2`, `_3`… after the first. */
export function uniqueNames(keys: string[]): string[] {
  const taken = new Set<string>();
  return keys.map((key) => {
    const base = toolNameOf(key);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
    taken.add(name);
    return name;
  });
}
