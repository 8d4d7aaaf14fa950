import { createHash, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { randomBase62, toBase62 } from '../db/ids.ts';
import type { CredentialKind } from '../db/credential.entity.ts';

/** Type prefixes make a leaked token recognisable (secret scanners) and its kind obvious. */
export const TOKEN_PREFIXES: Record<CredentialKind, string> = {
  session: 'sbs_',
  api_token: 'sbu_',
  agent_token: 'sba_',
};

const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;

const checksum = (body: string) => toBase62(crc32(body), CHECKSUM_LENGTH);

export interface IssuedToken {
  plaintext: string;
  digest: string;
  masked: string;
}

export const digestToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function maskToken(token: string): string {
  const head = token.length > 16 ? 9 : 3;
  return `${token.slice(0, head)}*******${token.slice(-5)}`;
}

export function issueToken(kind: CredentialKind, custom?: string): IssuedToken {
  let plaintext = custom;
  if (!plaintext) {
    const body = TOKEN_PREFIXES[kind] + randomBase62(RANDOM_LENGTH);
    plaintext = body + checksum(body);
  }
  return { plaintext, digest: digestToken(plaintext), masked: maskToken(plaintext) };
}

/**
 * Tokens with one of our prefixes carry a checksum: a mistyped or forged one is refused without a
 * database lookup. Custom tokens (chosen by an operator) have no checksum and are looked up as they are.
 */
export function hasValidShape(token: string): boolean {
  if (token.length < 8 || token.length > 512) return false;
  const ours = Object.values(TOKEN_PREFIXES).some((p) => token.startsWith(p));
  if (!ours || token.length !== 4 + RANDOM_LENGTH + CHECKSUM_LENGTH) return true;
  const body = token.slice(0, -CHECKSUM_LENGTH);
  const expected = Buffer.from(checksum(body));
  return timingSafeEqual(expected, Buffer.from(token.slice(-CHECKSUM_LENGTH)));
}
