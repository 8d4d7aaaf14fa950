import { setMyServerSecrets } from '../resolvers/user-secrets.ts';
import { builder } from './builder.ts';
import { inputMutation } from './common.ts';
import { McpServerRef } from './servers.ts';

const SecretValueInput = builder.inputType('SecretValueInput', {
  fields: (t) => ({ name: t.string({ required: true }), value: t.string({ required: true }) }),
});

const SetMyServerSecretsInput = builder.inputType('SetMyServerSecretsInput', {
  fields: (t) => ({
    serverId: t.id({ required: true }),
    values: t.field({ type: [SecretValueInput], required: true, description: 'Replaces all your values for this server.' }),
  }),
});

inputMutation('setMyServerSecrets', {
  input: SetMyServerSecretsInput,
  payload: builder.simpleObject('SetMyServerSecretsPayload', {
    fields: (f) => ({ server: f.field({ type: McpServerRef }), names: f.stringList() }),
  }),
  description: "Stores the caller's own values for a per-user server's USER variables (write-only, encrypted).",
  resolve: (input, ctx) => setMyServerSecrets(ctx, input),
});
