import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
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
 * The requests a transport has sent and not yet seen answered, so that an answer too large to read can
 * still be matched to its request by the id found at either end of it.
 */
export class PendingRequests {
  readonly #ids = new Set<Id>();

  sent(message: JSONRPCMessage): void {
    if (!('method' in message)) return;
    if ('id' in message) this.#ids.add(message.id);
    // A request the client gave up on (timeout) gets no answer worth waiting for.
    else if (message.method === 'notifications/cancelled') this.#ids.delete((message.params as { requestId: Id }).requestId);
  }

  received(message: JSONRPCMessage): void {
    if (!('method' in message) && 'id' in message && message.id !== undefined) this.#ids.delete(message.id);
  }

  /**
   * What a message too large to relay becomes: an error answer to the pending request it answers (the
   * only one, or the only one its edges name), or, when that is unknown, an error that ends the connection.
   */
  oversized(line: OversizedLine, limit: number): JSONRPCMessage | Error {
    const edges = `${line.head}\u0000${line.tail}`;
    const pending = [...this.#ids];
    const named = pending.length === 1 ? pending : pending.filter((id) => idPattern(id).test(edges));
    if (named.length !== 1) return new Error(`The upstream sent a message of ${line.bytes} bytes, more than the ${limit} allowed`);
    this.#ids.delete(named[0]!);
    return tooLargeAnswer(named[0]!, limit);
  }
}
