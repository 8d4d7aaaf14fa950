import type { ObjectRef } from '@pothos/core';
import { DEFAULT_PAGE_SIZE, type Page } from '../resolvers/pagination.ts';
import { builder, type SchemaTypes } from './builder.ts';

/** Input of mutations that act on one object and need nothing else. */
export const IdInput = builder.inputType('IdInput', { fields: (t) => ({ id: t.id({ required: true }) }) });

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
