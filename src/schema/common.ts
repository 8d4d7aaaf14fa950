import type { InputObjectRef, ObjectRef } from '@pothos/core';
import { AppError, ErrorCode } from '../errors.ts';
import { DEFAULT_PAGE_SIZE, type Page } from '../resolvers/pagination.ts';
import type { Ctx } from '../resolvers/context.ts';
import { builder, type SchemaTypes } from './builder.ts';

/** Input of mutations that act on one object and need nothing else. */
export const IdInput = builder.inputType('IdInput', { fields: (t) => ({ id: t.id({ required: true }) }) });

/** `node(id)` answers null for an id that does not exist, as Relay expects; other errors stand. */
export async function nullIfNotFound<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

/** A page of a connection costs its size: `edges` (a list) multiplies by ten, so this adds the rest. */
export const pageComplexity = (args: { first?: number | null; last?: number | null }) => ({
  field: 1,
  multiplier: Math.max(1, Math.ceil((args.first ?? args.last ?? DEFAULT_PAGE_SIZE) / 10)),
});

/** `<Type>Connection` with `totalCount`, shared by every list of that type. */
export function connectionOf<T>(type: ObjectRef<SchemaTypes, T>, name: string) {
  return builder.connectionObject({
    type,
    name: `${name}Connection`,
    fields: (t) => ({
      totalCount: t.int({
        complexity: 5,
        description: 'Number of items matching the filter, across all pages.',
        resolve: (connection) => (connection as unknown as Page<T>).totalCount(),
      }),
    }),
  });
}

/**
 * A mutation taking one required `input` argument: the shape every mutation here has, declared once.
 * `resolve` gets the input and the context and returns the payload.
 */
export function inputMutation<Input extends object, Payload>(
  name: string,
  options: {
    input: InputObjectRef<SchemaTypes, Input>;
    payload: ObjectRef<SchemaTypes, Payload>;
    description?: string;
    resolve: (input: Input, ctx: Ctx) => Promise<Payload>;
  },
) {
  builder.mutationField(name, (t) =>
    t.field({
      type: options.payload,
      description: options.description,
      args: { input: t.arg({ type: options.input, required: true }) },
      resolve: (_root, args, ctx) => options.resolve((args as { input: Input }).input, ctx) as never,
    }));
}
