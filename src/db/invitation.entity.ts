import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';
import { ORG_ROLES } from './membership.entity.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';

/** An offer to join an organization with a role, redeemed with the one-time secret of its URL. */
export const Invitation = defineEntity({
  name: 'Invitation',
  properties: {
    id: p.string().primary().onCreate(() => newId('inv')),
    org: () => p.manyToOne(Organization).deleteRule('cascade'),
    email: p.string(),
    role: p.enum(ORG_ROLES),
    /** SHA-256 of the secret in the invite URL; a resend replaces it. */
    digest: p.string().unique().hidden(),
    invitedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    lastSentAt: p.datetime().nullable(),
    lastSendError: p.text().nullable(),
    acceptedAt: p.datetime().nullable(),
    acceptedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.text().nullable(),
  },
});

export type Invitation = InferEntity<typeof Invitation>;

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt <= now) return 'expired';
  return 'pending';
}
