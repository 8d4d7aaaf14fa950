import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';

export const SYSTEM_ROLES = ['admin', 'user'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

export const User = defineEntity({
  name: 'User',
  // Unique whatever the case: "Alice" and "alice" are one person to everyone who reads them.
  uniques: [
    { name: 'user_username_lower_unique', expression: 'create unique index "user_username_lower_unique" on "user" (lower("username"))' },
    { name: 'user_email_lower_unique', expression: 'create unique index "user_email_lower_unique" on "user" (lower("email"))' },
  ],
  properties: {
    id: p.string().primary().onCreate(() => newId('usr')),
    username: p.string(),
    email: p.string().nullable(),
    displayName: p.string().nullable(),
    systemRole: p.enum(SYSTEM_ROLES).default('user'),
    active: p.boolean().default(true),
    passwordHash: p.string().nullable().hidden().lazy(),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type User = InferEntity<typeof User>;
