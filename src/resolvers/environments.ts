import { z } from 'zod';

/** The environments servers run in: every runtime is `prod`'s until instances run others. */
export const ENVIRONMENTS = ['prod'] as const;
export const DEFAULT_ENVIRONMENT = 'prod';

/** An environment's name: a small label, and one of ENVIRONMENTS. */
export const environmentName = z.string().max(32).regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and "-", at most 32')
  .refine((name) => (ENVIRONMENTS as readonly string[]).includes(name), `servers run in ${ENVIRONMENTS.map((e) => `"${e}"`).join(', ')} only`);
