import { context, ProxyTracerProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ExportResultCode } from '@opentelemetry/core';
import { BatchSpanProcessor, TracerProvider as SdkTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Setting } from '../db/setting.entity.ts';
import { TELEMETRY_SIGNAL, type Signals } from '../events/signals.ts';
import type { Logger } from '../log.ts';
import { VERSION } from '../version.ts';
import { collectorPolicy, DISABLED, fromEnvironment, sameSettings, storedSettings, tracesEndpoint, type TelemetrySettings } from './settings.ts';

export const TELEMETRY_KEY = 'telemetry';

const NOOP_TRACER: Tracer = new ProxyTracerProvider().getTracer('switchboard');
/** A collector that is down or slow costs at most this per batch, off the request path; a full queue drops spans. */
const EXPORT_TIMEOUT_MS = 5_000;
const MAX_QUEUED_SPANS = 2_048;
const RETIRE_MS = 2_000;
const WARN_EVERY_MS = 60_000;

let contextManager: AsyncLocalStorageContextManager | undefined;
/** Spans follow a request through its awaits: one context manager per process, set when tracing first starts. */
function useAsyncContext() {
  if (contextManager) return;
  contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
}

/** The exporter, telling the log when the collector is unreachable or refuses spans: once a minute at most. */
function reporting(exporter: SpanExporter, log: Logger): SpanExporter {
  let warnedAt = -Infinity;
  return {
    export: (spans, done) => exporter.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS && performance.now() - warnedAt > WARN_EVERY_MS) {
        warnedAt = performance.now();
        log.warn('traces not exported', { spans: spans.length, error: result.error?.message });
      }
      done(result);
    }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

interface Parts {
  orm: MikroORM;
  signals: Signals;
  log: Logger;
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the settings until an administrator stores some. */
  environmentUrl: string | undefined;
}

/**
 * Traces of this instance, exported as OTLP over HTTP (JSON) in batches. The settings live in the database
 * (`configureTelemetry`); every instance reads them again when told they changed. Switched off, `enabled`
 * is false and the hot paths check nothing else; no span is made.
 */
export class Telemetry {
  enabled = false;
  /** The settings applied: none until `reload` has read them. */
  settings: TelemetrySettings = DISABLED;
  readonly #parts: Parts;
  readonly #resource;
  #sdk: SdkTracerProvider | undefined;
  #applying: Promise<void> = Promise.resolve();
  readonly #off: () => void;

  /** What the GraphQL plugin is given: its tracers follow whichever exporter is current, or make nothing. */
  readonly provider: TracerProvider = { getTracer: (name, version) => this.#tracerNamed(name, version) };
  readonly tracer: Tracer = this.provider.getTracer('switchboard', VERSION);

  constructor(parts: Parts, instanceId: string) {
    this.#parts = parts;
    this.#resource = resourceFromAttributes({ 'service.name': parts.serviceName, 'service.version': VERSION, 'service.instance.id': instanceId });
    this.#off = parts.signals.on(TELEMETRY_SIGNAL, () => void this.reload());
  }

  /** Reads the stored settings (the environment's without any) and applies them; a failure keeps the current ones. */
  reload(): Promise<void> {
    this.#applying = this.#applying.then(async () => {
      try {
        const row = await this.#parts.orm.em.fork().findOne(Setting, { key: TELEMETRY_KEY });
        await this.#apply(row ? storedSettings(row.value) : fromEnvironment(this.#parts.environmentUrl));
      } catch (error) {
        this.#parts.log.warn('telemetry settings not applied', { error: (error as Error).message });
      }
    });
    return this.#applying;
  }

  /** Exports what has been recorded so far; a failure is never thrown (`reporting` logs it). */
  async flush(): Promise<void> {
    await this.#sdk?.forceFlush({ timeoutMillis: EXPORT_TIMEOUT_MS }).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#off();
    await this.#applying;
    this.enabled = false;
    await this.#retire(this.#sdk);
    this.#sdk = undefined;
  }

  async #apply(next: TelemetrySettings) {
    if (sameSettings(next, this.settings)) return;
    const previous = this.#sdk;
    this.#sdk = next.enabled && next.url ? this.#providerFor(next.url) : undefined;
    this.settings = next;
    if (this.#sdk) useAsyncContext();
    this.enabled = !!this.#sdk;
    this.#parts.log.info(this.enabled ? 'traces exported' : 'traces off', { endpoint: this.enabled ? tracesEndpoint(next.url!) : undefined });
    await this.#retire(previous);
  }

  #providerFor(url: string) {
    const exporter = new OTLPTraceExporter({
      url: tracesEndpoint(url),
      timeoutMillis: EXPORT_TIMEOUT_MS,
      // The collector's address comes from a person: every address its name resolves to is checked as it is dialled.
      httpAgentOptions: { keepAlive: true, lookup: collectorPolicy.lookup },
    });
    const processor = new BatchSpanProcessor({ exporter: reporting(exporter, this.#parts.log), maxQueueSize: MAX_QUEUED_SPANS, scheduledDelayMillis: 1_000, exportTimeoutMillis: EXPORT_TIMEOUT_MS });
    return new SdkTracerProvider({ resource: this.#resource, spanProcessors: [processor] });
  }

  /** A provider that was replaced sends what it holds, for a while at most: a dead collector delays nothing else. */
  async #retire(provider: SdkTracerProvider | undefined) {
    if (!provider) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, RETIRE_MS).unref()));
    await Promise.race([provider.shutdown().catch(() => undefined), gaveUp]);
    clearTimeout(timer);
  }

  #tracerNamed(name: string, version?: string): Tracer {
    const current = () => this.#sdk?.getTracer(name, version) ?? NOOP_TRACER;
    return {
      startSpan: (spanName, options, parent) => current().startSpan(spanName, options, parent),
      startActiveSpan: ((...args: Parameters<Tracer['startActiveSpan']>) => (current().startActiveSpan as (...a: unknown[]) => unknown)(...args)) as Tracer['startActiveSpan'],
    };
  }
}
