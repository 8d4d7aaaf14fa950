import { z } from 'zod';
import { badInput } from '../errors.ts';
import { refineTokenStrength } from '../auth/token-strength.ts';
import { TOKEN_PREFIXES } from '../auth/tokens.ts';

/** Validates operation input at the edge of the resolver: bad input is refused before anything changes. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw badInput(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), { issues });
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A case-insensitive "contains" over several columns, with LIKE's wildcards in the search taken literally. */
export function searchAcross(columns: string[], search: string) {
  const like = `%${escapeLike(search)}%`;
  return { $or: columns.map((column) => ({ [column]: { $ilike: like } })) };
}

/** Equal whatever the case (usernames and emails are unique that way). */
export const caseless = (value: string) => ({ $ilike: escapeLike(value) });

/** Starting with `value`, whatever the case. */
export const caselessPrefix = (value: string) => ({ $ilike: `${escapeLike(value)}%` });

/** Names are shown in lists, logs and mail subjects: no line breaks or other control characters. */
const NO_CONTROLS = /^\P{Cc}*$/u;

export const fields = {
  id: z.string().min(1).max(64),
  username: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, ".", "_" or "-", at most 63'),
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(200).regex(NO_CONTROLS, 'no control characters'),
  password: z.string().min(8, 'at least 8 characters').max(256),
  name: z.string().trim().min(1).max(100).regex(NO_CONTROLS, 'no control characters'),
  customToken: z
    .string()
    .max(512)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .refine((t) => !Object.values(TOKEN_PREFIXES).some((p) => t.startsWith(p)), 'reserved prefix')
    .superRefine(refineTokenStrength),
  futureDate: z.date().refine((d) => d.getTime() > Date.now(), 'must be in the future'),
};
