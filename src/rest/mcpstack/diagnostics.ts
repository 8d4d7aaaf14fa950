import { z } from 'zod';
import { forbidden, notFound } from '../../errors.ts';
import type { StackOperationQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { ofOrganization, route, type Run } from '../route.ts';

const Owner = graphql(`query StackSmokeServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }`);
const ListTools = graphql(`mutation StackSmokeList($input: SmokeListMcpToolsInput!) {
  smokeListMcpTools(input: $input) { ok error durationMs tools { name title description inputSchema annotations } }
}`);
const CallTool = graphql(`mutation StackSmokeCall($input: SmokeCallMcpToolInput!) {
  smokeCallMcpTool(input: $input) { tool ok error result isError durationMs }
}`);

const Hosting = graphql(`mutation StackHostingChecks($input: CheckMcpServerHostingInput!) {
  checkMcpServerHosting(input: $input) { environment ok checks { name status durationMs message } }
}`);

const Logs = graphql(`query StackRuntimeLogs($id: ID!, $last: Int) {
  mcpServer(id: $id) { id organization { id } runtimeLogs(last: $last) { edges { node { at line instanceId userId } } } }
}`);

const Operations = graphql(`query StackOperations($id: ID!, $last: Int) {
  mcpServer(id: $id) { id organization { id } operations(last: $last) { edges { node { id kind status environment requestedBy createdAt finishedAt durationMs error details } } } }
}`);
const Operation = graphql(`query StackOperation($id: ID!) {
  deploymentOperation(id: $id) { id kind status environment requestedBy createdAt finishedAt durationMs error details server { id organization { id } } }
}`);
const OperationOut = z.object({
  id: z.string(), kind: z.string(), status: z.string(), environment: z.string(), requestedBy: z.string().nullable(), createdAt: z.string(),
  finishedAt: z.string().nullable(), durationMs: z.number().nullable(), error: z.string().nullable(), details: z.unknown(),
});
type OperationNode = Omit<StackOperationQuery['deploymentOperation'], 'server'>;
const operationOut = (o: OperationNode) => ({ ...o, kind: o.kind.toLowerCase(), status: o.status.toLowerCase(), requestedBy: o.requestedBy ?? null, finishedAt: o.finishedAt ?? null, durationMs: o.durationMs ?? null, error: o.error ?? null });

const CheckName = z.enum(['dns', 'routing', 'tls', 'runtime', 'tools']);
const CheckStatus = z.enum(['passed', 'failed', 'skipped']);

const Outcome = { ok: z.boolean(), error: z.string().nullable(), durationMs: z.number() };

/** The server in the path, if it is that organization's. */
const serverId = async (run: Run, params: Record<string, string | undefined>) =>
  ofOrganization((await run(Owner, { id: params.serverId! })).mcpServer, params.orgId!, 'MCP server').id;

/** An operator's diagnostics: hosting checks, and smoke tests on the live runtime (its tools, and one call). */
export const diagnosticRoutes = [
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/deployment-operations', summary: 'The server’s publish, validation, archiving and hosting-check operations, newest first (?limit, at most 200)',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
    response: z.object({ operations: z.array(OperationOut) }),
    handle: async ({ run, params, query }) => {
      const server = ofOrganization((await run(Operations, { id: params.serverId!, last: query.limit ?? 50 })).mcpServer, params.orgId!, 'MCP server');
      return { operations: server.operations.edges.map(({ node }) => operationOut(node)).reverse() };
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/deployment-operations/:operationId', summary: 'One operation’s status',
    response: OperationOut,
    handle: async ({ run, params }) => {
      const { deploymentOperation: operation } = await run(Operation, { id: params.operationId! });
      if (operation.server.id !== params.serverId) throw notFound('Deployment operation');
      ofOrganization(operation.server, params.orgId!, 'Deployment operation');
      const { server: _server, ...rest } = operation;
      return operationOut(rest);
    },
  }),
  route({
    method: 'GET', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/deployment/logs', summary: 'The newest stderr lines of the server’s processes (?limit, at most 200), secrets redacted; operators only',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
    response: z.object({ logs: z.array(z.object({ timestamp: z.string(), line: z.string(), instanceId: z.string(), userId: z.string().nullable() })) }),
    handle: async ({ run, params, query }) => {
      const server = ofOrganization((await run(Logs, { id: params.serverId!, last: query.limit ?? 100 })).mcpServer, params.orgId!, 'MCP server');
      if (!server.runtimeLogs) throw forbidden('Only the server’s operators read its runtime logs');
      return { logs: server.runtimeLogs.edges.map(({ node }) => ({ timestamp: node.at, line: node.line, instanceId: node.instanceId, userId: node.userId ?? null })) };
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/hosting-checks', summary: 'DNS, routing, TLS, runtime start and tools/list, each with status, duration and message (?environment)',
    query: z.object({ environment: z.string().optional() }),
    response: z.object({ environment: z.string(), ok: z.boolean(), checks: z.array(z.object({
      name: CheckName, status: CheckStatus, durationMs: z.number(), message: z.string(),
    })) }),
    handle: async ({ run, params, query }) => {
      const { checkMcpServerHosting: report } = await run(Hosting, { input: { id: await serverId(run, params), environment: query.environment } });
      return { ...report, checks: report.checks.map((c) => ({ ...c, name: CheckName.parse(c.name.toLowerCase()), status: CheckStatus.parse(c.status.toLowerCase()) })) };
    },
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/mcp-smoke/tools-list', summary: 'List tools over MCP against the live runtime (started if needed; nothing stored)',
    response: z.object({ ...Outcome, tools: z.array(z.object({
      name: z.string(), title: z.string().nullable(), description: z.string().nullable(), inputSchema: z.unknown(), annotations: z.unknown(),
    })) }),
    handle: async ({ run, params }) => (await run(ListTools, { input: { id: await serverId(run, params) } })).smokeListMcpTools,
  }),
  route({
    method: 'POST', path: '/api/v1/organizations/:orgId/mcp-servers/:serverId/mcp-smoke/tools/:toolName/call', summary: 'Invoke a tool over MCP against the live runtime; audited as any call',
    body: z.object({ arguments: z.record(z.string(), z.unknown()).optional() }),
    response: z.object({ ...Outcome, tool: z.string(), result: z.unknown(), isError: z.boolean() }),
    handle: async ({ run, params, body }) => {
      const input = { id: await serverId(run, params), tool: params.toolName!, arguments: body.arguments };
      return (await run(CallTool, { input })).smokeCallMcpTool;
    },
  }),
];
