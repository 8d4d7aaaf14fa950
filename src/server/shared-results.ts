import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isShared } from '../events/shared.ts';

type Result = ExecutionResult | PromiseLike<ExecutionResult>;

/** Results by payload, then by operation (document, operation name and variables). */
const results = new WeakMap<object, Map<string, Result>>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

function operationKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  return `${id}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
}

function resultFor(args: ExecutionArgs, key: string, payload: unknown): Result {
  if (!isShared(payload)) return execute({ ...args, rootValue: payload }) as Result;
  let byOperation = results.get(payload);
  if (!byOperation) results.set(payload, (byOperation = new Map()));
  let result = byOperation.get(key);
  if (!result) byOperation.set(key, (result = execute({ ...args, rootValue: payload }) as Result));
  return result;
}

/** graphql-js `subscribe`, except that the result of a shared payload is computed once per operation. */
async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const iterator = source[Symbol.asyncIterator]();
  const key = operationKey(args);
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      return iterator.next().then((item) => {
        if (item.done) return { value: undefined, done: true } as const;
        const result = resultFor(args, key, item.value);
        return 'then' in result ? Promise.resolve(result).then((value) => ({ value, done: false })) : { value: result, done: false };
      });
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
  };
  return mapped;
}

/**
 * One event sent to ten thousand subscribers must not be executed ten thousand times: subscriptions
 * run through `subscribe` above, which shares the result of shared payloads (see events/shared.ts).
 */
export const sharedSubscriptionResults: Plugin = {
  onSubscribe: ({ setSubscribeFn }) => setSubscribeFn(subscribe as never),
};
