import { SESSION_COOKIE } from '../auth/presented.ts';

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const attributes = [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
