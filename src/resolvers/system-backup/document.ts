import { z } from 'zod';
import type { SecretBox } from '../../auth/secret-box.ts';
import { badInput } from '../../errors.ts';
import { parseInput } from '../input.ts';
import { BACKUP_FORMAT } from './coverage.ts';
import type { Table } from './tables.ts';

export type Row = Record<string, unknown>;
export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  tables: Record<string, Row[]>;
}

const documentSchema = (tables: Table[]) => z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime({ offset: true }),
  tables: z.strictObject(Object.fromEntries(tables.map((t) => [t.name, z.array(z.strictObject(Object.fromEntries(t.columns.map((c) => [c.name, c.schema]))))]))),
});

const keyOf = (row: Row, columns: string[]) => JSON.stringify(columns.map((c) => row[c]));

/** Each row once by its primary key, and every reference to a row the document has. */
function checkConsistency(tables: Table[], document: BackupDocument) {
  const keys = new Map<string, Set<string>>();
  for (const t of tables) {
    const seen = new Set<string>();
    document.tables[t.name]!.forEach((row, i) => {
      const key = keyOf(row, t.primaryKey);
      if (seen.has(key)) throw badInput(`tables.${t.name}.${i}: a second row with ${t.primaryKey.join(', ')} ${key}`, { path: `tables.${t.name}.${i}` });
      seen.add(key);
    });
    keys.set(t.name, seen);
  }
  for (const t of tables) {
    document.tables[t.name]!.forEach((row, i) => {
      for (const c of t.columns) {
        const value = row[c.name];
        if (!c.references || value === null) continue;
        if (!keys.get(c.references)?.has(JSON.stringify([value]))) {
          throw badInput(`tables.${t.name}.${i}.${c.name}: ${String(value)} is not in tables.${c.references}`, { path: `tables.${t.name}.${i}.${c.name}` });
        }
      }
    });
  }
}

/** Sealed values this installation's key cannot open are refused: restored, they would be secrets nobody can use or replace. */
function checkSealed(tables: Table[], document: BackupDocument, secrets: SecretBox) {
  for (const t of tables) {
    document.tables[t.name]!.forEach((row, i) => {
      for (const c of t.columns.filter((col) => col.sealed && row[col.name] !== null)) {
        try {
          secrets.open(row[c.name] as string);
        } catch {
          throw badInput(`tables.${t.name}.${i}.${c.name}: sealed with another secret key (SWITCHBOARD_SECRET_KEY must be the one the backup was taken with)`, { path: `tables.${t.name}.${i}.${c.name}` });
        }
      }
    });
  }
}

/** Refused with BAD_USER_INPUT naming where, before anything changes: unknown format, shape, duplicates, dangling references, foreign secrets. */
export function parseBackup(tables: Table[], input: unknown, secrets: SecretBox): BackupDocument {
  const format = (input as { format?: unknown } | null)?.format;
  if (typeof input !== 'object' || input === null || format !== BACKUP_FORMAT) {
    throw badInput(`format: expected "${BACKUP_FORMAT}", got ${JSON.stringify(format) ?? 'none'}`, { path: 'format' });
  }
  const document = parseInput(documentSchema(tables), input) as BackupDocument;
  checkConsistency(tables, document);
  checkSealed(tables, document, secrets);
  return document;
}
