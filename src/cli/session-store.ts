import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiClient, ApiError, type ApiClient } from '../client/api-client.ts';

/** Where `login` keeps the gateway's URL and the token: one file per user, readable by them only. */
export interface StoredSession {
  url: string;
  token: string;
}

export function sessionFile(): string {
  const home = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(home, 'switchboard', 'session.json');
}

export function saveSession(session: StoredSession): string {
  const file = sessionFile();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  // An existing file keeps its mode on write: make sure it is ours alone.
  chmodSync(file, 0o600);
  return file;
}

function storedSession(): StoredSession | null {
  try {
    const parsed = JSON.parse(readFileSync(sessionFile(), 'utf8')) as Partial<StoredSession>;
    return typeof parsed.url === 'string' && typeof parsed.token === 'string' ? { url: parsed.url, token: parsed.token } : null;
  } catch {
    return null;
  }
}

/** The gateway this user logged in to, and the token; SWITCHBOARD_URL and SWITCHBOARD_TOKEN override the file. */
export function loggedInSession(): StoredSession {
  const stored = storedSession();
  const url = process.env.SWITCHBOARD_URL || stored?.url;
  const token = process.env.SWITCHBOARD_TOKEN || stored?.token;
  if (!url || !token) throw new ApiError('UNAUTHENTICATED', 'not logged in: run `switchboard login <url>` first');
  return { url: url.replace(/\/+$/, ''), token };
}

export function loggedInClient(): ApiClient {
  const { url, token } = loggedInSession();
  return apiClient(url, token);
}

/** The gateway's aggregated MCP endpoint. */
export const mcpUrl = (gatewayUrl: string) => `${gatewayUrl}/mcp`;
