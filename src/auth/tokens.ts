import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { randomBase62, toBase62 } from '../db/ids.ts';
import type { CredentialKind } from '../db/credential.entity.ts';

/** Type prefixes make a leaked token recognisable (secret scanners) and its kind obvious. */
export const TOKEN_PREFIXES: Record<CredentialKind, string> = {
  session: 'sbs_',
  api_token: 'sbu_',
  agent_token: 'sba_',
  service_key: 'sbk_',
};

const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** A service key is `sbk_<client id>_<secret><checksum>`: the client id names the key in logs and lists. */
const CLIENT_ID = /^sbk_[0-9a-f]{8}/;
const SERVICE_KEY_LENGTH = 'sbk_'.length + 8 + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;

const checksum = (body: string) => toBase62(crc32(body), CHECKSUM_LENGTH);

export interface IssuedToken {
  plaintext: string;
  digest: string;
  masked: string;
}

export const digestToken = (token: string) => createHash('sha256').update(token).digest('hex');

const MASK = '*******';
const SHOWN_TAIL = 4;

/**
 * What is shown of a token after it is issued: its type prefix, which is no secret, and its last four
 * characters, whatever its length, so that a mask never narrows a guess by more than those four.
 */
export function maskToken(token: string, prefix = CLIENT_ID.exec(token)?.[0].concat('_') ?? Object.values(TOKEN_PREFIXES).find((p) => token.startsWith(p)) ?? ''): string {
  return `${prefix}${MASK}${token.slice(-SHOWN_TAIL)}`;
}

export function issueToken(kind: CredentialKind, custom?: string): IssuedToken {
  let plaintext = custom;
  if (!plaintext) {
    const clientId = kind === 'service_key' ? `${randomBytes(4).toString('hex')}_` : '';
    const body = TOKEN_PREFIXES[kind] + clientId + randomBase62(RANDOM_LENGTH);
    plaintext = body + checksum(body);
  }
  return { plaintext, digest: digestToken(plaintext), masked: maskToken(plaintext) };
}

/** The public half of a service key. */
export const clientIdOf = (key: string): string | null => CLIENT_ID.exec(key)?.[0] ?? null;

/**
 * Tokens with one of our prefixes carry a checksum: a mistyped or forged one is refused without a
 * database lookup. Custom tokens (chosen by an operator) have no checksum and are looked up as they are.
 */
export function hasValidShape(token: string): boolean {
  if (token.length < 8 || token.length > 512) return false;
  const ours = Object.values(TOKEN_PREFIXES).some((p) => token.startsWith(p));
  if (!ours || token.length !== (CLIENT_ID.test(token) ? SERVICE_KEY_LENGTH : 4 + RANDOM_LENGTH + CHECKSUM_LENGTH)) return true;
  const body = token.slice(0, -CHECKSUM_LENGTH);
  const expected = Buffer.from(checksum(body));
  return timingSafeEqual(expected, Buffer.from(token.slice(-CHECKSUM_LENGTH)));
}
