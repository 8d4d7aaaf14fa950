import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.ts';

/** Whether any string in `value` (keys included) holds a NUL; iterative, so no input nests deep enough to overflow. */
function holdsNul(value: unknown): boolean {
  const pending = [value];
  while (pending.length) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\0')) return true;
    } else if (next && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes('\0')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * PostgreSQL stores no text with a NUL character in it: an operation whose arguments or variables hold
 * one is refused as bad input before it runs, instead of failing in the database.
 */
export function nulByteError(document: DocumentNode, variables: unknown): GraphQLError | null {
  let found = holdsNul(variables);
  if (!found) visit(document, { StringValue: (node) => void (found ||= node.value.includes('\0')) });
  return found ? new GraphQLError('Text may not contain the NUL character (\\u0000)', { extensions: { code: ErrorCode.BAD_USER_INPUT } }) : null;
}

export const refuseNulBytes: Plugin = {
  onExecute: ({ args, setResultAndStopExecution }) => {
    const error = nulByteError(args.document, args.variableValues);
    if (error) setResultAndStopExecution({ errors: [error] });
  },
  onSubscribe: ({ args, setResultAndStopExecution }) => {
    const error = nulByteError(args.document, args.variableValues);
    if (error) setResultAndStopExecution({ errors: [error] });
  },
};
