import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Request bodies are bounded before anything reads them. A body must declare its length (every HTTP
 * client does for a JSON document), so an oversized one is refused without being received.
 */
export function bodyRefusal(req: IncomingMessage): { status: number; body: object } | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    if (!req.headers['transfer-encoding']) return null;
    return refusal(411, 'Length Required: send Content-Length');
  }
  if (Number(declared) > MAX_BODY_BYTES) return refusal(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  return null;
}

export const bodyError = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });

const refusal = (status: number, message: string) => ({ status, body: bodyError(message) });
