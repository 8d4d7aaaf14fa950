import { describe, expect, it } from 'vitest';
import type { SqlClient } from '../src/events/audit-table.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { sqlPool, toolCall } from './support/audit.ts';
import { unique } from './support/fixtures.ts';

type Pool = SqlClient & { totalCount: number; connect(): Promise<SqlClient & { release(): void }> };

/** The statements prepared on the app's pooled connections, all of them held at once so that none is missed. */
async function preparedStatements(t: TestApp): Promise<string[]> {
  const pool = (await sqlPool(t.app)) as Pool;
  const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
  try {
    const names = await Promise.all(clients.map(async (client) =>
      (await client.query<{ name: string }>({ text: `select name from pg_prepared_statements`, values: [] })).rows.map((r) => r.name)));
    return [...new Set(names.flat())].sort();
  } finally {
    for (const client of clients) client.release();
  }
}

describe('the audit log as the app wires it', () => {
  // Only the group-commit insert prepares statements, so a fresh app's connections hold just the one its mode uses.
  for (const [mode, statement] of [['durable', 'switchboard.audit_insert'], ['committed', 'switchboard.audit_insert_unflushed']] as const) {
    it(`in ${mode} mode writes tool calls with its named statement on a server, and names none on the embedded database`, async () => {
      const t = await startTestApp({ SWITCHBOARD_AUDIT_MODE: mode });
      try {
        await t.app.services.audit.record(toolCall({ correlationId: unique('corr-wired-') }));
        expect(await preparedStatements(t)).toEqual(t.config.databaseUrl ? [statement] : []);
      } finally {
        await t.stop();
      }
    });
  }
});
