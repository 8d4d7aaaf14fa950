import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { assert } from '../auth/policy.ts';
import { Setting } from '../db/setting.entity.ts';
import { badInput } from '../errors.ts';
import { TELEMETRY_SIGNAL } from '../events/signals.ts';
import { collectorUrlProblem, fromEnvironment, storedSettings, tracesEndpoint, type TelemetrySettings } from '../telemetry/settings.ts';
import { TELEMETRY_KEY } from '../telemetry/telemetry.ts';
import type { Ctx } from './context.ts';
import { mutate } from './mutation.ts';
import { parseInput } from './input.ts';

export interface TelemetryView extends TelemetrySettings {
  /** Where spans are posted (OTLP/HTTP JSON), derived from `url`. */
  endpoint: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const view = (settings: TelemetrySettings, row: Setting | null): TelemetryView => ({
  ...settings, endpoint: settings.url ? tracesEndpoint(settings.url) : null, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null,
});

const stored = async (em: EntityManager, ctx: Ctx) => {
  const row = await em.findOne(Setting, { key: TELEMETRY_KEY });
  return { row, settings: row ? storedSettings(row.value) : fromEnvironment(ctx.services.config.telemetry.url) };
};

export async function telemetrySettings(ctx: Ctx): Promise<TelemetryView> {
  assert(ctx.principal, 'telemetry.read');
  const { row, settings } = await stored(ctx.em, ctx);
  return view(settings, row);
}

const ConfigureTelemetryInput = z.object({
  enabled: z.boolean(),
  url: z.string().trim().min(1).max(2_000).nullish(),
  insecure: z.boolean().nullish(),
});

/** Omitted fields keep their value: `{ enabled: false }` switches traces off and keeps the collector's URL. */
function merged(current: TelemetrySettings, input: z.infer<typeof ConfigureTelemetryInput>): TelemetrySettings {
  const next = { enabled: input.enabled, url: input.url === undefined ? current.url : input.url, insecure: input.insecure ?? current.insecure };
  if (next.enabled && !next.url) throw badInput('url: required to enable telemetry', { field: 'url' });
  const problem = next.url ? collectorUrlProblem(next.url, next.insecure) : null;
  if (problem) throw badInput(`url: ${problem}`, { field: 'url' });
  return next;
}

/**
 * Where every instance sends its traces, stored for all of them: each one is told on commit and applies it
 * at once (this one before answering). A refused input changes nothing.
 */
export async function configureTelemetry(ctx: Ctx, input: z.input<typeof ConfigureTelemetryInput>): Promise<TelemetryView> {
  const result = await mutate(ctx, { type: 'telemetry_configured', changesAccess: false }, async (em) => {
    assert(ctx.principal, 'telemetry.configure');
    const current = await stored(em, ctx);
    const next = merged(current.settings, parseInput(ConfigureTelemetryInput, input));
    const row = em.upsert(Setting, { key: TELEMETRY_KEY, value: { ...next }, updatedAt: new Date(), updatedBy: ctx.principal.name });
    await ctx.services.signals.announce(em, TELEMETRY_SIGNAL);
    return { result: view(next, await row), target: { type: 'Setting', id: TELEMETRY_KEY, name: TELEMETRY_KEY }, details: { ...next } };
  });
  await ctx.services.telemetry.reload();
  return result;
}
