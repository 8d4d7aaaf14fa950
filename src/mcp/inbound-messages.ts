import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
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

/**
 * The messages a transport reads from a stream (stdio lines, SSE events), each parsed and validated,
 * and the requests it has sent and not yet seen answered, so that an answer too large to read can
 * still be matched to its request by the id found at either end of it.
 */
export class InboundMessages {
  readonly #ids = new Set<Id>();
  readonly #limit: number;
  readonly #transport: Transport;

  /** Messages go to `transport.onmessage`, errors to its `onerror`; one that must end the connection closes it. */
  constructor(limit: number, transport: Transport) {
    this.#limit = limit;
    this.#transport = transport;
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
      return this.#transport.onerror?.(new Error('The upstream sent something that is not a JSON-RPC message'));
    }
    if (!('method' in message) && 'id' in message && message.id !== undefined) this.#ids.delete(message.id);
    this.#transport.onmessage?.(message);
  }

  /**
   * A message too large to relay becomes an error answer to the pending request it answers (the only
   * one, or the only one its edges name), or, when that is unknown, an error that ends the connection.
   */
  oversized(line: OversizedLine): void {
    const edges = `${line.head}\u0000${line.tail}`;
    const pending = [...this.#ids];
    const named = pending.length === 1 ? pending : pending.filter((id) => idPattern(id).test(edges));
    if (named.length !== 1) {
      this.#transport.onerror?.(new Error(`The upstream sent a message of ${line.bytes} bytes, more than the ${this.#limit} allowed`));
      return void this.#transport.close();
    }
    this.#ids.delete(named[0]!);
    this.#transport.onmessage?.(tooLargeAnswer(named[0]!, this.#limit));
  }
}
