import { z } from 'zod';
import { badInput } from '../../errors.ts';
import type { StackUsageFragment } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { ofOrganization, route, type Run } from '../route.ts';

/**
 * Seed 002's usage analytics: a server's, an agent's, and the organization's for the dashboard, each over
 * a window (?from, ?to as ISO dates, ?granularity hour or day) of tool calls rolled up from the audit log.
 */

graphql(`fragment StackFigures on UsageFigures { calls errors errorRate avgMs p50Ms p95Ms }`);
graphql(`fragment StackUsage on Usage { from to granularity resolution totals { ...StackFigures } series { start calls errors errorRate avgMs p50Ms p95Ms } }`);
const ServerUsage = graphql(`query StackServerUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {
  mcpServer(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }
}`);
const AgentUsage = graphql(`query StackAgentUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {
  agent(id: $id) { id organization { id } usage(from: $from, to: $to, granularity: $g) { ...StackUsage } }
}`);
const OrganizationUsage = graphql(`query StackOrganizationUsage($id: ID!, $from: DateTime, $to: DateTime, $g: UsageGranularity) {
  organization(id: $id) {
    id usage(from: $from, to: $to, granularity: $g) { ...StackUsage }
    usageByServer(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }
    usageByAgent(from: $from, to: $to, granularity: $g) { id name totals { ...StackFigures } }
  }
}`);
const Memberships = graphql(`query StackMemberships { viewer { memberships { organization { id } } } }`);

const Window = z.object({ from: z.string().optional(), to: z.string().optional(), granularity: z.enum(['hour', 'day']).optional() });
const variables = (id: string, query: z.infer<typeof Window>) => ({ id, from: query.from, to: query.to, g: query.granularity?.toUpperCase() as 'HOUR' | 'DAY' | undefined });

const Figures = z.object({
  calls: z.number(), errors: z.number(), errorRate: z.number(), avgDurationMs: z.number().nullable(), p50DurationMs: z.number().nullable(), p95DurationMs: z.number().nullable(),
});
type FigureFields = StackUsageFragment['totals'];
const figures = (f: FigureFields) => ({
  calls: f.calls, errors: f.errors, errorRate: f.errorRate, avgDurationMs: f.avgMs ?? null, p50DurationMs: f.p50Ms ?? null, p95DurationMs: f.p95Ms ?? null,
});

const UsageOut = z.object({
  from: z.string(), to: z.string(), granularity: z.enum(['hour', 'day']),
  durationResolution: z.number().describe('p50/p95 are never below the true value and at most this factor above it'),
  totals: Figures, series: z.array(Figures.extend({ timestamp: z.string() })),
});
const usage = (u: StackUsageFragment | null | undefined) => {
  // The field is null only with an error, which `run` throws: a usage the caller may read is always there.
  const found = u!;
  return {
    from: found.from, to: found.to, granularity: found.granularity.toLowerCase() as 'hour' | 'day', durationResolution: found.resolution,
    totals: figures(found.totals), series: found.series.map((p) => ({ timestamp: p.start, ...figures(p) })),
  };
};

const Share = Figures.extend({ id: z.string().nullable(), name: z.string().nullable() });

/** The organization named, else the caller's only one (as every dashboard operation). */
export async function dashboardOrganization(run: Run, organizationId: string | undefined): Promise<string> {
  if (organizationId) return organizationId;
  const { memberships } = (await run(Memberships, {})).viewer;
  if (memberships.length === 1) return memberships[0]!.organization.id;
  throw badInput(`organizationId: you belong to ${memberships.length} organizations; name the one to count`, { field: 'organizationId' });
}

export const usageRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/analytics', summary: 'The server’s tool calls, errors and p50/p95 durations per hour or day (?from, ?to, ?granularity)',
    query: Window, response: UsageOut.extend({ serverId: z.string() }),
    handle: async ({ run, params, query }) => {
      const server = ofOrganization((await run(ServerUsage, variables(params.serverId!, query))).mcpServer, params.orgId!, 'MCP server');
      return { serverId: server.id, ...usage(server.usage) };
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/agents/:agentId/usage', summary: 'The agent’s tool calls on every server, errors and p50/p95 durations per hour or day (?from, ?to, ?granularity)',
    query: Window, response: UsageOut.extend({ agentId: z.string() }),
    handle: async ({ run, params, query }) => {
      const agent = ofOrganization((await run(AgentUsage, variables(params.agentId!, query))).agent, params.orgId!, 'Agent');
      return { agentId: agent.id, ...usage(agent.usage) };
    },
  }),
  route({
    method: 'GET', path: '/api/v1/dashboard/analytics', summary: 'The organization’s tool calls over time, and per server and agent (?organizationId, ?from, ?to, ?granularity)',
    query: Window.extend({ organizationId: z.string().optional() }),
    response: UsageOut.extend({ organizationId: z.string(), servers: z.array(Share), agents: z.array(Share) }),
    handle: async ({ run, query }) => {
      const { organization: org } = await run(OrganizationUsage, variables(await dashboardOrganization(run, query.organizationId), query));
      const shares = (list: { id?: string | null; name?: string | null; totals: FigureFields }[] | null | undefined) =>
        (list ?? []).map((s) => ({ id: s.id ?? null, name: s.name ?? null, ...figures(s.totals) }));
      return { organizationId: org.id, ...usage(org.usage), servers: shares(org.usageByServer), agents: shares(org.usageByAgent) };
    },
  }),
];
