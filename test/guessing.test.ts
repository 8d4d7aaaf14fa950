import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { createToken, createUser, unique, VIEWER } from './support/fixtures.ts';
import { codeOf, graphqlClient } from './support/graphql.ts';
import { createAgent } from './support/mcp.ts';

/** Requests are told apart by X-Forwarded-For, which these instances believe from 127.0.0.1 (a proxy in front). */
const LIMITS = {
  SWITCHBOARD_TRUSTED_PROXIES: '127.0.0.1',
  SWITCHBOARD_AUTH_FAILURES_PER_MINUTE: '5',
  SWITCHBOARD_LOGINS_PER_MINUTE: '8',
  SWITCHBOARD_LOGIN_FAILURES_PER_ACCOUNT: '3',
};

let database: TestDatabase;
let t: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestApp(LIMITS, database);
});
afterAll(async () => {
  await t.stop();
  await database.drop();
});

let sources = 0;
const newSource = () => `198.51.100.${++sources}`;
const from = (source: string) => ({ 'x-forwarded-for': source });

function mcpPing(app: TestApp, token: string, source: string) {
  return fetch(`${app.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}`, ...from(source) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
}

const login = (username: string, password: string, source: string) =>
  t.client(null).request(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { username, password } }, from(source));

describe('guessing bearer tokens', () => {
  it('a source that fails to authenticate too often is refused with 429, even with a valid token, and other sources are not', async () => {
    const guesser = newSource();
    const agent = await createAgent(t.admin, unique('guessed'), ['*']);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await mcpPing(t, `wrong-token-${i}-0123456789abcdefABCDEF`, guesser)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const blocked = await mcpPing(t, agent.token, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await mcpPing(t, agent.token, newSource())).status).toBe(200);
    // The same limit holds on every door: GraphQL answers 429 with RATE_LIMITED too.
    const graphql = await graphqlClient(t.url, 'another-wrong-token-0123456789abcdefXYZ').request(VIEWER, {}, from(guesser));
    expect([graphql.status, codeOf(graphql)]).toEqual([429, 'RATE_LIMITED']);
  });

  it('a burst of guesses cannot outrun the count: no more are judged than the limit allows', async () => {
    const source = newSource();
    const agent = await createAgent(t.admin, unique('burst'), ['*']);
    const tokens = [...Array.from({ length: 59 }, (_, i) => `burst-guess-${i}-0123456789abcdefABCDEF`), agent.token];
    const statuses = await Promise.all(tokens.map(async (token) => (await mcpPing(t, token, source)).status));
    // The limit's five, and at most one more if the valid token was judged early and gave its point back.
    const judged = statuses.filter((s) => s !== 429).length;
    expect(judged).toBeGreaterThanOrEqual(5);
    expect(judged).toBeLessThanOrEqual(6);
  });

  it('a burst of one valid token’s first calls is one attempt, not one per call: an agent opening many sessions is never refused', async () => {
    const source = newSource();
    const agent = await createAgent(t.admin, unique('sessions'), ['*']);
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await mcpPing(t, agent.token, source)).status));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  // Two instances on one database need a PostgreSQL server: the embedded database is one process's.
  it.runIf(process.env.DATABASE_URL)('is counted by every instance on one PostgreSQL database', async () => {
    const other = await startTestApp(LIMITS, database);
    try {
      const guesser = newSource();
      for (let i = 0; i < 3; i++) expect((await mcpPing(t, `wrong-a-${i}-0123456789abcdefABCDEF`, guesser)).status).toBe(401);
      for (let i = 0; i < 2; i++) expect((await mcpPing(other, `wrong-b-${i}-0123456789abcdefABCDEF`, guesser)).status).toBe(401);
      expect((await mcpPing(other, 'wrong-c-0123456789abcdefABCDEF', guesser)).status).toBe(429);
      expect((await mcpPing(t, ADMIN_TOKEN, guesser)).status).toBe(429);
    } finally {
      await other.stop();
    }
  });
});

describe('guessing passwords', () => {
  it('an account that failed too many logins is refused from every source, its correct password too', async () => {
    const victim = await createUser(t.admin);
    for (let i = 0; i < 3; i++) expect(codeOf(await login(victim.username, `wrong-${i}`, newSource()))).toBe('UNAUTHENTICATED');
    const refused = await login(victim.username, victim.password, newSource());
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0]!.extensions!.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const events = await t.admin.data(`query($u: String!) { auditLog(filter: { type: "login_failure", user: $u }) { total } }`, { u: victim.username });
    expect(events.auditLog.total).toBe(4);
  });

  it('a source may try only so many logins a minute, whichever accounts it tries', async () => {
    const source = newSource();
    const people = await Promise.all(Array.from({ length: 3 }, () => createUser(t.admin)));
    const codes = [];
    for (let i = 0; i < 9; i++) codes.push(codeOf(await login(people[i % 3]!.username, people[i % 3]!.password, source)));
    expect(codes).toEqual([...Array(8).fill('OK'), 'RATE_LIMITED']);
  });

  it('concurrent logins cannot outrun an account’s count', async () => {
    const victim = await createUser(t.admin);
    const passwords = [...Array.from({ length: 19 }, (_, i) => `wrong-${i}`), victim.password];
    const codes = await Promise.all(passwords.map(async (password) => codeOf(await login(victim.username, password, newSource()))));
    expect(codes.filter((code) => code !== 'RATE_LIMITED')).toHaveLength(3);
  });

  it('a correct password ends an account’s run of failures', async () => {
    const person = await createUser(t.admin);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await login(person.username, 'wrong', newSource());
      expect(codeOf(await login(person.username, person.password, newSource()))).toBe('OK');
    }
  });
});

describe('custom tokens', () => {
  it.each([
    ['sixteen-chars-ok', /at least 24 characters/],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /mix at least two/],
    ['abababababababababababab12', /at least 10 different characters/],
    ['abcdefghij0123456789abcd', /bits of strength, at least 128 needed/],
  ])('%s is refused as too easy to guess', async (token, reason) => {
    const result = await t.admin.request(`mutation($t: String!) { createApiToken(input: { name: "weak", token: $t }) { token } }`, { t: token });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(reason);
  });

  it('are masked to their last four characters, whatever their length', async () => {
    for (const length of [24, 64, 200]) {
      const token = `Custom-${'x1Y2z3W4v5'.repeat(20)}`.slice(0, length);
      const issued = await createToken(t.admin, { token });
      expect(issued.masked).toBe(`*******${token.slice(-4)}`);
    }
  });

  it('each one chosen is a guess at others’, taken or not: a source may choose only so many', async () => {
    const source = newSource();
    const choose = (i: number) => t.admin.request(`mutation($t: String!) { createApiToken(input: { name: "chosen", token: $t }) { token } }`, { t: `Chosen-${unique('v')}-${i}-0123456789abcdef` }, from(source));
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(codeOf(await choose(i)));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
  });

  it('one equal to another principal’s is refused without saying whose, and counts as a guess', async () => {
    const owner = await createUser(t.admin);
    const taken = `Taken-${unique('v')}-0123456789abcdef`;
    await createToken(t.client(owner.token), { token: taken });
    const guesser = await createUser(t.admin);
    const source = newSource();
    const tryIt = () => t.client(guesser.token).request(`mutation($t: String!) { createApiToken(input: { name: "mine", token: $t }) { token } }`, { t: taken }, from(source));
    const refused = await tryIt();
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toBe('token: this value cannot be used: choose another');
    expect(JSON.stringify(refused)).not.toContain(owner.username);
    for (let i = 0; i < 4; i++) await tryIt();
    expect(codeOf(await tryIt())).toBe('RATE_LIMITED');
  });

  it('a lookup of a credential by its value is a guess: a source may make only so many', async () => {
    const owner = await createUser(t.admin);
    const { token } = await createToken(t.client(owner.token));
    const source = newSource();
    const lookup = () => t.admin.request(`query($k: String!) { credentialByToken(token: $k) { id } }`, { k: token }, from(source));
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(codeOf(await lookup()));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
  });
});
