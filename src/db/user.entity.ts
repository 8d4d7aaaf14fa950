import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.ts';

export const SYSTEM_ROLES = ['admin', 'user'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

export const User = defineEntity({
  name: 'User',
  properties: {
    id: p.string().primary().onCreate(() => newId('usr')),
    username: p.string().unique(),
    email: p.string().nullable().unique(),
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
