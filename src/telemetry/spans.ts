import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, createContextKey, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Telemetry } from './telemetry.ts';

const w3c = new W3CTraceContextPropagator();
/** The tracer of the instance whose request this is: outbound calls made for it are traced with it. */
const TRACER = createContextKey('switchboard.tracer');
const TOOL_CALL = createContextKey('switchboard.tools-call');

const failed = (span: Span, error: unknown) => {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', (error as Error)?.name ?? 'Error');
};

/** What the edge knows of a request: its route's name, its path as the logs show it, its correlation id. */
export interface EdgeRequest {
  route: string;
  path: string;
  correlationId: string;
}

/**
 * One request at the edge: a server span, child of the caller's `traceparent` if it sent one, named by
 * the route (never the query string), active while the door handles it. The correlation id ties it to
 * the request's log lines and audit events.
 */
export function traceRequest(telemetry: Telemetry, req: IncomingMessage, res: ServerResponse, request: EdgeRequest, handle: () => void) {
  const parent = w3c.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
  const method = req.method ?? 'GET';
  const span = telemetry.tracer.startSpan(`${method} ${request.route}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': method, 'http.route': request.route, 'url.path': request.path, 'switchboard.correlation_id': request.correlationId },
  }, parent);
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span).setValue(TRACER, telemetry.tracer), handle);
}

/** A tools/call through the proxy: a span around it, which `describeToolCall` names once the tool is known. */
export async function traceToolCall<T>(telemetry: Telemetry, call: () => Promise<T>): Promise<T> {
  const active = context.active();
  const span = telemetry.tracer.startSpan('tools/call', { kind: SpanKind.INTERNAL, attributes: { 'mcp.method.name': 'tools/call' } }, active);
  try {
    return await context.with(trace.setSpan(active, span).setValue(TRACER, telemetry.tracer).setValue(TOOL_CALL, span), call);
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** The catalog's names of the server and tool called (none for a name that matched no tool), and how it went: never arguments or results. */
export function describeToolCall(server: string | null, tool: string | null, outcome: string) {
  const span = context.active().getValue(TOOL_CALL) as Span | undefined;
  if (!span) return;
  if (server && tool) {
    span.updateName(`tools/call ${server}/${tool}`);
    span.setAttributes({ 'mcp.server.name': server, 'gen_ai.tool.name': tool });
  }
  span.setAttribute('switchboard.outcome', outcome);
  if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * A request to an upstream, when the request it serves is traced: a client span whose context goes in
 * `traceparent` (the only header tracing adds; the caller's own never pass). Untraced, it is `send` as it is.
 */
export function traceUpstream(url: URL, method: string, headers: Record<string, string>, send: (headers: Record<string, string>) => Promise<IncomingMessage>): Promise<IncomingMessage> {
  const active = context.active();
  const tracer = active.getValue(TRACER) as Tracer | undefined;
  if (!tracer) return send(headers);
  const span = tracer.startSpan(method, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': method, 'server.address': url.hostname, 'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80), 'url.scheme': url.protocol.slice(0, -1) },
  }, active);
  const carrier: Record<string, string> = {};
  w3c.inject(trace.setSpan(active, span), carrier, defaultTextMapSetter);
  return send(carrier.traceparent ? { ...headers, traceparent: carrier.traceparent } : headers).then((response) => {
    const status = response.statusCode ?? 0;
    span.setAttribute('http.response.status_code', status);
    if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    return response;
  }, (error: unknown) => {
    failed(span, error);
    span.end();
    throw error;
  });
}
