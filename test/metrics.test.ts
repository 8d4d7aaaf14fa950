import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { fixtureStdio, mcpClient, readyServer } from './support/mcp.ts';
import { subscribe, wsClient } from './support/ws.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let t: TestApp;
let other: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_METRICS_TOKEN: METRICS_TOKEN });
  // A second app in the same process: each has a registry of its own.
  other = await startTestApp();
}, 60_000);
afterAll(async () => {
  await other.stop();
  await t.stop();
});

const scrape = (app: TestApp, token?: string) => fetch(`${app.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('/metrics', () => {
  it('is for the scraper that presents the metrics token, and absent without one', async () => {
    expect((await scrape(t)).status).toBe(401);
    expect((await scrape(t, 'not-the-metrics-token-at-all')).status).toBe(401);
    expect((await scrape(t, METRICS_TOKEN)).status).toBe(200);
    expect((await scrape(other, METRICS_TOKEN)).status).toBe(404);
  });

  it('counts requests by door, tool calls by server, tool and outcome, runtimes, audit commits and live subscribers', async () => {
    const name = unique('metered');
    await readyServer(t.admin, fixtureStdio(name));
    const token = (await t.admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { token } }`, { i: { name: unique('agt'), allowList: [name] } })).createAgent.token;
    const client = await mcpClient(t.url, token);
    await client.callTool({ name: `${name}__echo`, arguments: { text: 'counted' } });
    await client.callTool({ name: `${name}__made_up_tool`, arguments: {} }).catch(() => {});
    const ws = wsClient(t.url, ADMIN_TOKEN);
    const live = subscribe(ws, `subscription { auditEvents { type } }`);
    while (t.app.services.streams.totals().subscriptions === 0) await new Promise((r) => setTimeout(r, 10));
    const text = await (await scrape(t, METRICS_TOKEN)).text();
    live.close();
    await ws.dispose();
    await client.close();
    expect(text).toMatch(/switchboard_http_request_duration_seconds_count\{door="graphql",method="POST",status="2xx"\} \d+/);
    expect(text).toMatch(/switchboard_http_request_duration_seconds_count\{door="mcp",method="POST",status="2xx"\} \d+/);
    expect(text).toContain(`switchboard_mcp_tool_calls_total{server="${name}",tool="echo",outcome="success"} 1`);
    expect(text).not.toContain('made_up_tool');
    expect(text).toMatch(/switchboard_upstream_runtimes\{status="running"\} [1-9]/);
    expect(text).toMatch(/switchboard_audit_commit_seconds_count [1-9]/);
    expect(text).toMatch(/switchboard_audit_queue_depth \d+/);
    expect(text).toMatch(/switchboard_live_subscriptions [1-9]/);
    expect(text).toMatch(/switchboard_process_resident_memory_bytes \d+/);
    // GraphQL's phases, labelled by operation type, never by a name the caller chose.
    expect(text).toMatch(/graphql_envelop_phase_execute_count\{operationType="mutation"\} [1-9]/);
    expect(text).toMatch(/graphql_envelop_phase_parse_count\{operationType="mutation"\} [1-9]/);
    expect(text).not.toContain('operationName');
  });
});
