import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { OutboundPolicy } from '../auth/outbound.ts';
import type { CallOptions, UpstreamCall, UpstreamResult, UpstreamSession } from '../mcp/upstream-session.ts';
import { UpstreamCredentials } from './auth.ts';
import { sendHttp, type HttpAnswer, type HttpLimits } from './http.ts';
import { operationsOf, type Operation } from './operations.ts';
import { buildRequest } from './request.ts';
import { operationBaseUrl, type OpenApiRuntime } from './runtime.ts';

/** The most of an error answer quoted in the tool error. */
const ERROR_TEXT_CHARS = 4_000;

const toolError = (text: string): UpstreamResult => ({ content: [{ type: 'text', text }], isError: true });

/**
 * An OpenAPI server's runtime, in process: tools/list from the document's operations, tools/call as the
 * HTTP request the operation describes, made by the gateway under the outbound policy with the
 * configured credentials only. 4xx and 5xx answers are tool errors carrying the status.
 */
export class OpenApiSession implements UpstreamSession {
  readonly era = 'legacy' as const;
  readonly protocolVersion = '2025-11-25';
  readonly capabilities = { tools: {} };
  onclose?: () => void;
  readonly #runtime: OpenApiRuntime;
  readonly #operations: Map<string, Operation>;
  readonly #credentials: UpstreamCredentials;
  readonly #policy: OutboundPolicy;
  readonly #maxBytes: number;
  #closed = false;

  constructor(runtime: OpenApiRuntime, policy: OutboundPolicy, maxBytes: number) {
    this.#runtime = runtime;
    this.#operations = new Map(operationsOf(runtime.document).map((o) => [o.name, o]));
    this.#credentials = new UpstreamCredentials(runtime.auth, runtime.secret);
    this.#policy = policy;
    this.#maxBytes = maxBytes;
  }

  async request(call: UpstreamCall, options: CallOptions): Promise<UpstreamResult> {
    if (this.#closed) throw new McpError(ErrorCode.ConnectionClosed, 'Connection closed');
    if (call.method === 'ping') return {};
    if (call.method === 'tools/list') {
      return { tools: [...this.#operations.values()].map((o) => ({ name: o.name, ...(o.title && { title: o.title }), ...(o.description && { description: o.description }), inputSchema: o.inputSchema })) };
    }
    if (call.method !== 'tools/call') throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${call.method}`);
    const name = String(call.params?.name ?? '');
    const operation = this.#operations.get(name);
    if (!operation) throw new McpError(ErrorCode.InvalidParams, `Tool ${name} not found`);
    return this.#call(operation, (call.params?.arguments ?? {}) as Record<string, unknown>, { policy: this.#policy, timeoutMs: options.timeout, maxBytes: this.#maxBytes, cancel: options.signal });
  }

  async #call(operation: Operation, args: Record<string, unknown>, limits: HttpLimits): Promise<UpstreamResult> {
    const missing = operation.parameters.filter((p) => p.required && (args[p.argument] === undefined || args[p.argument] === null)).map((p) => p.argument);
    if (operation.body?.required && args[operation.body.argument] === undefined) missing.push(operation.body.argument);
    if (missing.length) return toolError(`Missing required arguments: ${missing.join(', ')}`);
    const baseUrl = operationBaseUrl(this.#runtime, operation.servers);
    if (!baseUrl) return toolError('The API has no base URL: set one on the server (its spec has no absolute servers[0])');
    try {
      let answer = await this.#send(operation, args, baseUrl, limits);
      if ((answer.status === 401 || answer.status === 403) && this.#credentials.invalidate()) answer = await this.#send(operation, args, baseUrl, limits);
      return asToolResult(answer);
    } catch (error) {
      if (limits.cancel?.aborted) throw limits.cancel.reason;
      return toolError(`${operation.method} ${operation.path} failed: ${(error as Error).message}`);
    }
  }

  async #send(operation: Operation, args: Record<string, unknown>, baseUrl: string, limits: HttpLimits): Promise<HttpAnswer> {
    const request = await buildRequest(operation, args, baseUrl);
    await this.#credentials.apply(request, limits);
    return sendHttp(request, limits);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.onclose?.();
  }
}

/** A 2xx answer as text (an image as image content), and as structured content when it is a JSON object; anything else as a tool error. */
function asToolResult(answer: HttpAnswer): UpstreamResult {
  const text = answer.body.toString('utf8');
  if (answer.status < 200 || answer.status >= 300) {
    const quoted = text.length > ERROR_TEXT_CHARS ? `${text.slice(0, ERROR_TEXT_CHARS)}…` : text;
    return { ...toolError(`HTTP ${answer.status} ${answer.statusText}${quoted ? `: ${quoted}` : ''}`), _meta: { 'switchboard/httpStatus': answer.status } };
  }
  const type = String(answer.headers['content-type'] ?? '');
  if (/^image\//i.test(type)) return { content: [{ type: 'image', data: answer.body.toString('base64'), mimeType: type.split(';')[0]!.trim() }] };
  const result: UpstreamResult = { content: [{ type: 'text', text }] };
  if (/json/i.test(type)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) result.structuredContent = parsed;
    } catch { /* kept as text */ }
  }
  return result;
}
