import type { Credential } from '../db/credential.entity.ts';
import type { PresharedKey } from '../db/preshared-key.entity.ts';
import { createPresharedKey, listPresharedKeys, registerClient, revokePresharedKey } from '../resolvers/preshared-keys.ts';
import { builder } from './builder.ts';
import { IdInput, inputMutation } from './common.ts';
import { CredentialRef } from './credentials.ts';

const PresharedKeyRef = builder.objectRef<PresharedKey>('PresharedKey').implement({
  description: 'A one-time key a person hands to a client, which registers with it (registerClient) for a token of its own.',
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label'),
    maskedKey: t.exposeString('masked'),
    used: t.boolean({ resolve: (k) => !!k.usedAt }),
    usedAt: t.expose('usedAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the client token it was exchanged for was last used.', resolve: (k) => k.credential?.lastUsedAt ?? null }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('presharedKeys', (t) =>
  t.field({
    type: [PresharedKeyRef],
    description: "The caller's preshared keys (a system administrator may name anyone's), newest first.",
    args: { userId: t.arg.id() },
    resolve: (_root, args, ctx) => listPresharedKeys(ctx, args),
  }));

inputMutation('createPresharedKey', {
  input: builder.inputType('CreatePresharedKeyInput', { fields: (t) => ({ label: t.string({ required: true }), userId: t.id() }) }),
  payload: builder.simpleObject('IssuedPresharedKeyPayload', {
    fields: (t) => ({ presharedKey: t.field({ type: PresharedKeyRef }), key: t.string({ description: 'The key in full (sbp_…), shown this once.' }) }),
  }),
  resolve: (input, ctx) => createPresharedKey(ctx, input),
});
inputMutation('revokePresharedKey', {
  input: IdInput,
  payload: builder.simpleObject('PresharedKeyPayload', { fields: (t) => ({ presharedKey: t.field({ type: PresharedKeyRef }) }) }),
  resolve: async (input, ctx) => ({ presharedKey: await revokePresharedKey(ctx, input) }),
});
inputMutation('registerClient', {
  input: builder.inputType('RegisterClientInput', { fields: (t) => ({ presharedKey: t.string({ required: true }), label: t.string({ required: true }) }) }),
  payload: builder.objectRef<{ credential: Credential; token: string }>('RegisteredClientPayload').implement({
    fields: (t) => ({
      token: t.string({ description: 'The client’s own token, bound to the key’s person and named by the label: shown this once.', resolve: (p) => p.token }),
      credential: t.field({ type: CredentialRef, resolve: (p) => p.credential }),
    }),
  }),
  description: 'A client exchanges a preshared key (once) for a token of its own.',
  resolve: (input, ctx) => registerClient(ctx, input),
});
