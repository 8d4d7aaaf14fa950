import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { META, NAMED_BY } from './protocol.ts';

/** The protocol version a message's envelope claims, when it has one: such a message is of the modern era. */
export function envelopeVersion(message: JSONRPCMessage): string | undefined {
  const meta = ('method' in message ? message.params?._meta : undefined) as Record<string, unknown> | undefined;
  const version = meta?.[META.protocolVersion];
  return typeof version === 'string' ? version : undefined;
}

const SENTINEL = /^=\?base64\?.*\?=$/s;
const ENCODED = /^=\?base64\?((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)\?=$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A header value as sent: plain when it is safe ASCII, else `=?base64?…?=` of its UTF-8. */
export function headerValue(value: string): string {
  const safe = value.length > 0 && value === value.trim() && !SENTINEL.test(value) && /^[\t\x20-\x7e]*$/.test(value);
  return safe ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** A header value as meant: `=?base64?…?=` decoded (null when it is not canonical base64 of UTF-8), anything else as it is. */
export function decodeHeaderValue(value: string): string | null {
  if (!SENTINEL.test(value)) return value;
  const encoded = ENCODED.exec(value);
  if (!encoded) return null;
  try {
    return UTF8.decode(Buffer.from(encoded[1]!, 'base64'));
  } catch {
    return null;
  }
}

/**
 * The standard headers of a modern message, derived from its body as the 2026-07-28 HTTP transport wants
 * them: `MCP-Protocol-Version` (the envelope's), `Mcp-Method`, and `Mcp-Name` for the methods that name
 * what they address (tools/call and prompts/get by `params.name`, resources/read by `params.uri`).
 */
export function modernHeaders(message: JSONRPCMessage, version: string): Record<string, string> {
  const method = (message as { method: string }).method;
  const headers: Record<string, string> = { 'mcp-protocol-version': version, 'mcp-method': method };
  const field = Object.hasOwn(NAMED_BY, method) ? NAMED_BY[method]! : undefined;
  const name = field && (message as { params?: Record<string, unknown> }).params?.[field];
  if (typeof name === 'string') headers['mcp-name'] = headerValue(name);
  return headers;
}
