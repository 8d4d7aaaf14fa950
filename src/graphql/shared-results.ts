import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isShared } from '../events/shared.ts';
import type { ErrorMask } from './mask-error.ts';

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

const masked = (result: ExecutionResult, mask: ErrorMask): ExecutionResult =>
  result.errors?.length ? { ...result, errors: result.errors.map((error) => mask(error)) } : result;

function executeMasked(args: ExecutionArgs, payload: unknown, mask: ErrorMask): Result {
  const result = execute({ ...args, rootValue: payload });
  return 'then' in result ? result.then((r) => masked(r, mask)) : masked(result, mask);
}

function resultFor(args: ExecutionArgs, key: string, payload: unknown, mask: ErrorMask): Result {
  if (!isShared(payload)) return executeMasked(args, payload, mask);
  let byOperation = results.get(payload);
  if (!byOperation) results.set(payload, (byOperation = new Map()));
  let result = byOperation.get(key);
  if (!result) byOperation.set(key, (result = executeMasked(args, payload, mask)));
  return result;
}

/**
 * graphql-js `subscribe`, with its results' errors masked, except that the result of a shared payload
 * (see events/shared.ts) is computed and masked once per operation, not once per subscriber.
 */
export async function subscribeShared(args: ExecutionArgs, mask: ErrorMask): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return masked(source, mask);
  const iterator = source[Symbol.asyncIterator]();
  const key = operationKey(args);
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      return iterator.next().then((item) => {
        if (item.done) return { value: undefined, done: true } as const;
        const result = resultFor(args, key, item.value, mask);
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

/** Subscriptions over HTTP (server-sent events) run through `subscribeShared` too. */
export const sharedSubscriptionResults = (mask: ErrorMask): Plugin => ({
  onSubscribe: ({ setSubscribeFn }) => setSubscribeFn(((args: ExecutionArgs) => subscribeShared(args, mask)) as never),
});
