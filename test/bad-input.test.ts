import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { codeOf } from './support/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

/** Users and successful audit events: what a bad request must leave untouched. */
async function snapshot() {
  return t.admin.data(`{ users { totalCount } credentials(filter: { includeInactive: true }) { totalCount } auditEvents(filter: { status: SUCCESS }) { totalCount } }`);
}

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('bad input gets a clear error with the right code and changes nothing', () => {
  const badRequests: [string, () => Promise<{ status: number; code: string | undefined }>][] = [
    ['malformed JSON', async () => { const r = await post('{"query": "mutation { logout'); return { status: r.status, code: r.body.errors?.[0]?.extensions?.code }; }],
    ['a body that is not an object', async () => { const r = await post('[1, 2, 3]'); return { status: r.status, code: r.body.errors?.[0]?.extensions?.code }; }],
    ['a variable of the wrong type', async () => {
      const r = await t.admin.request(`mutation($u: String!) { createUser(input: { username: $u }) { user { id } } }`, { u: 42 });
      return { status: r.status, code: codeOf(r) };
    }],
    ['a missing required input field', async () => {
      const r = await t.admin.request(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: { transport: 'STDIO', command: 'node' } });
      return { status: r.status, code: codeOf(r) };
    }],
    ['an invalid email', async () => {
      const r = await t.admin.request(`mutation { createUser(input: { username: "valid-name", email: "not-an-email" }) { user { id } } }`);
      return { status: r.status, code: codeOf(r) };
    }],
    ['a password that is too short', async () => {
      const r = await t.admin.request(`mutation { createUser(input: { username: "short-pw", password: "abc" }) { user { id } } }`);
      return { status: r.status, code: codeOf(r) };
    }],
    ['an expiry in the past', async () => {
      const r = await t.admin.request(`mutation { createApiToken(input: { name: "old", expiresAt: "2001-01-01T00:00:00Z" }) { token } }`);
      return { status: r.status, code: codeOf(r) };
    }],
    ['a date that is not ISO 8601', async () => {
      const r = await t.admin.request(`mutation($d: DateTime) { createApiToken(input: { name: "when", expiresAt: $d }) { token } }`, { d: 'tomorrow' });
      return { status: r.status, code: codeOf(r) };
    }],
    ['a garbage pagination cursor', async () => {
      const r = await t.admin.request(`{ users(after: "not-a-cursor") { totalCount } }`);
      return { status: r.status, code: codeOf(r) };
    }],
    ['a page larger than allowed', async () => {
      const r = await t.admin.request(`{ users(first: 201) { totalCount } }`);
      return { status: r.status, code: codeOf(r) };
    }],
  ];

  for (const [name, send] of badRequests) {
    it(name, async () => {
      const before = await snapshot();
      const { code } = await send();
      expect(code).toBe('BAD_USER_INPUT');
      expect(await snapshot()).toEqual(before);
    });
  }

  it('unknown ids are NOT_FOUND', async () => {
    const before = await snapshot();
    for (const doc of [
      `mutation { updateUser(input: { id: "usr_doesnotexist", displayName: "x" }) { user { id } } }`,
      `mutation { deleteUser(input: { id: "usr_doesnotexist" }) { deletedUserId } }`,
      `mutation { revokeCredential(input: { id: "cred_doesnotexist" }) { credential { id } } }`,
      `{ user(id: "usr_doesnotexist") { id } }`,
      `{ organization(id: "org_doesnotexist") { id } }`,
    ]) {
      expect(codeOf(await t.admin.request(doc)), doc).toBe('NOT_FOUND');
    }
    expect((await t.admin.data(`{ node(id: "usr_doesnotexist") { id } }`)).node).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('an oversized request body is refused', async () => {
    const huge = JSON.stringify({ query: `{ viewer { username } }`, variables: { pad: 'x'.repeat(2_000_000) } });
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: huge,
    });
    expect(response.status).toBe(413);
  });
});

describe('hostile queries are refused before they run', () => {
  const hostile: [string, string][] = [
    ['deep nesting', `{ users { edges { node { credentials { edges { node { user { credentials { edges { node { user { credentials { edges { node { id } } } } } } } } } } } } } } }`],
    ['an alias bomb', `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: viewer { username }`).join(' ')} }`],
    ['a huge page of nested lists', `{ users(first: 200) { edges { node { credentials(first: 200) { edges { node { id } } } } } } }`],
    ['a token flood', `{ viewer { ${'username '.repeat(3_000)} } }`],
    ['a directive flood', `{ viewer { username ${'@include(if: true) '.repeat(60)} } }`],
  ];
  for (const [name, query] of hostile) {
    it(name, async () => {
      const before = await snapshot();
      const result = await t.admin.request(query);
      expect(result.data ?? null).toBeNull();
      expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(codeOf(result));
      expect(await snapshot()).toEqual(before);
    });
  }

  it('does not suggest field names when introspection is off', async () => {
    const hardened = await (await import('./support/app.ts')).startTestApp({ NODE_ENV: 'production', SWITCHBOARD_INTROSPECTION: 'false' });
    try {
      const typo = await hardened.admin.request(`{ viewr { username } }`);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const introspection = await hardened.admin.request(`{ __schema { types { name } } }`);
      expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await hardened.stop();
    }
  });
});
