import { sql } from 'kysely';
import type { App } from '../src/app.ts';
import { drive } from './audit.ts';
import type { Row } from './graphql.ts';

const EVENTS = Number(process.env.BENCH_USAGE_EVENTS ?? 200_000);
const DAYS = 30;

/**
 * A server's usage by the day over 30 days of tool calls: read from the rollup (a GraphQL query through
 * the whole HTTP stack, the rollup caught up first) against the SQL that scans the audit log for the same
 * figures (counts, errors, p50 and p95), same run, same database.
 */
export async function benchUsage(app: App, token: string, durationMs: number): Promise<Row[]> {
  const db = app.services.orm.em.fork().getKysely();
  const org = (await sql<{ id: string }>`select id from organization order by created_at limit 1`.execute(db)).rows[0]!.id;
  const server = `srv_bench_usage`;
  await sql`insert into mcp_server (id, org_id, name, transport, url, tags, args, env_names, header_names, env_schema, created_at, updated_at)
    values (${server}, ${org}, 'bench', 'streamable_http', 'http://127.0.0.1:1/mcp', '[]', '[]', '[]', '[]', '[]', now(), now())`.execute(db);
  // Calls to two servers, one a minute going back 30 days, every tenth failing, 1 to 400 ms.
  await sql`insert into audit_event (type, occurred_at, correlation_id, org_id, actor_kind, actor_id, actor_name, server_name, tool_name, status, duration_ms)
    select 'tool_invocation', now() - make_interval(mins => i % ${DAYS * 1440}), 'corr-usage-' || i, ${org}, 'agent', 'agt_bench', 'bench',
      case when i % 2 = 0 then 'bench' else 'other' end, 'echo', case when i % 10 = 0 then 'failure' else 'success' end, 1 + (i * 7919) % 400
    from generate_series(1, ${EVENTS}) i`.execute(db);
  const started = performance.now();
  const counted = await app.services.usage.catchUp();
  const rollupSeconds = (performance.now() - started) / 1000;

  const from = new Date(Date.now() - DAYS * 86_400_000);
  const scan = () => sql`
    select date_trunc('day', occurred_at, 'UTC') as day, count(*) as calls, count(*) filter (where status <> 'success') as errors,
      percentile_disc(0.5) within group (order by duration_ms) as p50, percentile_disc(0.95) within group (order by duration_ms) as p95
    from audit_event where type = 'tool_invocation' and org_id = ${org} and server_name = 'bench' and occurred_at >= ${from}
    group by 1 order by 1`.execute(db);
  const body = JSON.stringify({
    query: 'query($id: ID!, $from: DateTime) { mcpServer(id: $id) { usage(from: $from, granularity: DAY) { totals { calls p50Ms p95Ms } series { start calls errors p50Ms p95Ms } } } }',
    variables: { id: server, from: from.toISOString() },
  });
  const read = async () => {
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const text = await response.text();
    if (!text.includes('"totals"') || text.includes('"errors":[')) throw new Error(text.slice(0, 200));
  };
  await read();
  const baseline = `usage: SQL scan of the audit log (${EVENTS / 1000}k events, ${DAYS} days by the day)`;
  return [
    { name: `usage: rollup of ${counted / 1000}k calls`, unit: 'events/s', result: { requests: counted, errors: 0, seconds: rollupSeconds, rps: counted / rollupSeconds, p50ms: rollupSeconds * 1000, p99ms: rollupSeconds * 1000 } },
    { name: baseline, unit: 'reads/s', result: await drive(durationMs, 4, scan) },
    { name: 'usage: McpServer.usage over GraphQL (rolled up)', unit: 'reads/s', baseline, result: await drive(durationMs, 4, read) },
  ];
}
