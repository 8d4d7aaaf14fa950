import type { Readable } from 'node:stream';

const EDGE_BYTES = 512;

/**
 * Feeds a stream's chunks to `push`. Whatever throws there (our parsing, or a listener of the messages
 * read) fails that one connection through `fail`: a throw in a stream's handler would end the process.
 */
export function feed(stream: Readable, push: (chunk: Buffer) => void, fail: (error: Error) => void): void {
  stream.on('data', (chunk: Buffer) => {
    try {
      push(chunk);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** The start and end of a line too long to keep: enough to tell which request a message answered. */
export interface OversizedLine {
  head: string;
  tail: string;
  bytes: number;
}

/**
 * Splits a byte stream into lines of at most `limit` bytes without ever holding more than that: a longer
 * line is dropped as it arrives, keeping only its edges, and reported once it ends.
 */
export class LineReader {
  readonly #limit: number;
  readonly #onLine: (line: string) => void;
  readonly #onOversized: (line: OversizedLine) => void;
  #parts: Buffer[] = [];
  #size = 0;
  #oversized: { head: Buffer; tail: Buffer } | null = null;

  constructor(limit: number, onLine: (line: string) => void, onOversized: (line: OversizedLine) => void) {
    this.#limit = limit;
    this.#onLine = onLine;
    this.#onOversized = onOversized;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      this.#append(chunk.subarray(start, end));
      this.#endLine();
      start = end + 1;
    }
    if (start < chunk.length) this.#append(chunk.subarray(start));
  }

  #append(part: Buffer) {
    this.#size += part.length;
    if (this.#oversized) {
      this.#oversized.tail = Buffer.concat([this.#oversized.tail, part]).subarray(-EDGE_BYTES);
    } else if (this.#size > this.#limit) {
      const kept = Buffer.concat([...this.#parts, part]);
      this.#oversized = { head: kept.subarray(0, EDGE_BYTES), tail: kept.subarray(-EDGE_BYTES) };
      this.#parts = [];
    } else {
      this.#parts.push(part);
    }
  }

  #endLine() {
    const { oversized, parts, size } = { oversized: this.#oversized, parts: this.#parts, size: this.#size };
    this.#parts = [];
    this.#size = 0;
    this.#oversized = null;
    if (oversized) return this.#onOversized({ head: oversized.head.toString('utf8'), tail: oversized.tail.toString('utf8'), bytes: size });
    this.#onLine(Buffer.concat(parts).toString('utf8').replace(/\r$/, ''));
  }
}
