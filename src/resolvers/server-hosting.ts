import { z } from 'zod';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { resolveHost, routingRefusal, timed, tlsHandshake, type CheckResult } from '../hosting/probes.ts';
import type { Ctx } from './context.ts';
import { DEFAULT_ENVIRONMENT, environmentName } from './environments.ts';
import { fields, parseInput } from './input.ts';
import { asOperation } from './operations.ts';
import { liveRuntime, runnable } from './server-smoke.ts';

const HostingInput = z.object({ id: fields.id, environment: environmentName.nullish() });

export interface HostingReport {
  server: McpServer;
  environment: string;
  ok: boolean;
  checks: CheckResult[];
}

const skipped = (name: CheckResult['name'], message: string): CheckResult => ({ name, status: 'skipped', durationMs: 0, message });

/** DNS, routing and TLS of a remote server's URL; what a server on the gateway's host skips. */
async function networkChecks(ctx: Ctx, server: McpServer, run: (name: CheckResult['name'], check: () => Promise<string>) => Promise<void>, push: (c: CheckResult) => void) {
  if (!server.url) {
    for (const name of ['dns', 'routing', 'tls'] as const) push(skipped(name, server.transport === 'stdio' ? 'runs on the gateway’s host' : 'no URL to reach'));
    return;
  }
  const url = new URL(server.url);
  let addresses: string[] = [];
  await run('dns', async () => {
    addresses = await resolveHost(url.hostname);
    return `${url.hostname} resolves to ${addresses.join(', ')}`;
  });
  await run('routing', async () => {
    const refusal = routingRefusal(ctx.services.outbound, addresses);
    if (refusal) throw new Error(`the gateway does not dial ${refusal}`);
    return `the gateway may dial ${addresses.join(', ')}`;
  });
  if (url.protocol !== 'https:') return push(skipped('tls', 'a plain http URL'));
  await run('tls', () => tlsHandshake(addresses[0]!, Number(url.port || 443), url.hostname));
}

/**
 * Whether the server can be reached as it is configured: its URL's DNS, routing and TLS, then its live
 * runtime's start and tools/list. Each check has its status, duration and message; one that fails skips
 * those after it. Audited, and kept as an operation; the server's tools and status never change.
 */
export async function checkHosting(ctx: Ctx, input: z.input<typeof HostingInput>): Promise<HostingReport> {
  const { id, environment: asked } = parseInput(HostingInput, input);
  const environment = asked ?? DEFAULT_ENVIRONMENT;
  return asOperation(ctx, id, 'hosting_check', 'server.smoke', () => runChecks(ctx, id, environment), (report) => ({
    ok: report.ok, error: report.checks.find((c) => c.status === 'failed')?.message ?? null, details: { checks: report.checks.map(({ name, status }) => ({ name, status })) },
  }), environment);
}

async function runChecks(ctx: Ctx, id: string, environment: string): Promise<HostingReport> {
  const server = await runnable(ctx, id);
  const checks: CheckResult[] = [];
  const push = (check: CheckResult) => void checks.push(check);
  const run = async (name: CheckResult['name'], check: () => Promise<string>) => {
    push(checks.some((c) => c.status === 'failed') ? skipped(name, 'an earlier check failed') : await timed(name, check));
  };
  await networkChecks(ctx, server, run, push);
  const runtime = await liveRuntime(ctx, server);
  await run('runtime', async () => {
    const { era, protocolVersion } = await ctx.services.upstreams.start(runtime);
    return `running: ${era} era, protocol ${protocolVersion}`;
  });
  await run('tools', async () => `${(await ctx.services.upstreams.listTools(runtime)).length} tools listed`);
  const ok = checks.every((c) => c.status !== 'failed');
  await ctx.services.audit.record({
    type: 'server_hosting_checked', status: ok ? 'success' : 'failure', correlationId: ctx.correlationId, orgId: server.org.id,
    actor: ctx.principal, clientLabel: ctx.clientLabel, target: { type: 'McpServer', id: server.id, name: server.name }, serverName: server.name,
    durationMs: checks.reduce((sum, c) => sum + c.durationMs, 0), details: { environment, checks: checks.map(({ name, status }) => ({ name, status })) },
  });
  return { server, environment, ok, checks };
}
