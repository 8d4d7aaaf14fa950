import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export interface TestDatabase {
  /** Set when tests run against a PostgreSQL server (CI): a database of this test's own. */
  databaseUrl: string | undefined;
  /** Always set: the embedded database lives here when there is no server. */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database per caller. With DATABASE_URL (CI) that is a new database on the same server,
 * dropped afterwards; without it, a temporary directory for the embedded database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'));
  const base = process.env.DATABASE_URL;
  if (!base) {
    return { databaseUrl: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `sb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}
