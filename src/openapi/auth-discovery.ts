import type { OutboundPolicy } from '../auth/outbound.ts';
import { sendHttp } from './http.ts';
import { operationsOf } from './operations.ts';
import type { OpenApiDocument } from './parse.ts';

const PROBE_TIMEOUT_MS = 10_000;

export interface DeclaredScheme {
  name: string;
  /** apiKey, http, oauth2, openIdConnect, mutualTLS. */
  type: string;
  /** apiKey: header, query or cookie, and its name; http: its scheme (bearer, basic). */
  in: string | null;
  paramName: string | null;
  scheme: string | null;
  tokenUrl: string | null;
  scopes: string[];
  /** How many operations require it. */
  operations: number;
}

export interface AuthProbe {
  method: string;
  url: string;
  status: number | null;
  /** The API's WWW-Authenticate challenge, as it came. */
  authenticate: string | null;
  error: string | null;
}

export interface AuthDiscovery {
  schemes: DeclaredScheme[];
  /** Whether any operation requires credentials, per the spec. */
  required: boolean;
  probe: AuthProbe | null;
}

interface RawScheme {
  type?: string;
  in?: string;
  name?: string;
  scheme?: string;
  flows?: Record<string, { tokenUrl?: string; scopes?: Record<string, string> }>;
}

/** The spec's security schemes, with how many operations require each. */
export function declaredSchemes(document: OpenApiDocument): DeclaredScheme[] {
  const components = (document.components as { securitySchemes?: Record<string, RawScheme> } | undefined)?.securitySchemes ?? {};
  const uses = new Map<string, number>();
  for (const operation of operationsOf(document)) {
    for (const name of new Set(operation.security.flatMap((requirement) => Object.keys(requirement)))) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  return Object.entries(components).map(([name, s]) => {
    const flow = s.flows?.clientCredentials ?? Object.values(s.flows ?? {})[0];
    return {
      name, type: String(s.type), in: s.in ?? null, paramName: s.name ?? null, scheme: s.scheme ?? null,
      tokenUrl: flow?.tokenUrl ?? null, scopes: Object.keys(flow?.scopes ?? {}), operations: uses.get(name) ?? 0,
    };
  });
}

/**
 * What the API asks of a caller without credentials: one request, under the outbound policy, to the
 * first GET operation that needs no arguments (else the base URL), its status and WWW-Authenticate.
 */
export async function probeAuth(document: OpenApiDocument, baseUrl: string, policy: OutboundPolicy): Promise<AuthProbe> {
  const target = operationsOf(document).find((o) => o.method === 'GET' && !o.parameters.some((p) => p.required));
  const url = new URL(baseUrl.replace(/\/+$/, '') + (target?.path ?? '/'));
  try {
    const answer = await sendHttp({ method: 'GET', url, headers: { accept: 'application/json' } }, { policy, timeoutMs: PROBE_TIMEOUT_MS, maxBytes: 65_536 });
    const authenticate = answer.headers['www-authenticate'];
    return { method: 'GET', url: url.toString(), status: answer.status, authenticate: authenticate ?? null, error: null };
  } catch (error) {
    return { method: 'GET', url: url.toString(), status: null, authenticate: null, error: (error as Error).message };
  }
}
