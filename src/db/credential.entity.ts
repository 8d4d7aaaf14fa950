import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';
import { Agent } from './agent.entity.ts';
import { ServiceAccount } from './service-account.entity.ts';
import { Project } from './project.entity.ts';

/** Every secret a caller can present lives in this one table, as a SHA-256 digest. */
export const CREDENTIAL_KINDS = ['session', 'api_token', 'agent_token', 'service_key'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const Credential = defineEntity({
  name: 'Credential',
  properties: {
    id: p.string().primary().onCreate(() => newId('cred')),
    kind: p.enum(CREDENTIAL_KINDS),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    user: () => p.manyToOne(User).nullable().deleteRule('cascade'),
    agent: () => p.manyToOne(Agent).nullable().deleteRule('cascade'),
    serviceAccount: () => p.manyToOne(ServiceAccount).nullable().deleteRule('cascade'),
    /** A person's key scoped to a project (seed 003): on /mcp it reaches the project's toolset only. */
    project: () => p.manyToOne(Project).nullable().deleteRule('cascade'),
    /** A service key's public half (`sbk_3f8ad12c`): shown with the key, unlike the rest. */
    clientId: p.string().nullable(),
    /** An agent token's environment (seed 001's `environmentSid`): a plain label for now. */
    environment: p.string().nullable(),
    name: p.string(),
    digest: p.string().unique().hidden(),
    masked: p.string(),
    custom: p.boolean().default(false),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    disabledAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Credential = InferEntity<typeof Credential>;

export type CredentialStatus = 'active' | 'disabled' | 'revoked' | 'expired';

export function credentialStatus(c: Credential, now = new Date()): CredentialStatus {
  if (c.revokedAt) return 'revoked';
  if (c.disabledAt) return 'disabled';
  if (c.expiresAt && c.expiresAt <= now) return 'expired';
  return 'active';
}
