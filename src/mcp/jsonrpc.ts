/** JSON-RPC 2.0 as MCP uses it: just enough to route requests without a schema library on the hot path. */
export type Id = string | number;

export interface Request {
  jsonrpc: '2.0';
  id?: Id;
  method: string;
  params?: Record<string, unknown>;
}

export const RpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
} as const;

export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export const isNotification = (message: Request) => message.id === undefined;

/** A well-formed request or notification, or null (responses from the client carry no method). */
export function asRequest(value: unknown): Request | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  if (m.jsonrpc !== '2.0' || typeof m.method !== 'string') return null;
  // A number must come back as it was sent: 1e400 parses to Infinity and 2**60 loses digits, so only safe integers.
  if (m.id !== undefined && typeof m.id !== 'string' && !Number.isSafeInteger(m.id)) return null;
  if (m.params !== undefined && (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params))) return null;
  return m as unknown as Request;
}

export const result = (id: Id, value: unknown) => ({ jsonrpc: '2.0' as const, id, result: value });

export const failure = (id: Id | null, code: number, message: string, data?: unknown) => ({
  jsonrpc: '2.0' as const,
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});
