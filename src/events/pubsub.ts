import { EventEmitter } from 'node:events';

export type Listener<T> = (payload: T) => void;

/** In-process publish/subscribe. Topics are plain strings; payloads are delivered synchronously. */
export class PubSub {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  publish<T>(topic: string, payload: T): void {
    this.#emitter.emit(topic, payload);
  }

  subscribe<T>(topic: string, listener: Listener<T>): () => void {
    this.#emitter.on(topic, listener);
    return () => this.#emitter.off(topic, listener);
  }
}

/**
 * Turns a topic into an async iterator for GraphQL subscriptions, listening from the call on. Accepted events that arrive while the consumer
 * is busy are queued in order; `return()` (client unsubscribed) detaches the listener.
 */
export function iterate<T>(pubsub: PubSub, topic: string, accept: (payload: T) => boolean): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const unsubscribe = pubsub.subscribe<T>(topic, (payload) => {
    if (!accept(payload)) return;
    queue.push(payload);
    wake?.();
  });
  const finish = () => {
    done = true;
    unsubscribe();
    wake?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!done && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (queue.length) return { value: queue.shift()!, done: false };
      return { value: undefined, done: true };
    },
    async return() {
      finish();
      return { value: undefined, done: true };
    },
  };
}
