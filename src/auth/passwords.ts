import { hash, verify } from '@node-rs/argon2';

// OWASP argon2id parameters (the library's defaults, spelled out so a change is deliberate).
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, PARAMS);

let decoy: Promise<string> | undefined;

/** Verifies in constant work: an unknown user costs the same hash as a wrong password. */
export async function verifyPassword(phc: string | null | undefined, password: string): Promise<boolean> {
  if (!phc) {
    decoy ??= hashPassword('decoy-password-for-timing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(phc, password).catch(() => false);
}
