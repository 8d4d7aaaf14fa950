import { ApiError } from '../client/api-client.ts';

/** Commander's collector for an option given more than once. */
export const repeated = (value: string, previous: string[]) => [...previous, value];

/** `NAME=value` pairs, as the API's key-value inputs. */
export function keyValues(pairs: string[], option: string): { name: string; value: string }[] {
  return pairs.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new ApiError('BAD_USER_INPUT', `${option} takes NAME=value, not "${pair}"`);
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

/** A JSON object given on the command line. */
export function jsonObject(text: string, option: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError('BAD_USER_INPUT', `${option} is not JSON: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ApiError('BAD_USER_INPUT', `${option} must be a JSON object`);
  return value as Record<string, unknown>;
}
