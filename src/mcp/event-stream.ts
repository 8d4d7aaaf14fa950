import { LineReader, type OversizedLine } from './line-reader.ts';

export interface ServerSentEvent {
  type: string;
  data: string;
}

/**
 * Server-sent events from a byte stream, each event's data at most `limit` bytes: a larger event is
 * reported by its edges (see LineReader) instead of being held.
 */
export class EventStreamReader {
  readonly #lines: LineReader;
  readonly #limit: number;
  readonly #onEvent: (event: ServerSentEvent) => void;
  readonly #onOversized: (event: OversizedLine) => void;
  #type = 'message';
  #data: string[] = [];
  #size = 0;
  #oversized: OversizedLine | null = null;

  constructor(limit: number, onEvent: (event: ServerSentEvent) => void, onOversized: (event: OversizedLine) => void) {
    this.#limit = limit;
    this.#onEvent = onEvent;
    this.#onOversized = onOversized;
    this.#lines = new LineReader(limit, (line) => this.#line(line), (line) => (this.#oversized ??= line));
  }

  push(chunk: Buffer): void {
    this.#lines.push(chunk);
  }

  #line(line: string) {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.#type = value;
    if (field !== 'data' || this.#oversized) return;
    this.#size += value.length + 1;
    if (this.#size <= this.#limit) return void this.#data.push(value);
    const joined = this.#data.join('\n');
    this.#oversized = { head: joined.slice(0, 512), tail: value.slice(-512), bytes: this.#size };
  }

  #dispatch() {
    const { type, data, oversized } = { type: this.#type, data: this.#data, oversized: this.#oversized };
    this.#type = 'message';
    this.#data = [];
    this.#size = 0;
    this.#oversized = null;
    if (oversized) return this.#onOversized(oversized);
    if (data.length) this.#onEvent({ type, data: data.join('\n') });
  }
}
