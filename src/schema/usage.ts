import { GRANULARITIES, type UsageFigures } from '../resolvers/usage-report.ts';
import { agentUsage, organizationUsage, organizationUsageBy, serverUsage, type UsagePoint, type UsageReport, type UsageShare, type UsageWindowArgs } from '../resolvers/usage.ts';
import { AgentRef } from './agents.ts';
import { builder } from './builder.ts';
import { enumOf } from './enums.ts';
import { OrganizationRef } from './organizations.ts';
import { McpServerRef } from './servers.ts';

const GranularityEnum = enumOf('UsageGranularity', GRANULARITIES, 'HOUR: one point per UTC hour (at most 744); DAY: per UTC day (at most 366).');

type Types = typeof builder.$inferSchemaTypes;

/** The figures' fields, on the totals and on each point of a series. */
const figureFields = <T extends UsageFigures>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, T>) => ({
  calls: t.float({ resolve: (u) => u.calls }),
  errors: t.float({ description: 'Calls that did not succeed: tool errors, upstream failures and refusals.', resolve: (u) => u.errors }),
  errorRate: t.float({ description: 'errors / calls; 0 without calls.', resolve: (u) => u.errorRate }),
  avgMs: t.int({ nullable: true, resolve: (u) => u.avgMs }),
  p50Ms: t.int({ nullable: true, resolve: (u) => u.p50Ms }),
  p95Ms: t.int({ nullable: true, resolve: (u) => u.p95Ms }),
});

const UsageFiguresRef = builder.objectRef<UsageFigures>('UsageFigures').implement({
  description: 'Tool calls and how they went. Durations come from log-scale buckets: exact to the millisecond below 8 ms, '
    + 'above that never below the true value and at most 25% over it (`resolution`); calls over 10 minutes count as 10 minutes.',
  fields: figureFields,
});

const UsagePointRef = builder.objectRef<UsagePoint>('UsagePoint').implement({
  description: 'One period of a usage series.',
  fields: (t) => ({ start: t.expose('start', { type: 'DateTime', description: 'Start of the period (UTC).' }), ...figureFields(t) }),
});

const UsageRef = builder.objectRef<UsageReport>('Usage').implement({
  description: 'Tool calls over a window of whole UTC periods, rolled up from the audit log (pruning the log keeps them).',
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime', description: 'Start of the first period (inclusive).' }),
    to: t.expose('to', { type: 'DateTime', description: 'End of the last period (exclusive).' }),
    granularity: t.field({ type: GranularityEnum, resolve: (u) => u.granularity }),
    resolution: t.exposeFloat('resolution', { description: 'How far above the true value p50Ms and p95Ms may be, as a factor.' }),
    totals: t.field({ type: UsageFiguresRef, resolve: (u) => u.totals }),
    series: t.field({ type: [UsagePointRef], complexity: 10, description: 'Every period of the window, oldest first, empty ones included.', resolve: (u) => u.series }),
  }),
});

const UsageShareRef = builder.objectRef<UsageShare>('UsageShare').implement({
  description: 'An organization’s calls by one server or agent over the window.',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'Null: calls that named no known server, or made by people and keys rather than an agent.', resolve: (s) => s.id }),
    name: t.string({ nullable: true, description: 'Its current name; null once deleted.', resolve: (s) => s.name }),
    totals: t.field({ type: UsageFiguresRef, resolve: (s) => s.totals }),
  }),
});

const windowArgs = builder.args((t) => ({
  from: t.field({ type: 'DateTime', description: 'Default: 24 hours (HOUR) or 30 days (DAY) before `to`; rounded down to the start of its period.' }),
  to: t.field({ type: 'DateTime', description: 'Default: now; rounded up to the end of its period.' }),
  granularity: t.field({ type: GranularityEnum, description: 'Default: HOUR.' }),
}));

const usageField = { type: UsageRef, nullable: true, complexity: 20, args: windowArgs } as const;

builder.objectField(McpServerRef, 'usage', (t) => t.field({
  ...usageField,
  description: 'Its tool calls over time: counts, errors and durations. Operators only.',
  resolve: (server, args: UsageWindowArgs, ctx) => serverUsage(ctx, server, args),
}));

builder.objectField(AgentRef, 'usage', (t) => t.field({
  ...usageField,
  description: 'Its tool calls over time, on every server: counts, errors and durations.',
  resolve: (agent, args: UsageWindowArgs, ctx) => agentUsage(ctx, agent, args),
}));

builder.objectFields(OrganizationRef, (t) => ({
  usage: t.field({
    ...usageField,
    description: 'Every tool call in the organization over time: counts, errors and durations. Operators only.',
    resolve: (org, args: UsageWindowArgs, ctx) => organizationUsage(ctx, org, args),
  }),
  usageByServer: t.field({
    type: [UsageShareRef], nullable: true, complexity: 20, args: windowArgs,
    description: 'The window’s calls per server, the busiest first.',
    resolve: (org, args: UsageWindowArgs, ctx) => organizationUsageBy(ctx, org, 'server', args),
  }),
  usageByAgent: t.field({
    type: [UsageShareRef], nullable: true, complexity: 20, args: windowArgs,
    description: 'The window’s calls per agent (null: by people and keys), the busiest first.',
    resolve: (org, args: UsageWindowArgs, ctx) => organizationUsageBy(ctx, org, 'agent', args),
  }),
}));
