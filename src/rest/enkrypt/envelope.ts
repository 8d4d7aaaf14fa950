import { z } from 'zod';
import { badInput } from '../../errors.ts';

/** Seed 003 wraps every success as `{ message, data }`. */
export const done = <T>(message: string, data: T) => ({ message, data });
export const envelope = (data: z.ZodType) => z.object({ message: z.string(), data });

/** `config_identifier`, `project_identifier`: an id (by its prefix) or a name. */
export const byIdOrName = (identifier: string, prefix: string) => (identifier.startsWith(`${prefix}_`) ? { id: identifier } : { name: identifier });

/** Seed 003 reads and writes files the caller names; Switchboard never touches a path a caller gives. */
const NO_FILES = 'Switchboard never reads or writes a path a caller names: the document travels in the request and the response';

/** Refuses a file path in `field`, where seed 003 would have read or written one. */
export function refusePath(field: string, value: unknown) {
  if (value !== undefined) throw badInput(`${field}: ${NO_FILES}`, { field });
}
