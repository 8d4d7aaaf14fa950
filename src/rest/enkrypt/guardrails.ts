import { z } from 'zod';
import { route } from '../route.ts';
import { entryOf, server, ServerOut, UpdateEntry } from './configs.ts';
import { done, envelope, refusePath } from './envelope.ts';

/**
 * A server's guardrail policies in a configuration. Switchboard keeps the policy's name, as the
 * configuration's guardrail references; `additional_config` and `block` are accepted and not kept,
 * since guardrails are not enforced yet (their issue will keep what it enforces).
 */
const Policy = z.object({
  enabled: z.boolean(),
  guardrail_name: z.string().min(1).max(200).optional(),
  additional_config: z.record(z.string(), z.unknown()).optional(),
  block: z.array(z.string()).optional(),
});
const names = (policy: z.infer<typeof Policy> | undefined) => (policy?.enabled && policy.guardrail_name ? [policy.guardrail_name] : []);

const OneSide = z.object({ policy_file: z.string().optional(), policy: Policy });
const BothSides = z.object({
  input_policy_file: z.string().optional(), input_policy: Policy.optional(),
  output_policy_file: z.string().optional(), output_policy: Policy.optional(),
});

const side = (which: 'input' | 'output') => route({
  method: 'PUT', path: `/api/v1/configs/:config_identifier/servers/:server_name/${which}-guardrails`, summary: `Set a server’s ${which} guardrail policy`,
  body: OneSide, response: envelope(ServerOut),
  handle: async ({ run, params, body }) => {
    refusePath('policy_file', body.policy_file);
    const { config, entry } = await entryOf(run, params.config_identifier!, params.server_name!);
    const chosen = which === 'input' ? { inputGuardrails: names(body.policy) } : { outputGuardrails: names(body.policy) };
    const input = { toolsetId: config.id, serverId: entry.server.id, ...chosen };
    return done(`${which === 'input' ? 'Input' : 'Output'} guardrails updated successfully`, server((await run(UpdateEntry, { input })).updateToolsetServer.entry));
  },
});

export const guardrailRoutes = [
  side('input'),
  side('output'),
  route({
    method: 'PUT', path: '/api/v1/configs/:config_identifier/servers/:server_name/guardrails', summary: 'Set a server’s input and output guardrail policies',
    body: BothSides, response: envelope(ServerOut),
    handle: async ({ run, params, body }) => {
      refusePath('input_policy_file', body.input_policy_file);
      refusePath('output_policy_file', body.output_policy_file);
      const { config, entry } = await entryOf(run, params.config_identifier!, params.server_name!);
      const input = {
        toolsetId: config.id, serverId: entry.server.id,
        ...(body.input_policy && { inputGuardrails: names(body.input_policy) }),
        ...(body.output_policy && { outputGuardrails: names(body.output_policy) }),
      };
      return done('Guardrails updated successfully', server((await run(UpdateEntry, { input })).updateToolsetServer.entry));
    },
  }),
];
