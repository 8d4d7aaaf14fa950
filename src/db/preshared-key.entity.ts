import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Credential } from './credential.entity.ts';
import { newId } from './ids.ts';
import { User } from './user.entity.ts';

/**
 * A one-time key a person hands to a client (seed 004): the client registers with it and gets a token
 * of its own, bound to that person and labelled as the client.
 */
export const PresharedKey = defineEntity({
  name: 'PresharedKey',
  properties: {
    id: p.string().primary().onCreate(() => newId('psk')),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    label: p.string(),
    digest: p.string().unique().hidden(),
    masked: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    usedAt: p.datetime().nullable(),
    /** The client token it was exchanged for. */
    credential: () => p.manyToOne(Credential).nullable().deleteRule('set null'),
    revokedAt: p.datetime().nullable(),
  },
});

export type PresharedKey = InferEntity<typeof PresharedKey>;
