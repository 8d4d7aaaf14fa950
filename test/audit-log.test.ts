import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../src/db/audit-event.entity.ts';
import { AuditLog } from '../src/events/audit.ts';
import { matchesFilter } from '../src/resolvers/audit.ts';
import { AuditBatcher } from '../src/events/audit-batcher.ts';
import { insertAuditRows, type SqlClient } from '../src/events/audit-table.ts';
import { toRow } from '../src/events/audit-row.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createOrganization, setMembership, sqlPool, toolCall } from './support/audit.ts';
import { createUser, unique } from './support/fixtures.ts';
import { codeOf, type GraphQLClient } from './support/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const BY_CORRELATION = `query($c: String!) { auditLog(filter: { correlationId: $c }) { total events { type status actor { name } target { type name } durationMs details } } }`;

async function eventsOf(correlationId: string, client: GraphQLClient = t.admin) {
  return (await client.data(BY_CORRELATION, { c: correlationId })).auditLog;
}

const countRows = (where: object) => t.app.services.orm.em.fork().count(AuditEvent, where);

describe('the audit writer', () => {
  it('leaves exactly one event per mutation, committed with it, and one for a failed mutation that changed nothing', async () => {
    const made = unique('corr-made-');
    const username = unique('audited');
    await t.admin.request(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: username }, { 'x-correlation-id': made });
    expect(await eventsOf(made)).toMatchObject({ total: 1, events: [{ type: 'user_created', status: 'SUCCESS', actor: { name: 'admin' }, target: { type: 'User', name: username } }] });

    const refused = unique('corr-refused-');
    const bad = await t.admin.request(`mutation { createUser(input: { username: "no spaces allowed" }) { user { id } } }`, {}, { 'x-correlation-id': refused });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(await eventsOf(refused)).toMatchObject({ total: 1, events: [{ type: 'user_created', status: 'FAILURE', details: { code: 'BAD_USER_INPUT' } }] });
  });

  it('records failed and successful logins under their own types', async () => {
    const user = await createUser(t.admin);
    const wrong = unique('corr-wrong-');
    await t.client(null).request(`mutation { login(input: { username: "${user.username}", password: "not-the-password" }) { token } }`, {}, { 'x-correlation-id': wrong });
    const right = unique('corr-right-');
    await t.client(null).request(`mutation { login(input: { username: "${user.username}", password: "${user.password}" }) { token } }`, {}, { 'x-correlation-id': right });
    expect(await eventsOf(wrong)).toMatchObject({ total: 1, events: [{ type: 'login_failure', status: 'DENIED', actor: { name: user.username } }] });
    expect(await eventsOf(right)).toMatchObject({ total: 1, events: [{ type: 'login_success', status: 'SUCCESS', actor: { name: user.username } }] });
  });

  it('gives credential and session events their organization, and logins change nobody\'s access', async () => {
    const user = await createUser(t.admin);
    const { viewer } = await t.client(user.token).data(`{ viewer { organization { id } } }`);
    const made = unique('corr-token-');
    await t.client(user.token).request(`mutation { createApiToken(input: { name: "org" }) { token } }`, {}, { 'x-correlation-id': made });
    const login = unique('corr-login-');
    await t.client(null).request(`mutation { login(input: { username: "${user.username}", password: "${user.password}" }) { token } }`, {}, { 'x-correlation-id': login });
    const stored = await t.app.services.orm.em.fork().find(AuditEvent, { correlationId: { $in: [made, login] } }, { orderBy: { seq: 'asc' } });
    expect(stored.map((e) => [e.type, e.orgId, e.changesAccess])).toEqual([
      ['credential_created', viewer.organization.id, true],
      ['login_success', viewer.organization.id, false],
    ]);
  });

  it('a statement written without flush commits with synchronous_commit off for its own transaction only; each is prepared once per connection', async () => {
    const pool = (await sqlPool(t.app)) as SqlClient & { connect(): Promise<SqlClient & { release(): void }> };
    const prepared: string[] = [];
    const setting = async (flush: boolean) => {
      const client = await pool.connect();
      try {
        await client.query({ text: 'begin', values: [] });
        await insertAuditRows(client, [toRow(toolCall({ correlationId: unique('corr-flush-') }))], { flush, prepared: !!t.app.services.config.databaseUrl });
        const { rows } = await client.query<{ value: string }>({ text: `select current_setting('synchronous_commit') as value`, values: [] });
        prepared.push(...(await client.query<{ name: string }>({ text: `select name from pg_prepared_statements`, values: [] })).rows.map((r) => r.name));
        await client.query({ text: 'commit', values: [] });
        return rows[0]!.value;
      } finally {
        client.release();
      }
    };
    expect(await setting(true)).toBe('on');
    expect(await setting(false)).toBe('off');
    // On a server each connection parses the statement once; the embedded database's shared session names none.
    if (t.app.services.config.databaseUrl) expect(prepared).toEqual(expect.arrayContaining(['switchboard.audit_insert', 'switchboard.audit_insert_unflushed']));
    else expect(prepared).toEqual([]);
    expect((await t.app.services.orm.em.fork().execute(`select current_setting('synchronous_commit') as value`))[0]!.value).toBe('on');
  });

  it('record() resolves once its event is committed; concurrent records share statements, split so that two are in flight, each in call order', async () => {
    const statements: number[] = [];
    const pool = await sqlPool(t.app);
    const batcher = new AuditBatcher({
      insert: (rows) => {
        statements.push(rows.length);
        return insertAuditRows(pool, rows);
      },
      committed: () => {},
      log: t.app.log,
    });
    const prefix = unique('corr-batch-');
    const events = await Promise.all(Array.from({ length: 1_000 }, (_, i) => batcher.add(toRow(toolCall({ correlationId: `${prefix}-${i}` })), true)!));
    expect(await countRows({ correlationId: { $like: `${prefix}-%` } })).toBe(1_000);
    expect(statements).toEqual([500, 500]);
    expect(new Set(events.map((e) => e.seq)).size).toBe(1_000);
    expect(events.map((e) => e.correlationId)).toEqual(events.map((_, i) => `${prefix}-${i}`));
    // The two statements race for the append lock, so only each one's rows are in call order.
    for (const statement of [events.slice(0, 500), events.slice(500)]) {
      const seqs = statement.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    await batcher.close();
  });

  it('a row the database refuses fails its own caller only', async () => {
    const prefix = unique('corr-poison-');
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => t.app.services.audit.record(toolCall({ correlationId: `${prefix}-${i}` }))),
      t.app.services.audit.record(toolCall({ correlationId: `${prefix}-bad`, status: 'not-a-status' as never })),
    ]);
    expect(results.map((r) => r.status)).toEqual([...Array(20).fill('fulfilled'), 'rejected']);
    expect(await countRows({ correlationId: { $like: `${prefix}-%` } })).toBe(20);
  });

  it('in buffered mode record() returns at once, and close() writes everything before it resolves', async () => {
    const audit = new AuditLog(await sqlPool(t.app), t.app.services.signals, { mode: 'buffered', prepared: !!t.app.services.config.databaseUrl, log: t.app.log });
    const prefix = unique('corr-buffered-');
    for (let i = 0; i < 500; i++) expect(await audit.record(toolCall({ correlationId: `${prefix}-${i}` }))).toBeUndefined();
    await audit.close();
    expect(await countRows({ correlationId: { $like: `${prefix}-%` } })).toBe(500);
    await expect(audit.record(toolCall())).rejects.toThrow(/closed/);
  });

  it('keeps secrets out of details and fits odd values into their columns', async () => {
    const correlationId = unique('corr-secret-');
    await t.app.services.audit.record(toolCall({
      correlationId,
      toolName: 'x'.repeat(300),
      details: { password: 'hunter2', nested: { apiKey: 'k-123', kept: 'visible' }, headers: { Authorization: 'Bearer abc' }, accessToken: 't-1', note: 'nul\0byte' },
    }));
    const stored = await t.app.services.orm.em.fork().findOneOrFail(AuditEvent, { correlationId });
    expect(stored.toolName).toHaveLength(255);
    expect(stored.details).toEqual({
      password: '[redacted]', nested: { apiKey: '[redacted]', kept: 'visible' }, headers: { Authorization: '[redacted]' }, accessToken: '[redacted]', note: 'nul\uFFFDbyte',
    });
    expect(JSON.stringify(stored.details)).not.toMatch(/hunter2|k-123|abc|t-1/);
  });
});

describe('auditLog: the log by limit and offset', () => {
  it('pages newest first with the total, and applies every filter', async () => {
    const server = unique('srv');
    const from = new Date();
    const made: AuditEvent[] = [];
    for (const [i, status] of (['success', 'failure', 'success', 'error', 'success'] as const).entries()) {
      made.push((await t.app.services.audit.record(toolCall({ serverName: server, toolName: `tool${i % 2}`, status, actor: { name: i < 3 ? 'alice' : 'bob' } }))) as AuditEvent);
    }
    const page = async (filter: object, limit?: number, offset?: number) =>
      (await t.admin.data(`query($f: AuditEventFilter, $l: Int, $o: Int) { auditLog(filter: $f, limit: $l, offset: $o) { total limit offset events { seq } } }`, { f: { server, ...filter }, l: limit, o: offset })).auditLog;
    const seqs = made.map((e) => String(e.seq)).reverse();
    expect(await page({}, 2)).toEqual({ total: 5, limit: 2, offset: 0, events: seqs.slice(0, 2).map((seq) => ({ seq })) });
    expect(await page({}, 2, 4)).toEqual({ total: 5, limit: 2, offset: 4, events: [{ seq: seqs[4] }] });
    expect((await page({})).limit).toBe(50);
    expect((await page({ status: 'SUCCESS' })).total).toBe(3);
    expect((await page({ user: 'bob' })).total).toBe(2);
    expect((await page({ tool: 'tool1' })).total).toBe(2);
    expect((await page({ type: 'tool_invocation', correlationId: made[2]!.correlationId })).events).toEqual([{ seq: String(made[2]!.seq) }]);
    expect((await page({ from: from.toISOString() })).total).toBe(5);
    expect((await page({ to: new Date(from.getTime() - 1).toISOString() })).total).toBe(0);
  });

  it('filters by server id: the calls to it and the changes made to it, whatever it was called, live as in the table', async () => {
    const id = unique('srv_');
    const server = (name: string) => ({ type: 'McpServer', id, name });
    const made = [
      await t.app.services.audit.record(toolCall({ target: server('old'), serverName: 'old' })),
      await t.app.services.audit.record({ type: 'server_updated', status: 'success', correlationId: unique('corr-'), target: server('new') }),
      await t.app.services.audit.record(toolCall({ target: { type: 'McpServer', id: unique('srv_'), name: 'old' }, serverName: 'old' })),
      await t.app.services.audit.record({ type: 'agent_updated', status: 'success', correlationId: unique('corr-'), target: { type: 'Agent', id, name: 'same id' } }),
    ] as AuditEvent[];
    const { auditLog } = await t.admin.data(`query($f: AuditEventFilter) { auditLog(filter: $f) { total events { seq } } }`, { f: { serverId: id } });
    expect(auditLog).toEqual({ total: 2, events: [{ seq: String(made[1]!.seq) }, { seq: String(made[0]!.seq) }] });
    expect(made.map((event) => matchesFilter(event, { serverId: id }))).toEqual([true, true, false, false]);
  });

  it('refuses a limit outside 1..200 and a negative offset', async () => {
    for (const args of ['limit: 201', 'limit: 0', 'offset: -1']) {
      expect(codeOf(await t.admin.request(`{ auditLog(${args}) { total } }`))).toBe('BAD_USER_INPUT');
    }
  });

  it('shows people the events they caused, organization admins their organization\'s, system admins all', async () => {
    const [orgA, orgB] = [await createOrganization(t.app), await createOrganization(t.app)];
    const [orgAdmin, viewer] = [await createUser(t.admin), await createUser(t.admin)];
    await setMembership(t.app, orgAdmin.id, orgA, 'admin');
    await setMembership(t.app, viewer.id, orgA, 'viewer');
    const server = unique('srv');
    const record = (orgId: string | null, actorId: string | null) =>
      t.app.services.audit.record(toolCall({ serverName: server, orgId, actor: actorId ? { kind: 'user', id: actorId, name: actorId } : null }));
    await record(orgA, null);
    await record(orgB, null);
    await record(orgB, viewer.id);
    await record(null, null);
    const visible = async (token: string) =>
      (await t.client(token).data(`query($s: String) { auditLog(filter: { server: $s }) { events { organizationId actor { id } } } }`, { s: server })).auditLog.events;
    expect(await visible(orgAdmin.token)).toEqual([{ organizationId: orgA, actor: null }]);
    expect(await visible(viewer.token)).toEqual([{ organizationId: orgB, actor: { id: viewer.id } }]);
    expect(await visible(t.admin.token!)).toHaveLength(4);
  });
});
