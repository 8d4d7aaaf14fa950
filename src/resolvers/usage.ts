import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { Agent } from '../db/agent.entity.ts';
import type { Organization } from '../db/organization.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { RESOLUTION } from '../events/usage-histogram.ts';
import type { Ctx } from './context.ts';
import { parseInput } from './input.ts';
import { addTally, emptyTally, figuresOf, GRANULARITIES, STEP_MS, tallies, type Granularity, type UsageFigures, type UsageScope } from './usage-report.ts';

/** Points a series may have: 31 days by the hour, a year and a day by the day. */
const MAX_POINTS: Record<Granularity, number> = { hour: 744, day: 366 };
const DEFAULT_POINTS: Record<Granularity, number> = { hour: 24, day: 30 };

const WindowInput = z.object({
  from: z.date().nullish(),
  to: z.date().nullish(),
  granularity: z.enum(GRANULARITIES).nullish().transform((g) => g ?? 'hour'),
}).transform(({ from, to, granularity }, issues) => {
  const step = STEP_MS[granularity];
  // Whole periods: `to` rounds up to the end of its period, `from` down to the start of its own.
  const end = Math.ceil((to ?? new Date()).getTime() / step) * step;
  const start = Math.floor((from?.getTime() ?? end - DEFAULT_POINTS[granularity] * step) / step) * step;
  if (from && to && to.getTime() <= from.getTime()) issues.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (end <= start) issues.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
  else if ((end - start) / step > MAX_POINTS[granularity]) {
    issues.addIssue({ code: 'custom', path: ['from'], message: `at most ${MAX_POINTS[granularity]} ${granularity}s from to` });
  }
  return { from: new Date(start), to: new Date(end), granularity };
});

export type UsageWindowArgs = z.input<typeof WindowInput>;

export interface UsagePoint extends UsageFigures {
  start: Date;
}

export interface UsageReport {
  from: Date;
  to: Date;
  granularity: Granularity;
  resolution: number;
  totals: UsageFigures;
  series: UsagePoint[];
}

/** The breakdown of an organization's usage by one of its servers or agents (null: calls without one). */
export interface UsageShare {
  id: string | null;
  name: string | null;
  totals: UsageFigures;
}

/** Reads the scope's usage, after the rollup has caught up with the log: fresh, yet only the new events are read. */
async function report(ctx: Ctx, scope: UsageScope, args: UsageWindowArgs): Promise<UsageReport> {
  const { from, to, granularity } = parseInput(WindowInput, args);
  await ctx.services.usage.catchUp();
  const byStart = await tallies(ctx.em, scope, from, to, granularity, 'time');
  const total = emptyTally();
  const series: UsagePoint[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += STEP_MS[granularity]) {
    const tally = byStart.get(String(at)) ?? emptyTally();
    addTally(total, tally);
    series.push({ start: new Date(at), ...figuresOf(tally) });
  }
  return { from, to, granularity, resolution: RESOLUTION, totals: figuresOf(total), series };
}

export function serverUsage(ctx: Ctx, server: McpServer, args: UsageWindowArgs) {
  assert(ctx.principal, 'usage.read', { orgId: server.org.id, type: 'MCP server' });
  return report(ctx, { orgId: server.org.id, serverId: server.id }, args);
}

export function agentUsage(ctx: Ctx, agent: Agent, args: UsageWindowArgs) {
  assert(ctx.principal, 'usage.read', { orgId: agent.org.id, type: 'Agent' });
  return report(ctx, { orgId: agent.org.id, agentId: agent.id }, args);
}

export function organizationUsage(ctx: Ctx, org: Organization, args: UsageWindowArgs) {
  assert(ctx.principal, 'usage.read', { orgId: org.id, type: 'Organization' });
  return report(ctx, { orgId: org.id }, args);
}

/** The organization's calls in the window per server or per agent, the busiest first. */
export async function organizationUsageBy(ctx: Ctx, org: Organization, by: 'server' | 'agent', args: UsageWindowArgs): Promise<UsageShare[]> {
  assert(ctx.principal, 'usage.read', { orgId: org.id, type: 'Organization' });
  const { from, to, granularity } = parseInput(WindowInput, args);
  await ctx.services.usage.catchUp();
  const shares = await tallies(ctx.em, { orgId: org.id }, from, to, granularity, by);
  const ids = [...shares.keys()].filter(Boolean);
  const named = by === 'server'
    ? await ctx.em.find(McpServer, { id: { $in: ids }, org: org.id }, { fields: ['id', 'name'] })
    : await ctx.em.find(Agent, { id: { $in: ids }, org: org.id }, { fields: ['id', 'name'] });
  const names = new Map(named.map((row) => [row.id, row.name]));
  return [...shares].map(([id, tally]) => ({ id: id || null, name: names.get(id) ?? null, totals: figuresOf(tally) }))
    .sort((a, b) => b.totals.calls - a.totals.calls || (a.id ?? '').localeCompare(b.id ?? ''));
}
