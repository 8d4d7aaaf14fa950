import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrationsPath } from '../src/db/orm.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A new embedded database, queried before the server's migrations would run. */
async function freshEmbedded<T>(query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-template-test-'));
  dirs.push(dir);
  const embedded = await startEmbeddedPostgres(dir);
  const sql = postgres(embedded.url, { max: 1, onnotice: () => {} });
  try {
    return await query(sql);
  } finally {
    await sql.end();
    await embedded.stop();
  }
}

describe('a new embedded database', { timeout: 60_000 }, () => {
  it('is a copy of the shipped template, not a cluster of its own (initdb gives each a new system identifier)', async () => {
    const identifier = (sql: postgres.Sql) => sql<{ id: string }[]>`select system_identifier::text as id from pg_control_system()`.then((rows) => rows[0]!.id);
    const first = await freshEmbedded(identifier);
    const second = await freshEmbedded(identifier);
    expect(second).toBe(first);
  });

  it('has every migration applied already: otherwise run `npm run db:template`', async () => {
    const applied = await freshEmbedded((sql) => sql<{ name: string }[]>`select name from mikro_orm_migrations order by name`);
    const shipped = readdirSync(migrationsPath).filter((file) => /^Migration\d+\.ts$/.test(file)).map((file) => file.replace(/\.ts$/, '')).sort();
    expect(applied.map((row) => row.name)).toEqual(shipped);
  });

  it('runs with 16 MB of shared buffers, not PostgreSQL’s 128 MB', async () => {
    const [row] = await freshEmbedded((sql) => sql<{ shared_buffers: string }[]>`show shared_buffers`);
    expect(row!.shared_buffers).toBe('16MB');
  });
});
