import { configureTelemetry, telemetrySettings, type TelemetryView } from '../resolvers/telemetry.ts';
import { builder } from './builder.ts';
import { inputMutation } from './common.ts';

const TelemetrySettingsRef = builder.objectRef<TelemetryView>('TelemetrySettings').implement({
  description: 'Where every instance sends its traces, as OTLP over HTTP (JSON). Changed at run time; every instance follows at once.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    url: t.exposeString('url', { nullable: true, description: "The collector's OTLP/HTTP base URL (port 4318 by default; 4317 is gRPC's and is refused)." }),
    insecure: t.exposeBoolean('insecure', { description: 'Plain http:// is allowed; without it the collector must be https://.' }),
    endpoint: t.exposeString('endpoint', { nullable: true, description: 'Where spans are posted: the URL with /v1/traces, unless it ends so already.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true, description: 'Null while the environment (OTEL_EXPORTER_OTLP_ENDPOINT) decides.' }),
    updatedBy: t.exposeString('updatedBy', { nullable: true }),
  }),
});

const ConfigureTelemetryInput = builder.inputType('ConfigureTelemetryInput', {
  fields: (t) => ({
    enabled: t.boolean({ required: true }),
    url: t.string({ description: 'Omitted: kept as it is.' }),
    insecure: t.boolean({ description: 'Omitted: kept as it is (false at first).' }),
  }),
});

const ConfigureTelemetryPayload = builder.simpleObject('ConfigureTelemetryPayload', {
  fields: (t) => ({ settings: t.field({ type: TelemetrySettingsRef }) }),
});

builder.queryField('telemetrySettings', (t) =>
  t.field({
    type: TelemetrySettingsRef,
    description: 'Where traces go (system administrators).',
    resolve: (_root, _args, ctx) => telemetrySettings(ctx),
  }));

inputMutation('configureTelemetry', {
  input: ConfigureTelemetryInput,
  payload: ConfigureTelemetryPayload,
  description: 'Switches traces on or off and says where they go, on every instance (system administrators; audited).',
  resolve: async (input, ctx) => ({ settings: await configureTelemetry(ctx, input) }),
});
