import { isMap, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { ApiError } from '../client/api-client.ts';
import type { Path } from './model.ts';

/** The file was refused whole: nothing was applied. */
export const INVALID_CONFIG = 'INVALID_CONFIG';

/** Every problem of a refused file, one `file:line: field: message` each; the first is the message. */
export class ConfigError extends ApiError {
  readonly problems: string[];
  constructor(problems: string[]) {
    const more = problems.length - 1;
    super(INVALID_CONFIG, `${problems[0]}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`);
    this.problems = problems;
  }
}

/** `servers[1].env.API_KEY`, or `mcpServers["My Server"]` for keys that are not plain words. */
export function fieldName(path: Path): string {
  return path.map((segment, i) => {
    if (typeof segment === 'number') return `[${segment}]`;
    if (/^[A-Za-z_][\w-]*$/.test(segment)) return i === 0 ? segment : `.${segment}`;
    return `[${JSON.stringify(segment)}]`;
  }).join('');
}

/**
 * The line of the deepest node of `path` the document has: the key of a map entry (where the field is
 * named), an item of a list. A value zod looked for and did not find is reported where its parent is.
 */
export function locator(file: string, doc: Document, lines: LineCounter): (path: Path) => string {
  return (path) => {
    let node: Node | null = doc.contents;
    let offset = node?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
        if (!pair) break;
        offset = (pair.key as Node | null)?.range?.[0] ?? offset;
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment] as Node;
        offset = node.range?.[0] ?? offset;
      } else break;
    }
    return `${file}:${lines.linePos(offset).line}`;
  };
}

/** Collects problems as they are found, and refuses the file once all of them are known. */
export class Problems {
  readonly #locate: (path: Path) => string;
  readonly #found: string[] = [];
  constructor(locate: (path: Path) => string) {
    this.#locate = locate;
  }
  add(path: Path, message: string) {
    this.#found.push(`${this.#locate(path)}: ${path.length ? `${fieldName(path)}: ` : ''}${message}`);
  }
  throwIfAny() {
    if (this.#found.length) throw new ConfigError(this.#found);
  }
}
