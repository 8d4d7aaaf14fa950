import { builder } from './builder.ts';

/** A GraphQL enum whose values are the upper-case spelling of the stored lower-case ones. */
export function enumOf<const T extends string>(name: string, values: readonly T[], description?: string) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v) => [v.toUpperCase(), { value: v }])) as Record<Uppercase<T>, { value: T }>,
  });
}
