import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { Deployment } from '../db/deployment.entity.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { badInput } from '../errors.ts';
import type { Ctx } from './context.ts';
import { ensureDeployment } from './deployment-records.ts';
import { DEFAULT_ENVIRONMENT, environmentName } from './environments.ts';
import { fields, parseInput } from './input.ts';
import { mutate } from './mutation.ts';
import { assertNoCodeLoading, envName, keyValues, toRecord } from './server-input.ts';
import { loadServer, serverTarget } from './servers.ts';

export const CALL_TIMEOUT_MS = { min: 100, max: 600_000 };
export const IDLE_STOP_SECONDS = { min: 1, max: 86_400 };

/** Omitted: kept; null: back to the installation's; `env` replaces every override when given ([] clears them). */
const ConfigInput = z.object({
  id: fields.id,
  environment: environmentName.nullish(),
  callTimeoutMs: z.number().int().min(CALL_TIMEOUT_MS.min).max(CALL_TIMEOUT_MS.max).nullish(),
  idleStopSeconds: z.number().int().min(IDLE_STOP_SECONDS.min).max(IDLE_STOP_SECONDS.max).nullish(),
  env: keyValues(envName).nullish(),
});

export interface DeploymentConfig {
  server: McpServer;
  environment: string;
  deployment: Deployment | null;
}

const ConfigRef = z.object({ id: fields.id, environment: environmentName.nullish() });

/** A server's deployment settings in an environment: the installation's where its deployment sets none. */
export async function getDeploymentConfig(ctx: Ctx, input: z.input<typeof ConfigRef>): Promise<DeploymentConfig> {
  const { id, environment: asked } = parseInput(ConfigRef, input);
  const environment = asked ?? DEFAULT_ENVIRONMENT;
  const server = await loadServer(ctx, ctx.em, id, 'server.read');
  return { server, environment, deployment: await ctx.em.findOne(Deployment, { server: server.id, environment }, { populate: ['server'] }) };
}

/**
 * Changes what a server's runtimes start with in an environment. Env overrides reach a stdio process
 * (what runs on the host: `server.command`), sealed, names shown only. Its running runtimes restart.
 */
export async function updateDeploymentConfig(ctx: Ctx, input: z.input<typeof ConfigInput>): Promise<DeploymentConfig> {
  const config = await mutate(ctx, { type: 'deployment_config_updated' }, async (em) => {
    const server = await loadServer(ctx, em, input.id, 'deployment.configure');
    const data = parseInput(ConfigInput, input);
    const environment = data.environment ?? DEFAULT_ENVIRONMENT;
    if (data.env != null) {
      if (server.transport !== 'stdio') throw badInput('env: overrides reach a stdio process; this server has none');
      assert(ctx.principal, 'server.command', { orgId: server.org.id });
      assertNoCodeLoading(data);
    }
    const deployment = await ensureDeployment(em, server, environment);
    if (data.callTimeoutMs !== undefined) deployment.callTimeoutMs = data.callTimeoutMs;
    if (data.idleStopSeconds !== undefined) deployment.idleStopSeconds = data.idleStopSeconds;
    if (data.env != null) Object.assign(deployment, sealedEnv(ctx.services.secrets, toRecord(data.env)));
    const changed = (['callTimeoutMs', 'idleStopSeconds', 'env'] as const).filter((k) => data[k] !== undefined);
    return { result: { server, environment, deployment }, target: serverTarget(server), orgId: server.org.id, details: { environment, changed, envNames: deployment.envNames } };
  });
  await ctx.services.upstreams.stop(config.server.id);
  return config;
}

const sealedEnv = (box: SecretBox, env: Record<string, string>) =>
  ({ sealedEnv: Object.keys(env).length ? box.seal(env) : null, envNames: Object.keys(env) });
