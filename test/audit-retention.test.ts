import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../src/db/audit-event.entity.ts';
import { AuditRetention } from '../src/events/audit-retention.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { toolCall } from './support/audit.ts';
import { createTestDatabase } from './support/database.ts';

const DAY_MS = 86_400_000;
const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps.reverse()) await app.stop();
});

async function insertAged(app: TestApp, count: number, ageDays: number) {
  await sql`insert into audit_event (type, occurred_at, correlation_id, status)
    select 'aged', now() - make_interval(days => ${ageDays}), 'corr-aged-' || i, 'success' from generate_series(1, ${count}) i`
    .execute(app.app.services.orm.em.fork().getKysely());
}

const count = (app: TestApp, where: object = {}) => app.app.services.orm.em.fork().count(AuditEvent, where);

describe('audit retention', () => {
  it('deletes only the events older than the retention period, in bounded batches', async () => {
    const t = await startTestApp({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '0' });
    apps.push(t);
    await insertAged(t, 23, 40);
    for (let i = 0; i < 5; i++) await t.app.services.audit.record(toolCall());
    const retention = new AuditRetention(t.app.services.orm, 30, t.app.log);
    expect(await retention.prune(new Date(), 5)).toBe(23);
    expect(await count(t, { type: 'aged' })).toBe(0);
    expect(await count(t, { type: 'tool_invocation' })).toBe(5);
    expect(await retention.prune(new Date(Date.now() + 31 * DAY_MS), 2)).toBeGreaterThanOrEqual(5);
    expect(await count(t)).toBe(0);
  });

  it('keeps everything with a retention of 0 days', async () => {
    const t = await startTestApp({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '0' });
    apps.push(t);
    await insertAged(t, 3, 10_000);
    expect(await new AuditRetention(t.app.services.orm, 0, t.app.log).prune()).toBe(0);
    expect(t.app.retention.lastRun).toBeUndefined();
    expect(await count(t, { type: 'aged' })).toBe(3);
  });

  it('an instance prunes by itself soon after it starts', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startTestApp({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '0' }, database);
      await insertAged(first, 12, 100);
      await insertAged(first, 4, 80);
      await first.stop();
      const second = await startTestApp({ SWITCHBOARD_AUDIT_RETENTION_DAYS: '90' }, database);
      try {
        while (!second.app.retention.lastRun) await new Promise((resolve) => setImmediate(resolve));
        expect(await second.app.retention.lastRun).toBe(12);
        expect(await count(second, { type: 'aged' })).toBe(4);
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
