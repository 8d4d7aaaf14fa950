import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The advisory lock that serialises rollups across instances (a bigint, so kept as text). */
export const ROLLUP_LOCK_KEY = '7304118229401633538';

/**
 * The tool calls of one hour, per organization, server and agent, rolled up from the audit log (see
 * events/usage-rollup.ts). `serverId` is null for a call that named no known server, `agentId` for a call
 * by a person or a key. `histogram[i]` counts the calls whose duration fell in bucket i of
 * events/usage-histogram.ts.
 */
export const UsageBucket = defineEntity({
  name: 'UsageBucket',
  indexes: [
    {
      name: 'usage_bucket_key',
      expression: `create unique index "usage_bucket_key" on "usage_bucket" ("org_id", coalesce("server_id", ''), coalesce("agent_id", ''), "hour")`,
    },
    { properties: ['orgId', 'hour'] },
  ],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    orgId: p.string(),
    serverId: p.string().nullable(),
    agentId: p.string().nullable(),
    hour: p.datetime(),
    calls: p.integer(),
    errors: p.integer(),
    durationMsSum: p.bigint('number'),
    histogram: p.array<number>(Number).columnType('integer[]'),
  },
});

export type UsageBucket = InferEntity<typeof UsageBucket>;

/** How far the rollup has read the audit log: every event with `seq` up to `lastSeq` is counted, once. */
export const UsageWatermark = defineEntity({
  name: 'UsageWatermark',
  properties: {
    name: p.string().primary(),
    lastSeq: p.bigint('number'),
  },
});

export type UsageWatermark = InferEntity<typeof UsageWatermark>;
