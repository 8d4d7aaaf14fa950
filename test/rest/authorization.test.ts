import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/rest/dialects.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { unique } from '../support/fixtures.ts';
import { createAgent } from '../support/mcp.ts';
import { bearer, restCall } from '../support/rest.ts';

/**
 * Every route of every dialect, called by nobody and by an agent (whose tokens may only call /mcp and
 * ask who they are): a route does no more than its documents, so neither gets anything but a refusal,
 * in the dialect's shape, and nothing ends in a 500.
 */
let t: TestApp;
let agentToken: string;

/** Open without credentials, with the status the sweep's empty request gets: signing in, and a CLI's bootstrap config. */
const ANONYMOUS_MAY = new Map([['POST /v1/admin/login', 400], ['GET /api/v1/cli/config', 200]]);
/** Who the caller is, whether the gateway is up, and signing in: open to any caller who authenticates. */
const AGENTS_MAY = new Set(['GET /api/v0/users/whoami', 'GET /api/v1/auth/me', 'GET /api/v1/cli/whoami', 'GET /api/v1/system/health', 'POST /v1/admin/login', 'GET /api/v1/cli/config']);
const routes = DIALECTS.flatMap((dialect) => dialect.routes.map((route) => ({ dialect, route, name: `${route.method} ${route.path}` })));

beforeAll(async () => {
  t = await startTestApp();
  agentToken = (await createAgent(t.admin, unique('sweeper'), ['*'])).token;
});
afterAll(() => t.stop());

describe.each(routes.map((r) => [r.name, r] as const))('%s', (name, { dialect, route }) => {
  const path = route.path.replace(/:\w+/g, 'x');
  const body = route.body ? {} : undefined;

  it('refuses a caller who presents nothing, unless it is how one signs in', async () => {
    const answer = await restCall(t.url, route.method, path, { body });
    if (ANONYMOUS_MAY.has(name)) expect(answer.status).toBe(ANONYMOUS_MAY.get(name));
    else {
      expect(answer.status).toBe(401);
      expect(dialect.errorSchema.parse(answer.body)).toBeTruthy();
    }
  });

  it('gives an agent’s token nothing it could not get from GraphQL', async () => {
    const answer = await restCall(t.url, route.method, path, { headers: bearer(agentToken), body });
    expect(answer.status).toBeLessThan(500);
    if (!AGENTS_MAY.has(name)) expect(answer.status).toBeGreaterThanOrEqual(400);
  });
});
