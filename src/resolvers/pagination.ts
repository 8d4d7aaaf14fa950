import type { EntityManager, FilterQuery, EntityName } from '@mikro-orm/postgresql';
import { badInput } from '../errors.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A sort key: the entity field and how to read its cursor value back. */
interface Key {
  field: string;
  parse: (raw: string) => unknown;
  format: (value: unknown) => string;
}

export const keys = {
  createdAtThenId: [
    { field: 'createdAt', parse: (raw: string) => new Date(raw), format: (v: unknown) => (v as Date).toISOString() },
    { field: 'id', parse: (raw: string) => raw, format: (v: unknown) => String(v) },
  ],
  seq: [{ field: 'seq', parse: (raw: string) => Number(raw), format: (v: unknown) => String(v) }],
} satisfies Record<string, Key[]>;

const encode = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

function decode(cursor: string, sortKeys: Key[]): unknown[] {
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(raw) || raw.length !== sortKeys.length || raw.some((v) => typeof v !== 'string')) throw new Error();
    const values = sortKeys.map((k, i) => k.parse(raw[i]));
    if (values.some((v) => v instanceof Date ? Number.isNaN(v.getTime()) : Number.isNaN(v as number))) throw new Error();
    return values;
  } catch {
    throw badInput('Invalid cursor');
  }
}

/** `(k1, k2) > (v1, v2)` spelled out as a filter, so it works for any number of keys. */
function beyond(sortKeys: Key[], values: unknown[], op: '$gt' | '$lt'): Record<string, unknown> {
  const alternatives = sortKeys.map((key, i) => {
    const clause: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) clause[sortKeys[j]!.field] = values[j];
    clause[key.field] = { [op]: values[i] };
    return clause;
  });
  return { $or: alternatives };
}

/** Keyset (cursor) pagination in the Relay connection shape, stable under concurrent inserts. */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: object,
  args: PageArgs,
  sortKeys: Key[] = keys.createdAtThenId,
  options: { populate?: readonly string[] } = {},
): Promise<Page<T>> {
  if (args.first != null && args.last != null) throw badInput('Pass either first or last, not both');
  const forward = args.last == null;
  const requested = forward ? (args.first ?? DEFAULT_PAGE_SIZE) : args.last!;
  if (!Number.isInteger(requested) || requested < 0 || requested > MAX_PAGE_SIZE) {
    throw badInput(`first/last must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  const cursor = forward ? args.after : args.before;
  const conditions: unknown[] = [where];
  if (cursor) conditions.push(beyond(sortKeys, decode(cursor, sortKeys), forward ? '$gt' : '$lt'));
  const direction = forward ? 'asc' : 'desc';
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<NoInfer<T>>, {
    orderBy: Object.fromEntries(sortKeys.map((k) => [k.field, direction])) as never,
    limit: requested + 1,
    populate: options.populate as never,
  });
  const more = rows.length > requested;
  const nodes = rows.slice(0, requested);
  if (!forward) nodes.reverse();
  const edges = nodes.map((node) => ({
    node,
    cursor: encode(sortKeys.map((k) => k.format((node as Record<string, unknown>)[k.field]))),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: forward ? more : !!args.before,
      hasPreviousPage: forward ? !!args.after : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => em.count(entity, where as FilterQuery<NoInfer<T>>),
  };
}
