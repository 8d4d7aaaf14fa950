import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditLog } from './events/audit.ts';
import type { StreamQuota } from './events/stream-quota.ts';
import type { DeploymentBoard } from './mcp/deployment.ts';

export interface MetricSources {
  audit: AuditLog;
  streams: StreamQuota;
  board: DeploymentBoard;
}

/**
 * This app's Prometheus metrics, in a registry of its own (several apps in one process, as in tests,
 * never collide). Labels are bounded: doors, methods, status classes, and the catalog's server and tool
 * names, never ids, paths or operation names a caller chooses.
 */
export function createMetrics({ audit, streams, board }: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  const requests = new Histogram({
    name: 'switchboard_http_request_duration_seconds', help: 'HTTP requests by door, method and status class', labelNames: ['door', 'method', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry],
  });
  const toolCalls = new Counter({ name: 'switchboard_mcp_tool_calls_total', help: 'MCP tool calls by server, tool and outcome', labelNames: ['server', 'tool', 'outcome'] as const, registers: [registry] });
  const commits = new Histogram({ name: 'switchboard_audit_commit_seconds', help: 'Audit group commits', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1], registers: [registry] });
  audit.observeCommits((seconds) => commits.observe(seconds));
  new Gauge({ name: 'switchboard_audit_queue_depth', help: 'Audit events waiting for their group commit', registers: [registry], collect() { this.set(audit.queued); } });
  new Gauge({
    name: 'switchboard_upstream_runtimes', help: 'Upstream runtimes on this instance by status', labelNames: ['status'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const [status, count] of board.localStatusCounts()) this.set({ status }, count);
    },
  });
  new Gauge({ name: 'switchboard_live_connections', help: 'Live connections (graphql-ws, /mcp event streams) on this instance', registers: [registry], collect() { this.set(streams.totals().connections); } });
  new Gauge({ name: 'switchboard_live_subscriptions', help: 'Live subscriptions (audit, deployments) on this instance', registers: [registry], collect() { this.set(streams.totals().subscriptions); } });
  return {
    registry,
    request(door: string, method: string, status: number, seconds: number) {
      requests.observe({ door, method, status: `${Math.floor(status / 100)}xx` }, seconds);
    },
    toolCall(server: string, tool: string, outcome: string) {
      toolCalls.inc({ server, tool, outcome });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
