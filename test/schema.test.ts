import { readFileSync } from 'node:fs';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';

it('the checked-in schema.graphql is what the code builds (run `npm run codegen` after changing it)', () => {
  const checkedIn = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
  expect(printSchema(lexicographicSortSchema(checkedIn))).toBe(printSchema(lexicographicSortSchema(schema)));
});
