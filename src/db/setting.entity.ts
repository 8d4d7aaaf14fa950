import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An installation-wide setting a system administrator changes at run time (telemetry, …), one row per key. */
export const Setting = defineEntity({
  name: 'Setting',
  properties: {
    key: p.string().primary(),
    value: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    updatedBy: p.string().nullable(),
  },
});

export type Setting = InferEntity<typeof Setting>;
