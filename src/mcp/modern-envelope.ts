import type { IncomingHttpHeaders } from 'node:http';
import { RpcError, type Request } from './jsonrpc.ts';
import { decodeHeaderValue } from './modern-headers.ts';
import { LEGACY_VERSIONS, META, MODERN_VERSIONS, ModernCode, NAMED_BY, SUPPORTED_VERSIONS } from './protocol.ts';

/** An error of the request's framing (envelope, headers, method), answered with an HTTP status of its own. */
export class GateError extends RpcError {
  readonly status: number;
  constructor(status: number, code: number, message: string, data?: unknown) {
    super(code, message, data);
    this.status = status;
  }
}

/** What a 2026-era request says of its caller, once its envelope and headers agree. */
export interface Envelope {
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
}

const metaOf = (message: Request) => {
  const meta = message.params?._meta;
  return meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>) : undefined;
};

/**
 * Whether a POST is of the 2026 era: one request (never a batch) whose `_meta` claims a version, or whose
 * MCP-Protocol-Version header names one that is not of the 2025 family. Everything else is served as before.
 */
export function isModern(headerVersion: string | undefined, message: Request | null): boolean {
  if (headerVersion !== undefined && !LEGACY_VERSIONS.includes(headerVersion)) return true;
  return message !== null && metaOf(message)?.[META.protocolVersion] !== undefined;
}

/** The body value Mcp-Name must mirror, for the methods that name something. */
function nameOf(message: Request): string | undefined {
  if (!Object.hasOwn(NAMED_BY, message.method)) return undefined;
  const field = NAMED_BY[message.method]!;
  const value = message.params?.[field];
  return typeof value === 'string' ? value : '';
}

const mismatch = (message: string, header: string, body: unknown) =>
  new GateError(400, ModernCode.HeaderMismatch, `Header mismatch: ${message}`, { mismatch: { header, body } });

/**
 * The claims of a 2026-era request, checked in the specification's order: the version (the same in
 * header and body, then one spoken here), then the envelope. Throws a GateError.
 */
export function checkEnvelope(message: Request, headers: IncomingHttpHeaders): Envelope {
  const meta = metaOf(message);
  const headerVersion = headers['mcp-protocol-version'] as string | undefined;
  const claimed = meta?.[META.protocolVersion];
  if (typeof claimed === 'string' && headerVersion !== undefined && headerVersion !== claimed) {
    throw mismatch(`MCP-Protocol-Version is ${headerVersion}, _meta says ${claimed}`, headerVersion, claimed);
  }
  const requested = typeof claimed === 'string' ? claimed : headerVersion;
  if (requested !== undefined && !MODERN_VERSIONS.includes(requested)) {
    throw new GateError(400, ModernCode.UnsupportedProtocolVersion, `Unsupported protocol version: ${requested}`, { supported: SUPPORTED_VERSIONS, requested });
  }
  const capabilities = meta?.[META.clientCapabilities];
  const missing = [
    ...(typeof claimed === 'string' ? [] : [META.protocolVersion]),
    ...(capabilities && typeof capabilities === 'object' && !Array.isArray(capabilities) ? [] : [META.clientCapabilities]),
  ];
  if (!meta || missing.length) {
    throw new GateError(400, -32602, `Invalid params: params._meta must carry ${missing.join(' and ')}`, { envelope: { missing: meta ? missing : ['_meta'] } });
  }
  return { protocolVersion: claimed as string, clientCapabilities: capabilities as Record<string, unknown> };
}

/** The headers a 2026-era request must send, mirroring its body (notifications need none). Throws a GateError. */
export function checkHeaders(message: Request, headers: IncomingHttpHeaders): void {
  if (message.id === undefined) return;
  if (headers['mcp-protocol-version'] === undefined) throw mismatch('the MCP-Protocol-Version header is required', '', metaOf(message)?.[META.protocolVersion]);
  const method = headers['mcp-method'] as string | undefined;
  if (method === undefined) throw mismatch('the Mcp-Method header is required', '', message.method);
  if (decodeHeaderValue(method) !== message.method) throw mismatch(`Mcp-Method is "${method}", the body's method is "${message.method}"`, method, message.method);
  const name = nameOf(message);
  if (name === undefined) return;
  const headerName = headers['mcp-name'] as string | undefined;
  if (headerName === undefined) throw mismatch(`the Mcp-Name header is required for ${message.method}`, '', name);
  if (decodeHeaderValue(headerName) !== name) throw mismatch(`Mcp-Name is "${headerName}", the body names "${name}"`, headerName, name);
}
