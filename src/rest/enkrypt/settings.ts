import { z } from 'zod';
import { graphql } from '../gql/index.ts';
import { route } from '../route.ts';
import { done, envelope } from './envelope.ts';

graphql(`fragment EnkryptTelemetry on TelemetrySettings { enabled url insecure endpoint }`);
const Telemetry = graphql(`query EnkryptTelemetry { telemetrySettings { ...EnkryptTelemetry } }`);
const ConfigureTelemetry = graphql(`mutation EnkryptConfigureTelemetry($input: ConfigureTelemetryInput!) { configureTelemetry(input: $input) { settings { ...EnkryptTelemetry } } }`);

type TelemetryFields = { enabled: boolean; url?: string | null; insecure: boolean; endpoint?: string | null };
const telemetry = (t: TelemetryFields) => ({ enabled: t.enabled, url: t.url ?? null, insecure: t.insecure, endpoint: t.endpoint ?? null });
const TelemetryOut = z.object({ enabled: z.boolean(), url: z.string().nullable(), insecure: z.boolean(), endpoint: z.string().nullable() });

/**
 * Seed 003's telemetry setting. `url` is the collector's OTLP/HTTP base URL (traces go to its /v1/traces as
 * JSON); seed 003's example port 4317 is OTLP/gRPC's and is refused, naming 4318. The GET is Switchboard's
 * own, so that a client can read back what it set.
 */
export const settingsRoutes = [
  route({
    method: 'PUT', path: '/api/v1/settings/telemetry', summary: 'Switch traces on or off and say where they go (OTLP over HTTP)',
    body: z.object({ enabled: z.boolean(), url: z.string().optional(), insecure: z.boolean().optional() }),
    response: envelope(TelemetryOut),
    handle: async ({ run, body }) => done('Telemetry configured successfully', telemetry((await run(ConfigureTelemetry, { input: body })).configureTelemetry.settings)),
  }),
  route({
    method: 'GET', path: '/api/v1/settings/telemetry', summary: 'Where traces go', response: envelope(TelemetryOut),
    handle: async ({ run }) => done('Telemetry settings retrieved successfully', telemetry((await run(Telemetry, {})).telemetrySettings)),
  }),
];
