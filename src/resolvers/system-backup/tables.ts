import type { EntityMetadata, EntityProperty, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { BACKED_UP, ROW_FILTERS } from './coverage.ts';

export interface Column {
  name: string;
  /** The table this column refers to (a foreign key), if any. */
  references?: string;
  /** Holds a secret-box ciphertext (the property's name starts with `sealed`). */
  sealed: boolean;
  schema: z.ZodType;
  /** Reads a value as the driver gives it into its JSON form. */
  toJson(value: unknown): unknown;
  /** How the value is sent back to the database. */
  toSql(value: unknown): unknown;
}

export interface Table {
  name: string;
  primaryKey: string[];
  columns: Column[];
  /** SQL condition on the rows that are backed up (all when absent). */
  filter?: string;
}

const same = (value: unknown) => value;
const json = z.json();

function scalar(prop: EntityProperty): Pick<Column, 'schema' | 'toJson' | 'toSql'> {
  const type = prop.columnTypes[0]!;
  if (prop.items?.length) return { schema: z.enum(prop.items.map(String) as [string, ...string[]]), toJson: same, toSql: same };
  const length = /^varchar\((\d+)\)$/.exec(type)?.[1];
  if (length) return { schema: z.string().max(Number(length)), toJson: same, toSql: same };
  if (type === 'text') return { schema: z.string(), toJson: same, toSql: same };
  if (type === 'boolean') return { schema: z.boolean(), toJson: same, toSql: same };
  if (type === 'int') return { schema: z.int32(), toJson: same, toSql: same };
  if (type === 'bigint' || type === 'bigserial') return { schema: z.int().nonnegative(), toJson: Number, toSql: same };
  if (type === 'timestamptz') {
    return { schema: z.iso.datetime({ offset: true }), toJson: (v) => new Date(v as string | Date).toISOString(), toSql: same };
  }
  if (type === 'jsonb') return { schema: json, toJson: same, toSql: (v) => JSON.stringify(v) };
  throw new Error(`No backup form for column type ${type} (${prop.name})`);
}

function column(prop: EntityProperty): Column {
  const reference = prop.kind === 'm:1' || prop.kind === '1:1';
  const form = reference ? { schema: z.string().min(1).max(255), toJson: same, toSql: same } : scalar(prop);
  const nullable = !!prop.nullable;
  return {
    name: prop.fieldNames[0]!,
    references: reference ? prop.targetMeta!.tableName : undefined,
    sealed: prop.name.startsWith('sealed'),
    schema: nullable ? form.schema.nullable() : form.schema,
    toJson: (v) => (v === null ? null : form.toJson(v)),
    toSql: (v) => (v === null ? null : form.toSql(v)),
  };
}

const stored = (prop: EntityProperty) =>
  prop.persist !== false && (prop.kind === 'scalar' || prop.kind === 'm:1' || (prop.kind === '1:1' && prop.owner));

function table(meta: EntityMetadata): Table {
  const props = meta.props.filter(stored);
  const primary = meta.primaryKeys.map((key) => meta.properties[key]!.fieldNames[0]!);
  return { name: meta.tableName, primaryKey: primary, columns: props.map(column), filter: ROW_FILTERS[meta.className] };
}

/** Parents before children: every table comes after the tables it refers to. */
function dependencyOrder(tables: Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: Table[] = [];
  const visit = (t: Table, path: string[]) => {
    if (ordered.includes(t)) return;
    if (path.includes(t.name)) throw new Error(`Tables refer to each other in a cycle: ${[...path, t.name].join(' → ')}`);
    for (const c of t.columns) {
      const parent = c.references && c.references !== t.name ? byName.get(c.references) : undefined;
      if (parent) visit(parent, [...path, t.name]);
    }
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

const cache = new WeakMap<MikroORM, Table[]>();

/** The tables of the backed-up entities (with their many-to-many pivot tables), parents first. */
export function backupTables(orm: MikroORM): Table[] {
  let tables = cache.get(orm);
  if (!tables) {
    const names = new Set<string>(BACKED_UP);
    const all = [...orm.getMetadata().getAll().values()];
    const owners = all.filter((m) => names.has(m.className));
    const pivots = owners.flatMap((m) => m.props.filter((p) => p.kind === 'm:n' && p.owner).map((p) => orm.getMetadata().find(p.pivotEntity)!));
    tables = dependencyOrder([...owners, ...pivots].map(table));
    cache.set(orm, tables);
  }
  return tables;
}
