import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../src/db/orm.ts';
import { notReady } from '../src/http/ready.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTestDatabase } from './support/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('GET /ready', () => {
  it('is 200 once the database answers and every migration is applied', async () => {
    const response = await fetch(`${t.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${t.url}/ready`, { method: 'POST' })).status).toBe(405);
  });

  it.runIf(process.env.DATABASE_URL)('names what is missing: migrations not applied, a database that does not answer', async () => {
    const database = await createTestDatabase();
    const orm = await MikroORM.init(ormConfig(database.databaseUrl!, false));
    try {
      expect(await notReady(orm)).toMatch(/^\d+ migration\(s\) not applied yet$/);
      await orm.migrator.up();
      expect(await notReady(orm)).toBeNull();
    } finally {
      await orm.close();
      await database.drop();
    }
    expect(await notReady(orm)).toBe('the database does not answer');
  });
});
