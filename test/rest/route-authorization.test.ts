import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/rest/dialects.ts';
import type { RestRoute } from '../../src/rest/route.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { changedTables, snapshot } from '../support/db-snapshot.ts';
import { exampleOf } from '../support/json-example.ts';
import { labSpec } from '../support/openapi.ts';
import { startTestApi, type TestApi } from '../support/openapi-api.ts';
import { startReceiver, type Receiver } from '../support/otlp-receiver.ts';
import { DOCUMENT_PREFIX, REST_OPERATIONS } from '../support/rest-documents.ts';
import { unique } from '../support/fixtures.ts';
import type { GraphQLClient } from '../support/graphql.ts';
import { buildEstate, makers, paramOf, type Estate } from '../support/rest-estate.ts';
import { bearer, restCall } from '../support/rest.ts';
import { createOrganization, orgMember, serviceAccount } from '../support/tenancy.ts';
import { EXPECTATIONS, OPEN, type Expectation } from './route-expectations.ts';

/**
 * Every route of every dialect, from the route tables: a route missing from EXPECTATIONS fails. Each is
 * called, with real ids and a valid body, by nobody, by the organization's viewer, by another
 * organization's admin and (for the installation's routes) by the organization's admin: each refusal is
 * in the dialect's error shape and leaves every table as it was. Then the rightful admin makes the same
 * request and succeeds, so no refusal is an artefact of a bad id or body. Every request is traced: the
 * GraphQL operations it ran (one span each) must be its dialect's declared documents.
 */
type Caller = 'anonymous' | 'viewer' | 'viewerKey' | 'agent' | 'orgAdmin' | 'awayAdmin' | 'systemAdmin';

let t: TestApp;
let api: TestApi;
let receiver: Receiver;
/** Every request made, by the trace it was sent in. */
const traced: { traceId: string; route: string; dialect: string; method: string; caller: Caller; status: number }[] = [];
let home: Estate;
const headers = {} as Record<Caller, Record<string, string>>;

const routes = DIALECTS.flatMap((dialect) => dialect.routes.map((route) => ({ dialect, route, name: `${route.method} ${route.path}` })));

let orgAdmin: GraphQLClient;
const make = () => makers(t, orgAdmin, home.orgId);

/** The route's path with the estate's ids (or fresh ones) in it, once per route. */
async function pathOf(route: RestRoute, name: string) {
  const expectation = EXPECTATIONS[name] ?? {};
  let path = route.path;
  for (const [, param] of route.path.matchAll(/:(\w+)/g)) {
    const fill = expectation.params?.[param!];
    path = path.replace(`:${param}`, encodeURIComponent(fill ? await fill(home, make()) : paramOf(home, param!, route.path)));
  }
  return path + (expectation.query?.(home) ?? '');
}

/** A valid body, made for each call: names that must be unique are. */
async function bodyOf(route: RestRoute, name: string) {
  const open = OPEN[name];
  const expectation = EXPECTATIONS[name] ?? {};
  return open?.body ? open.body(home) : expectation.body ? expectation.body(home, make()) : route.body ? exampleOf(route.body) : undefined;
}

/** The estate's ids: a request naming one addresses the organization's resources. */
const homeIds = () => [home.orgId, home.server.id, home.toolsetId, home.projectId, home.groupId, home.agent.id, home.invitationId, home.member.id, home.openApiServerId];
/** Its ids and names: none may appear in what another organization is told. */
const homeValues = () => [...homeIds(), home.server.name, home.agent.name, home.member.username];

beforeAll(async () => {
  t = await startTestApp();
  api = await startTestApi();
  receiver = await startReceiver();
  await t.admin.data(`mutation($i: ConfigureTelemetryInput!) { configureTelemetry(input: $i) { settings { enabled } } }`, { i: { enabled: true, url: receiver.url, insecure: true } });
  api.specs.set('lab.yaml', labSpec(api.origin));
  const founder = t.client((await orgMember(t.admin, (await createOrganization(t.admin)).id, 'VIEWER')).token);
  const homeOrg = await createOrganization(founder);
  const awayOrg = await createOrganization(founder);
  const viewer = await orgMember(t.admin, homeOrg.id, 'VIEWER');
  const admin = await orgMember(t.admin, homeOrg.id, 'ADMIN');
  orgAdmin = t.client(admin.token);
  Object.assign(headers, {
    anonymous: {},
    viewer: bearer(viewer.token),
    viewerKey: { 'x-api-key': (await serviceAccount(t.admin, homeOrg.id, 'VIEWER')).key },
    agent: bearer((await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token } }`, { i: { organizationId: homeOrg.id, name: unique('agt'), allowList: ['*'] } })).createAgent.token),
    orgAdmin: bearer(admin.token),
    awayAdmin: bearer((await orgMember(t.admin, awayOrg.id, 'ADMIN')).token),
    systemAdmin: bearer(ADMIN_TOKEN),
  });
  home = await buildEstate(t, orgAdmin, homeOrg.id, viewer.id, { specUrl: `${api.origin}/specs/lab.yaml`, telemetryUrl: receiver.url });
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await api?.close();
  await receiver?.close();
});

it('has an expectation for every route, and none for a route that does not exist', () => {
  const names = routes.map((r) => r.name);
  expect(names.filter((name) => !(name in EXPECTATIONS) && !(name in OPEN))).toEqual([]);
  expect([...Object.keys(EXPECTATIONS), ...Object.keys(OPEN)].filter((name) => !names.includes(name))).toEqual([]);
});

it('serves every dialect’s OpenAPI document and the docs page to anyone', async () => {
  for (const path of [...DIALECTS.map((d) => d.openApiPath), '/docs']) {
    const response = await fetch(`${t.url}${path}`);
    expect(response.status, path).toBe(200);
  }
});

/** The organization's lowest role, as a person and as a service account's key (a key's grant is the person's unless told). */
const LOWEST: { caller: Caller; who: string; grant: (e: Expectation) => Expectation['viewer'] }[] = [
  { caller: 'viewer', who: 'the organization’s viewer', grant: (e) => e.viewer },
  { caller: 'viewerKey', who: 'a viewer service-account key', grant: (e) => ('viewerKey' in e ? e.viewerKey : e.viewer) },
];

describe.each(routes.map((r) => [r.name, r] as const))('%s', (name, { dialect, route }) => {
  const expectation = EXPECTATIONS[name] ?? {};
  let path: string;
  /** Each caller's body, as sent. */
  const bodies: unknown[] = [];
  beforeAll(async () => {
    path = await pathOf(route, name);
  });
  /** The request as `caller`, its body made before `before` runs (which sees the state the request starts from). */
  const call = async (caller: Caller, before?: () => Promise<unknown>) => {
    const body = await bodyOf(route, name);
    bodies.push(body);
    await before?.();
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const answer = await restCall(t.url, route.method, path, { headers: { ...headers[caller], traceparent }, body });
    traced.push({ traceId, route: name, dialect: dialect.name, method: route.method, caller, status: answer.status });
    if (answer.status < 400) await expectation.undo?.(t, answer.body);
    return answer;
  };

  async function refused(caller: Caller, statuses: number[]) {
    let before = {};
    const answer = await call(caller, async () => (before = await snapshot(t.app.services.orm)));
    expect(statuses, JSON.stringify(answer.body)).toContain(answer.status);
    expect(dialect.errorSchema.safeParse(answer.body).success, JSON.stringify(answer.body)).toBe(true);
    expect(changedTables(before, await snapshot(t.app.services.orm))).toEqual([]);
  }
  const leaksNothing = (body: unknown) => {
    const text = JSON.stringify(body ?? null);
    expect(homeValues().filter((value) => text.includes(value))).toEqual([]);
  };

  if (name in OPEN) {
    it(`stays open to anyone (${OPEN[name]!.status})`, async () => expect((await call('anonymous')).status).toBe(OPEN[name]!.status));
    return;
  }
  it('refuses a caller who presents nothing, in the dialect’s shape, changing nothing', () => refused('anonymous', [401]));
  for (const { caller, who, grant } of LOWEST) {
    const granted = grant(expectation);
    if (granted === 'allowed') {
      it(`answers ${who}`, async () => {
        const answer = await call(caller);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(400);
      });
    } else if (granted === 'filtered') {
      it(`answers ${who} with nothing of the organization’s`, async () => {
        const answer = await call(caller);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(400);
        leaksNothing(answer.body);
      });
    } else it(`refuses ${who} (403, or 404 where it hides the resource), changing nothing`, () => refused(caller, [403, 404]));
  }
  if (expectation.agent) {
    it('answers the organization’s agent, which may say who it is', async () => {
      const answer = await call('agent');
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(400);
    });
  } else it('refuses the organization’s agent, whose token is for /mcp, changing nothing', () => refused('agent', [403, 404]));
  if (expectation.system) it('refuses the organization’s admin: it is the installation’s', () => refused('orgAdmin', [403, 404]));
  it('refuses another organization’s admin the organization’s resources, changing nothing, and tells them nothing of it', async () => {
    const namesHome = /:\w+/.test(route.path) || path.includes(home.orgId) || homeIds().some((id) => JSON.stringify(bodies[0] ?? null).includes(id));
    if (expectation.system || namesHome) return refused('awayAdmin', [403, 404]);
    leaksNothing((await call('awayAdmin')).body);
  });
  it(`grants the rightful ${expectation.system ? 'system administrator' : 'organization admin'}`, async () => {
    const answer = await call(expectation.system ? 'systemAdmin' : 'orgAdmin');
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(400);
  });
});

/** OTLP's kind of the span the edge opens for each request. */
const SERVER_SPAN = 2;

/** A route runs nothing but its documents: what reaches GraphQL from a REST door is visible in its trace. */
describe('the GraphQL operations each request ran', () => {
  let operations: Map<string, { type: string; name: string }[]>;
  beforeAll(async () => {
    await t.app.services.telemetry.flush();
    operations = new Map(traced.map((r) => [r.traceId, []]));
    for (const span of receiver.spans) {
      const [type, name] = span.name.split('.');
      if ((type === 'query' || type === 'mutation') && name) operations.get(span.traceId)?.push({ type, name });
    }
  });

  it('arrive for every request: its edge span is there', () => {
    const edges = new Set(receiver.spans.filter((span) => span.kind === SERVER_SPAN).map((span) => span.traceId));
    expect(traced.filter((r) => !edges.has(r.traceId)).map((r) => `${r.route} as ${r.caller}`)).toEqual([]);
  });

  it('are every time declared documents of the route’s own dialect', () => {
    const foreign = traced.flatMap((r) => operations.get(r.traceId)!.filter((o) => REST_OPERATIONS.get(o.name) !== o.type || !o.name.startsWith(DOCUMENT_PREFIX[r.dialect]!)).map((o) => `${r.route} as ${r.caller}: ${o.type} ${o.name}`));
    expect(foreign).toEqual([]);
  });

  it('are none for a caller who presents nothing', () => {
    expect(traced.filter((r) => r.caller === 'anonymous' && !(r.route in OPEN) && operations.get(r.traceId)!.length).map((r) => r.route)).toEqual([]);
  });

  it('are queries only for a GET, whoever calls', () => {
    expect(traced.filter((r) => r.method === 'GET' && operations.get(r.traceId)!.some((o) => o.type !== 'query')).map((r) => `${r.route} as ${r.caller}`)).toEqual([]);
  });

  it('include at least one for every route the rightful admin was granted: none answers from elsewhere', () => {
    const granted = traced.filter((r) => (r.caller === 'orgAdmin' || r.caller === 'systemAdmin') && r.status < 400 && !EXPECTATIONS[r.route]?.static);
    expect(granted.length).toBeGreaterThan(100);
    expect(granted.filter((r) => !operations.get(r.traceId)!.length).map((r) => r.route)).toEqual([]);
  });
});
