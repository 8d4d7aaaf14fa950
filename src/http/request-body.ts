import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { ok: true; body: Buffer }
  /** Refused before or while reading: answer with `status` (the connection is then closed). */
  | { ok: false; status: 413; message: string }
  /** The client went away mid-body: there is nobody to answer. */
  | { ok: false; status: null; message: string };

/**
 * A message body of at most `limit` bytes (a request's, or an upstream's answer). Never rejects: a
 * declared length over the limit is refused without reading, a chunked body once it passes the limit,
 * and a peer that sends part of its body and closes the socket is reported, not thrown.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (read: BodyRead) => {
      req.off('data', onData);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      finish(tooLarge(limit));
    };
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, status: null, message: 'The client closed the connection mid-body' }));
    req.once('aborted', () => finish({ ok: false, status: null, message: 'The client closed the connection mid-body' }));
  });
}

const tooLarge = (limit: number): BodyRead => ({ ok: false, status: 413, message: `Request body larger than ${limit} bytes` });
