import { updateDeploymentConfig } from '../resolvers/deployment-config.ts';
import { restartServer, stopServer, type ControlResult } from '../resolvers/deployment-control.ts';
import { asOperation } from '../resolvers/operations.ts';
import { builder } from './builder.ts';
import { IdInput, inputMutation } from './common.ts';
import { DeploymentConfigRef, ServerDeploymentRef } from './deployment-records.ts';
import { KeyValueInput, McpServerRef } from './servers.ts';

const UpdateDeploymentConfigInput = builder.inputType('UpdateDeploymentConfigInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'The server.' }),
    environment: t.string({ description: '"prod" by default.' }),
    callTimeoutMs: t.int({ description: 'How long a tool call may take upstream (100 to 600000); null: the installation’s.' }),
    idleStopSeconds: t.int({ description: 'How long an unused runtime keeps running (1 to 86400); null: the installation’s.' }),
    env: t.field({ type: [KeyValueInput], description: 'Write-only, stdio only (system administrators): merged over the server’s env values. Replaces all overrides when given.' }),
  }),
});

inputMutation('updateDeploymentConfig', {
  input: UpdateDeploymentConfigInput,
  payload: builder.simpleObject('UpdateDeploymentConfigPayload', { fields: (t) => ({ config: t.field({ type: DeploymentConfigRef }) }) }),
  description: 'Changes what the server’s runtimes start with; those running restart to take it.',
  resolve: async (input, ctx) => ({ config: await updateDeploymentConfig(ctx, input) }),
});

const ControlPayload = builder.objectRef<ControlResult>('DeploymentControlPayload').implement({
  fields: (t) => ({
    server: t.field({ type: McpServerRef, resolve: (r) => r.server }),
    ok: t.exposeBoolean('ok'),
    error: t.exposeString('error', { nullable: true, description: 'Why the runtime did not start again.' }),
    deployment: t.field({ type: ServerDeploymentRef, nullable: true, resolve: (r) => r.deployment }),
  }),
});

const outcome = (r: ControlResult) => ({ ok: r.ok, error: r.error });

inputMutation('restartMcpServer', {
  input: IdInput,
  payload: ControlPayload,
  description: 'Stops the server’s runtimes on every instance and starts it again on this one. Operators only; kept as an operation.',
  resolve: (input, ctx) => asOperation(ctx, input.id, 'restart', 'deployment.control', () => restartServer(ctx, input), outcome),
});

inputMutation('stopMcpServer', {
  input: IdInput,
  payload: ControlPayload,
  description: 'Stops the server’s runtimes on every instance; the next call starts one again (setServerKillSwitch refuses calls). Operators only; kept as an operation.',
  resolve: (input, ctx) => asOperation(ctx, input.id, 'stop', 'deployment.control', () => stopServer(ctx, input), outcome),
});
