import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Uniform base62 characters from the CSPRNG (rejection sampling avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function toBase62(value: number, width: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}

/** Public ids are opaque and carry their type: `usr_…`, `org_…`, `cred_…`. */
export const ID_PREFIXES = {
  Organization: 'org',
  User: 'usr',
  Membership: 'mem',
  Credential: 'cred',
  AuditEvent: 'evt',
  McpServer: 'srv',
  Tool: 'tool',
  Group: 'grp',
  Agent: 'agt',
  UserServerSecret: 'sec',
  ServerSubscription: 'sub',
  Invitation: 'inv',
  ServiceAccount: 'sa',
  MailMessage: 'mail',
  Toolset: 'tls',
  ToolsetServer: 'tss',
  PresharedKey: 'psk',
  Project: 'prj',
  ProjectMember: 'pjm',
  DeploymentOperation: 'dop',
  Deployment: 'dep',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

export const newId = (prefix: IdPrefix) => `${prefix}_${randomBase62(20)}`;

export function typenameOfId(id: string): string | undefined {
  const prefix = id.slice(0, id.indexOf('_'));
  return Object.entries(ID_PREFIXES).find(([, p]) => p === prefix)?.[0];
}
