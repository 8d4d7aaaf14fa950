import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppError } from '../errors.ts';
import type { Exchange } from './exchange.ts';

/**
 * A door mounted on the edge: `/graphql`, `/mcp`, the REST dialects. The edge applies its policy
 * (body limit, Origin, which credentials count) before `handle` runs, and answers refusals in its shape.
 */
export interface Route {
  /** The door's name in metrics (`graphql`, `mcp`, `rest:jungle`). */
  name: string;
  matches(path: string): boolean;
  /** Answered whatever the Host header names (load-balancer probes address the server by IP). */
  anyHost?: true;
  /** The largest body read; a longer declared body is refused before the handler runs. */
  bodyLimit: number;
  /** `always`: every request's Origin must be allowed; `ambient`: those that may change something, or carry the session cookie (CSRF). */
  origin: 'always' | 'ambient';
  /** Whether the session cookie is a credential here. */
  cookies: boolean;
  /** The route's error document (GraphQL's `errors`, a JSON-RPC error, a dialect's body). */
  errorBody(error: AppError): unknown;
  handle(exchange: Exchange): Promise<void> | void;
  /** The path as the log may show it: without the secrets some paths carry (a key's value). */
  loggedPath?(path: string): string;
  /** WebSocket upgrades on this path, when the route takes them. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export const pathIs = (...paths: string[]) => (path: string) => paths.includes(path);
export const pathUnder = (prefix: string) => (path: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The policy of the operators' probes (/health, /ready, /metrics): answered whatever the Host, no body, no cookies. */
export const PROBE_POLICY = {
  anyHost: true,
  bodyLimit: 0,
  origin: 'ambient',
  cookies: false,
  errorBody: (error: AppError) => ({ error: error.message }),
} as const satisfies Partial<Route>;
