import { z } from 'zod';
import { notFound } from '../../errors.ts';
import type { StackDeploymentFragment } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { ofOrganization, route, type Run } from '../route.ts';

/** Seed 002's deployments: the server's current one, its history, one by id, and its config. */

graphql(`fragment StackDeploymentConfig on DeploymentConfig { environment callTimeoutMs idleStopSeconds effectiveCallTimeoutMs effectiveIdleStopSeconds envNames }`);
graphql(`fragment StackDeployment on Deployment { id environment status createdAt updatedAt config { ...StackDeploymentConfig }
  instances { status message at instanceId userId } }`);
const Current = graphql(`query StackCurrentDeployment($id: ID!) { mcpServer(id: $id) { id organization { id } status
  instances { status message at instanceId } currentDeployment { ...StackDeployment } } }`);
const History = graphql(`query StackDeployments($id: ID!) { mcpServer(id: $id) { id organization { id } deploymentHistory { ...StackDeployment } } }`);
const One = graphql(`query StackDeploymentById($id: ID!) { deployment(id: $id) { ...StackDeployment server { id organization { id } } changes(last: 200) { status message at instanceId userId } } }`);
const Config = graphql(`query StackDeploymentConfig($id: ID!, $environment: String) { mcpServer(id: $id) { id organization { id } deploymentConfig(environment: $environment) { ...StackDeploymentConfig } } }`);
const Owner = graphql(`query StackDeploymentServer($id: ID!) { mcpServer(id: $id) { id organization { id } } }`);
const Update = graphql(`mutation StackUpdateDeploymentConfig($input: UpdateDeploymentConfigInput!) { updateDeploymentConfig(input: $input) { config { ...StackDeploymentConfig } } }`);

const nullable = z.string().nullable();
const Runtime = z.object({ status: z.string(), message: nullable, at: z.string(), instanceId: z.string(), userId: nullable });
const ConfigOut = z.object({
  environment: z.string(), callTimeoutMs: z.number().nullable(), idleStopSeconds: z.number().nullable(),
  effectiveCallTimeoutMs: z.number(), effectiveIdleStopSeconds: z.number(), envNames: z.array(z.string()),
});
const DeploymentOut = z.object({ id: z.string(), serverId: z.string(), environment: z.string(), status: z.string(), createdAt: z.string(), updatedAt: z.string(), config: ConfigOut, instances: z.array(Runtime) });

type Config = StackDeploymentFragment['config'];
const configOut = (c: Config) => ({ ...c, callTimeoutMs: c.callTimeoutMs ?? null, idleStopSeconds: c.idleStopSeconds ?? null });
const runtimeOut = (r: { status: string; message?: string | null; at: string; instanceId: string; userId?: string | null }) =>
  ({ status: r.status.toLowerCase(), message: r.message ?? null, at: r.at, instanceId: r.instanceId, userId: r.userId ?? null });
const deploymentOut = (serverId: string, d: StackDeploymentFragment) => ({
  id: d.id, serverId, environment: d.environment, status: d.status.toLowerCase(), createdAt: d.createdAt, updatedAt: d.updatedAt,
  config: configOut(d.config), instances: d.instances.map(runtimeOut),
});

const base = '/api/v1/organizations/:orgId/mcp-servers/:serverId';
const inOrg = async <T extends { organization: { id: string } }>(load: Promise<{ mcpServer: T }>, orgId: string) => ofOrganization((await load).mcpServer, orgId, 'MCP server');
const serverId = async (run: Run, params: Record<string, string | undefined>) => (await inOrg(run(Owner, { id: params.serverId! }), params.orgId!)).id;

export const deploymentRoutes = [
  route({
    method: 'GET', path: `${base}/deployment`, summary: 'The server’s current deployment (prod) and its latest runtime status',
    response: z.object({ serverId: z.string(), status: z.string(), runtime: Runtime.omit({ userId: true }).nullable(), deployment: DeploymentOut.nullable() }),
    handle: async ({ run, params }) => {
      const s = await inOrg(run(Current, { id: params.serverId! }), params.orgId!);
      const d = s.instances[0];
      return {
        serverId: s.id, status: s.status.toLowerCase(), runtime: d ? { status: d.status.toLowerCase(), message: d.message ?? null, at: d.at, instanceId: d.instanceId } : null,
        deployment: s.currentDeployment ? deploymentOut(s.id, s.currentDeployment) : null,
      };
    },
  }),
  route({
    method: 'GET', path: `${base}/deployments`, summary: 'The server’s deployments, one per environment, oldest first',
    response: z.object({ deployments: z.array(DeploymentOut) }),
    handle: async ({ run, params }) => {
      const s = await inOrg(run(History, { id: params.serverId! }), params.orgId!);
      return { deployments: s.deploymentHistory.map((d) => deploymentOut(s.id, d)) };
    },
  }),
  route({
    method: 'GET', path: `${base}/deployments/:deploymentId`, summary: 'One deployment, with the status changes its runtimes went through (the newest 200)',
    response: DeploymentOut.extend({ history: z.array(Runtime) }),
    handle: async ({ run, params }) => {
      const { deployment } = await run(One, { id: params.deploymentId! });
      if (deployment.server.id !== params.serverId) throw notFound('Deployment');
      ofOrganization(deployment.server, params.orgId!, 'Deployment');
      return { ...deploymentOut(deployment.server.id, deployment), history: deployment.changes.map(runtimeOut) };
    },
  }),
  route({
    method: 'GET', path: `${base}/deployment-config`, summary: 'What the server’s runtimes start with (?environment, prod by default); env override names only',
    query: z.object({ environment: z.string().optional() }),
    response: ConfigOut,
    handle: async ({ run, params, query }) => configOut((await inOrg(run(Config, { id: params.serverId!, environment: query.environment }), params.orgId!)).deploymentConfig),
  }),
  route({
    method: 'PATCH', path: `${base}/deployment-config`,
    summary: 'Changes the call timeout (ms), idle stop (s) or env overrides (stdio, system administrators; replaces them all) of an environment; null restores the installation’s. Running runtimes restart.',
    body: z.object({
      environment: z.string().optional(),
      callTimeoutMs: z.number().nullable().optional(),
      idleStopSeconds: z.number().nullable().optional(),
      env: z.record(z.string(), z.string()).optional(),
    }).strict(),
    response: ConfigOut,
    handle: async ({ run, params, body }) => {
      const { env, ...settings } = body;
      const input = { id: await serverId(run, params), ...settings, env: env && Object.entries(env).map(([name, value]) => ({ name, value })) };
      return configOut((await run(Update, { input })).updateDeploymentConfig.config);
    },
  }),
];
