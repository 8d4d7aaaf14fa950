import type { z } from 'zod';

/** Character classes and how many characters each offers a guesser. */
const CLASSES: readonly [RegExp, number][] = [[/[a-z]/, 26], [/[A-Z]/, 26], [/[0-9]/, 10], [/[^A-Za-z0-9]/, 33]];

export const MIN_TOKEN_LENGTH = 24;
/** What a generated token has is 190 bits; one chosen by a person must still be out of reach of guessing. */
export const MIN_TOKEN_BITS = 128;
const MIN_DISTINCT = 10;

/**
 * Why a token chosen by an operator (a custom token, SWITCHBOARD_ADMIN_TOKEN) is too easy to guess, or
 * null. Strength is estimated as length × log2(the characters its classes offer), which only holds for
 * a token that does not repeat itself, so few distinct characters are refused too.
 */
export function tokenWeakness(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `at least ${MIN_TOKEN_LENGTH} characters`;
  const classes = CLASSES.filter(([pattern]) => pattern.test(token));
  if (classes.length < 2) return 'mix at least two of lowercase letters, uppercase letters, digits and symbols';
  if (new Set(token).size < MIN_DISTINCT) return `at least ${MIN_DISTINCT} different characters`;
  const bits = Math.floor(token.length * Math.log2(classes.reduce((pool, [, size]) => pool + size, 0)));
  return bits < MIN_TOKEN_BITS ? `about ${bits} bits of strength, at least ${MIN_TOKEN_BITS} needed: make it longer` : null;
}

/** The zod refinement for a field that takes such a token. */
export function refineTokenStrength(token: string, ctx: z.RefinementCtx): void {
  const weakness = tokenWeakness(token);
  if (weakness) ctx.addIssue({ code: 'custom', message: `too easy to guess: ${weakness}` });
}
