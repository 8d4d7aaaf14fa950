import http from 'node:http';
import { sql } from 'kysely';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { APPEND_LOCK_KEY } from '../src/db/audit-event.entity.ts';
import { openDatabase } from '../src/db/orm.ts';
import { createTestDatabase } from './support/database.ts';
import { childEnv, startServer, SERVE } from './support/process.ts';

const TOKEN = 'sigterm-admin-token-0123456789';
const CONNECTIONS = 16;
const ACKNOWLEDGED_BEFORE_SIGTERM = 300;

/**
 * A mutation that fails (its event goes through group commit), or one that commits (its event in its
 * transaction). Buffered mode only changes the first kind; a committing mutation would also hold the
 * server open until its transaction ends, hiding an unwritten buffer.
 */
function requestBody(i: number, mode: 'durable' | 'committed' | 'buffered') {
  const query = i % 2 || mode === 'buffered'
    ? `mutation { createUser(input: { username: "not valid ${i}" }) { user { id } } }`
    : `mutation { createApiToken(input: { name: "load ${i}" }) { credential { id } } }`;
  return { body: JSON.stringify({ query }), acknowledged: (text: string) => text.includes('BAD_USER_INPUT') || text.includes('"credential":{"id"') };
}

const agent = new http.Agent({ keepAlive: true });

/** One POST on a keep-alive connection, resolving with the body of a 200 answer. */
function post(baseUrl: string, body: string, correlationId: string): Promise<string> {
  const url = new URL('/graphql', baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${TOKEN}`, 'x-correlation-id': correlationId },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('error', reject);
      response.on('end', () => (response.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * With PostgreSQL, the test holds the audit log's append lock around the SIGTERM, as a slow database
 * would: acknowledged events pile up unwritten (in memory in buffered mode) and must still be written
 * before the process exits. The embedded database has one session, owned by the server process.
 */
async function slowAppends(databaseUrl: string | undefined) {
  if (!databaseUrl) return { hold: async () => {}, release: async () => {} };
  const connection = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return {
    async hold() {
      await connection.unsafe(`select pg_advisory_lock(${APPEND_LOCK_KEY})`);
      await pause(300);
    },
    async release() {
      await pause(500);
      await connection.unsafe(`select pg_advisory_unlock(${APPEND_LOCK_KEY})`);
      await connection.end();
    },
  };
}

async function storedCorrelationIds(target: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  const db = await openDatabase(target);
  try {
    const { rows } = await sql<{ correlation_id: string }>`select correlation_id from audit_event where correlation_id like 'corr-sigterm-%'`
      .execute(db.orm.em.fork().getKysely());
    return rows.map((r) => r.correlation_id);
  } finally {
    await db.close();
  }
}

describe('SIGTERM during load', () => {
  for (const mode of ['durable', 'committed', 'buffered'] as const) {
    it(`loses no acknowledged audit event (${mode} mode)`, { timeout: 120_000 }, async () => {
      const database = await createTestDatabase();
      try {
        const server = await startServer(process.execPath, SERVE, {
          env: childEnv({ SWITCHBOARD_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl, SWITCHBOARD_ADMIN_TOKEN: TOKEN, SWITCHBOARD_AUDIT_MODE: mode }),
        });
        const appends = await slowAppends(database.databaseUrl);
        const acknowledged: string[] = [];
        let sent = 0;
        let exit: Promise<number | null> | undefined;
        const shutDown = async () => {
          await appends.hold();
          const exited = server.stop('SIGTERM');
          await appends.release();
          return exited;
        };
        await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
          for (;;) {
            const i = sent++;
            const correlationId = `corr-sigterm-${i}`;
            const { body, acknowledged: isAcknowledged } = requestBody(i, mode);
            try {
              if (isAcknowledged(await post(server.url, body, correlationId))) acknowledged.push(correlationId);
            } catch {
              return;
            }
            if (!exit && acknowledged.length >= ACKNOWLEDGED_BEFORE_SIGTERM) exit = shutDown();
          }
        }));
        expect(await exit, server.output()).toBe(0);
        expect(server.output()).toContain('"msg":"shutting down"');

        const stored = await storedCorrelationIds(database);
        const counts = `${acknowledged.length} acknowledged, ${stored.length} stored, ${sent} sent`;
        expect(stored.filter((id, i) => stored.indexOf(id) !== i), `written twice (${counts})`).toEqual([]);
        expect(acknowledged.filter((id) => !stored.includes(id)), `acknowledged but missing (${counts})\n${server.output()}`).toEqual([]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_SIGTERM);
      } finally {
        await database.drop();
      }
    });
  }
});
