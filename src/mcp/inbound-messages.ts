import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { OversizedLine } from './line-reader.ts';

type Id = string | number;

/** The error an upstream's answer becomes when it is larger than the gateway relays (a tool error to callers). */
export const RESULT_TOO_LARGE = -32050;

export const tooLargeAnswer = (id: Id, limit: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  error: { code: RESULT_TOO_LARGE, message: `The upstream's answer is larger than ${limit} bytes, the most the gateway relays` },
});

const idPattern = (id: Id) => new RegExp(`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[,}]`);

/** Where a transport hands what it read: a message, or an error (`fatal`: the connection must end). */
export interface MessageSink {
  deliver(message: JSONRPCMessage): void;
  fail(error: Error, fatal: boolean): void;
}

/**
 * The messages a transport reads from a stream (stdio lines, SSE events), each parsed and validated,
 * and the requests it has sent and not yet seen answered, so that an answer too large to read can
 * still be matched to its request by the id found at either end of it.
 */
export class InboundMessages {
  readonly #ids = new Set<Id>();
  readonly #limit: number;
  readonly #sink: MessageSink;

  constructor(limit: number, sink: MessageSink) {
    this.#limit = limit;
    this.#sink = sink;
  }

  sent(message: JSONRPCMessage): void {
    if (!('method' in message)) return;
    if ('id' in message) this.#ids.add(message.id);
    // A request the client gave up on (timeout) gets no answer worth waiting for.
    else if (message.method === 'notifications/cancelled') this.#ids.delete((message.params as { requestId: Id }).requestId);
  }

  received(text: string): void {
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(text));
    } catch {
      // Quoting the text would show whatever the upstream sent to whoever reads the error.
      return this.#sink.fail(new Error('The upstream sent something that is not a JSON-RPC message'), false);
    }
    if (!('method' in message) && 'id' in message && message.id !== undefined) this.#ids.delete(message.id);
    this.#sink.deliver(message);
  }

  /**
   * A message too large to relay becomes an error answer to the pending request it answers (the only
   * one, or the only one its edges name), or, when that is unknown, an error that ends the connection.
   */
  oversized(line: OversizedLine): void {
    const edges = `${line.head}\u0000${line.tail}`;
    const pending = [...this.#ids];
    const named = pending.length === 1 ? pending : pending.filter((id) => idPattern(id).test(edges));
    if (named.length !== 1) return this.#sink.fail(new Error(`The upstream sent a message of ${line.bytes} bytes, more than the ${this.#limit} allowed`), true);
    this.#ids.delete(named[0]!);
    this.#sink.deliver(tooLargeAnswer(named[0]!, this.#limit));
  }
}
