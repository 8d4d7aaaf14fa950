import { AppError, ErrorCode } from '../errors.ts';

export interface StreamLimits {
  connectionsPerPrincipal: number;
  subscriptionsPerPrincipal: number;
}

/**
 * How many live connections and subscriptions each principal holds on this instance, so that no one
 * caller can hold the memory of thousands. A slot is released when what holds it ends.
 */
export class StreamQuota {
  readonly #limits: StreamLimits;
  readonly #connections = new Map<string, number>();
  readonly #subscriptions = new Map<string, number>();

  constructor(limits: StreamLimits) {
    this.#limits = limits;
  }

  /** A connection slot for `holder`: its release, or null when it holds as many as it may. */
  connection(holder: string): (() => void) | null {
    return take(this.#connections, holder, this.#limits.connectionsPerPrincipal);
  }

  /** How many live subscriptions `holder` has here. */
  /** Live connections and subscriptions on this instance, all principals together. */
  totals(): { connections: number; subscriptions: number } {
    const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
    return { connections: sum(this.#connections), subscriptions: sum(this.#subscriptions) };
  }

  subscriptionsHeld(holder: string): number {
    return this.#subscriptions.get(holder) ?? 0;
  }

  /** `stream`, counted against its holder's subscriptions until it ends; RESOURCE_EXHAUSTED past the cap. */
  subscription<T>(holder: string, stream: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    const release = take(this.#subscriptions, holder, this.#limits.subscriptionsPerPrincipal);
    if (!release) {
      void stream.return?.();
      throw new AppError(ErrorCode.RESOURCE_EXHAUSTED, `At most ${this.#limits.subscriptionsPerPrincipal} live subscriptions per principal: end one first`);
    }
    return releasing(stream, release);
  }
}

function take(counts: Map<string, number>, holder: string, limit: number): (() => void) | null {
  const held = counts.get(holder) ?? 0;
  if (held >= limit) return null;
  counts.set(holder, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (counts.get(holder) ?? 1) - 1;
    if (left > 0) counts.set(holder, left);
    else counts.delete(holder);
  };
}

function releasing<T>(stream: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    // The stream's own promise goes to the consumer: no extra step on the fan-out path.
    next() {
      const item = stream.next();
      item.then((result) => result.done && release(), release);
      return item;
    },
    async return(value?: unknown) {
      release();
      return (await stream.return?.(value)) ?? { value: undefined, done: true };
    },
  };
}
