import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client over a real socket, authenticated through connection params. */
export function wsClient(baseUrl: string, token: string | null): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Subscription<T> {
  /** Resolves with the next event (or rejects with the subscription's error). */
  next(timeoutMs?: number): Promise<T>;
  /** Collects events for `ms` milliseconds. */
  drain(ms: number): Promise<T[]>;
  close(): void;
}

export function subscribe<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>): Subscription<T> {
  const queue: T[] = [];
  const waiters: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  let failure: unknown;
  const fail = (error: unknown) => {
    failure = error;
    for (const w of waiters.splice(0)) w.reject(error);
  };
  const unsubscribe = client.subscribe<T>({ query, variables }, {
    next: (result) => {
      if (result.errors?.length) return fail(result.errors);
      const value = result.data as T;
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(value);
      else queue.push(value);
    },
    error: fail,
    complete: () => {},
  });
  return {
    next(timeoutMs = 5_000) {
      if (failure) return Promise.reject(failure);
      if (queue.length) return Promise.resolve(queue.shift()!);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) });
      });
    },
    async drain(ms) {
      await new Promise((r) => setTimeout(r, ms));
      if (failure) throw failure;
      return queue.splice(0);
    },
    close: unsubscribe,
  };
}
