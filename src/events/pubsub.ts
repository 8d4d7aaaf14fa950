import { EventEmitter } from 'node:events';
import { StreamEnd } from './stream-end.ts';

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
 * Turns a topic into an async iterator for GraphQL subscriptions, listening from the call on. Accepted
 * events that arrive while the consumer is busy are queued in order; `return()` (client unsubscribed)
 * detaches the listener. `until` may end it early: it is given a function that ends the stream with an
 * error (handed out as a last StreamEnd item), and returns one that stops watching (a watch that ended
 * the stream has stopped by itself).
 */
export function iterate<T>(
  pubsub: PubSub,
  topic: string,
  accept: (payload: T) => boolean,
  until?: (end: (error: Error) => void) => () => void,
): AsyncIterableIterator<T | StreamEnd> {
  const queue: (T | StreamEnd)[] = [];
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
  const stopWatching = until?.((error) => {
    if (done) return;
    queue.length = 0;
    queue.push(new StreamEnd(error));
    finish();
  });
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
      stopWatching?.();
      return { value: undefined, done: true };
    },
  };
}
