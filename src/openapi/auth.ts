import type { UpstreamAuth } from '../db/openapi-spec.entity.ts';
import { sendHttp, type HttpLimits } from './http.ts';
import type { HttpRequest } from './request.ts';

/** Tokens are refreshed this long before they expire. */
const EXPIRY_MARGIN_MS = 30_000;
/** A token answer without `expires_in` is kept this long. */
const DEFAULT_TOKEN_MS = 300_000;

/**
 * Puts the configured credentials on a request, over whatever the arguments put there: they come from the
 * sealed secret, never from a tool call. OAuth 2 client-credentials tokens are fetched, cached until
 * shortly before they expire, and fetched again when the API refuses one (`invalidate`).
 */
export class UpstreamCredentials {
  readonly #auth: UpstreamAuth;
  readonly #secret: string;
  #token: { value: string; expiresAt: number } | null = null;
  #fetching: Promise<string> | null = null;

  constructor(auth: UpstreamAuth, secret: string | null) {
    this.#auth = auth;
    this.#secret = secret ?? '';
  }

  async apply(request: HttpRequest, limits: HttpLimits): Promise<void> {
    const { type, name = '', username = '' } = this.#auth;
    if (type === 'api_key') {
      if (this.#auth.in === 'query') request.url.searchParams.set(name, this.#secret);
      else if (this.#auth.in === 'cookie') request.headers.cookie = [request.headers.cookie, `${name}=${encodeURIComponent(this.#secret)}`].filter(Boolean).join('; ');
      else request.headers[name.toLowerCase()] = this.#secret;
    } else if (type === 'bearer') request.headers.authorization = `Bearer ${this.#secret}`;
    else if (type === 'basic') request.headers.authorization = `Basic ${Buffer.from(`${username}:${this.#secret}`).toString('base64')}`;
    else if (type === 'oauth2_client_credentials') request.headers.authorization = `Bearer ${await this.#accessToken(limits)}`;
  }

  /** Whether a refused request is worth one retry: a cached token may have been revoked early. */
  invalidate(): boolean {
    if (this.#auth.type !== 'oauth2_client_credentials' || !this.#token) return false;
    this.#token = null;
    return true;
  }

  #accessToken(limits: HttpLimits): Promise<string> {
    if (this.#token && this.#token.expiresAt > Date.now()) return Promise.resolve(this.#token.value);
    this.#fetching ??= this.#fetchToken(limits).finally(() => (this.#fetching = null));
    return this.#fetching;
  }

  async #fetchToken(limits: HttpLimits): Promise<string> {
    const { tokenUrl = '', username = '', scopes = [] } = this.#auth;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scopes.length && { scope: scopes.join(' ') }) });
    const basic = Buffer.from(`${encodeURIComponent(username)}:${encodeURIComponent(this.#secret)}`).toString('base64');
    const answer = await sendHttp({
      method: 'POST', url: new URL(tokenUrl), body: Buffer.from(form.toString()),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
    }, limits);
    let token: { access_token?: unknown; expires_in?: unknown } = {};
    try {
      token = JSON.parse(answer.body.toString());
    } catch { /* reported below */ }
    if (answer.status !== 200 || typeof token.access_token !== 'string') throw new Error(`The token endpoint answered HTTP ${answer.status} without an access token`);
    const lifetime = typeof token.expires_in === 'number' ? token.expires_in * 1000 : DEFAULT_TOKEN_MS;
    this.#token = { value: token.access_token, expiresAt: Date.now() + Math.max(0, lifetime - EXPIRY_MARGIN_MS) };
    return token.access_token;
  }
}
