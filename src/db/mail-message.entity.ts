import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';

export const MAIL_STATUSES = ['pending', 'sent', 'failed', 'not_configured'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * The outbox: a mail is written in the transaction that decides to send it, then delivered. Its text
 * carries a one-time secret (an invite URL), so it is sealed at rest.
 */
export const MailMessage = defineEntity({
  name: 'MailMessage',
  properties: {
    id: p.string().primary().onCreate(() => newId('mail')),
    to: p.string(),
    subject: p.string(),
    sealedText: p.text().hidden(),
    status: p.enum(MAIL_STATUSES).default('pending'),
    /** What the mail is about (an invitation id), for the record its delivery updates. */
    subjectId: p.string().nullable().index(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  },
});

export type MailMessage = InferEntity<typeof MailMessage>;
