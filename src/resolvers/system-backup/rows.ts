import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { isDataError } from '../../db/data-error.ts';
import { badInput } from '../../errors.ts';
import type { Row } from './document.ts';
import type { Table } from './tables.ts';

/** PostgreSQL takes at most 65535 parameters per statement. */
const MAX_PARAMETERS = 30_000;

export async function readRows(em: EntityManager, t: Table): Promise<Row[]> {
  const columns = sql.join(t.columns.map((c) => sql.ref(c.name)));
  const where = t.filter ? sql` where ${sql.raw(t.filter)}` : sql``;
  const order = sql.join(t.primaryKey.map((k) => sql.ref(k)));
  const { rows } = await sql<Row>`select ${columns} from ${sql.table(t.name)}${where} order by ${order}`.execute(em.getKysely());
  return rows.map((row) => Object.fromEntries(t.columns.map((c) => [c.name, c.toJson(row[c.name] ?? null)])));
}

/** Deletes every row of `t` but those `keep` names (a condition on its columns). Returns how many went. */
export async function deleteRows(em: EntityManager, t: Table, keep?: Record<string, string[]>): Promise<number> {
  const kept = Object.entries(keep ?? {}).filter(([, values]) => values.length);
  const where = kept.length
    ? sql` where not (${sql.join(kept.map(([c, values]) => sql`${sql.ref(c)} in (${sql.join(values)})`), sql` or `)})`
    : sql``;
  const result = await sql`delete from ${sql.table(t.name)}${where}`.execute(em.getKysely());
  return Number(result.numAffectedRows ?? 0);
}


export async function insertRows(em: EntityManager, t: Table, rows: Row[]): Promise<void> {
  const columns = sql.join(t.columns.map((c) => sql.ref(c.name)));
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / t.columns.length));
  for (let start = 0; start < rows.length; start += size) {
    const values = rows.slice(start, start + size).map((row) => sql`(${sql.join(t.columns.map((c) => c.toSql(row[c.name])))})`);
    try {
      await sql`insert into ${sql.table(t.name)} (${columns}) values ${sql.join(values)}`.execute(em.getKysely());
    } catch (error) {
      if (!isDataError(error)) throw error;
      const detail = (error as { detail?: string }).detail ?? (error as Error).message;
      throw badInput(`tables.${t.name}: ${detail}`, { path: `tables.${t.name}` });
    }
  }
}
