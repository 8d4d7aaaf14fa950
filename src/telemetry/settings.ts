import { OutboundPolicy } from '../auth/outbound.ts';

/** Where traces go. `insecure` allows plain http://; without it the collector must be https://. */
export interface TelemetrySettings {
  enabled: boolean;
  url: string | null;
  insecure: boolean;
}

export const DISABLED: TelemetrySettings = { enabled: false, url: null, insecure: false };

/**
 * A collector usually runs beside the gateway (localhost, a sidecar, the intranet), so loopback and private
 * addresses are allowed; link-local, metadata and reserved ones never are, as for upstreams.
 */
export const collectorPolicy = new OutboundPolicy(['loopback', 'private']);

const OTLP_GRPC_PORT = '4317';
const TRACES_PATH = 'v1/traces';

/** Why `url` cannot be the collector's, or null. */
export function collectorUrlProblem(url: string, insecure: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http:// and https:// are accepted: traces go as OTLP over HTTP';
  if (parsed.protocol === 'http:' && !insecure) return 'https:// is required unless insecure is true';
  if (parsed.username || parsed.password) return 'credentials do not belong in the URL';
  if (parsed.port === OTLP_GRPC_PORT) {
    return "4317 is OTLP/gRPC's port: Switchboard sends OTLP over HTTP (JSON), give the collector's OTLP/HTTP port (4318 by default)";
  }
  return collectorPolicy.urlRefusal(parsed);
}

/** Where spans are posted: the URL is the collector's base, as OTEL_EXPORTER_OTLP_ENDPOINT is, unless it already ends in /v1/traces. */
export function tracesEndpoint(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith(`/${TRACES_PATH}`)) parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/${TRACES_PATH}`;
  return parsed.toString();
}

/** What the environment says until an administrator sets otherwise: on when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
export const fromEnvironment = (url: string | undefined): TelemetrySettings =>
  url ? { enabled: true, url, insecure: url.startsWith('http:') } : DISABLED;

/** A stored setting as it was written by `configureTelemetry`; anything else is read as switched off. */
export function storedSettings(value: Record<string, unknown>): TelemetrySettings {
  const { enabled, url, insecure } = value;
  if (typeof enabled !== 'boolean' || typeof insecure !== 'boolean' || (url !== null && typeof url !== 'string')) return DISABLED;
  return { enabled, url, insecure };
}

export const sameSettings = (a: TelemetrySettings, b: TelemetrySettings) => a.enabled === b.enabled && a.url === b.url && a.insecure === b.insecure;
