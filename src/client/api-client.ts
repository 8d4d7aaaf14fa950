import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Failures the client itself names, beside the API's own error codes. */
export const ClientErrorCode = {
  /** The gateway could not be reached, or did not answer as one. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** An upstream server failed validation. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** /mcp refused a request with a JSON-RPC error (an unknown or unavailable tool, bad arguments). */
  MCP_ERROR: 'MCP_ERROR',
  /** A tool call returned a tool error (`isError`). */
  TOOL_ERROR: 'TOOL_ERROR',
} as const;

/** An error the API answered with, carrying its stable code (`NETWORK_ERROR` when it could not be reached). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The first of a GraphQL response's errors (or a graphql-ws error payload) as an ApiError. */
export function apiErrorOf(errors: readonly { message: string; extensions?: { code?: unknown } }[]): ApiError {
  const [first] = errors;
  const code = first?.extensions?.code;
  return new ApiError(typeof code === 'string' ? code : 'GRAPHQL_ERROR', first?.message ?? 'unknown error');
}

/** Runs one typed document and returns its data, or throws the first error as an ApiError. */
export type Run = <Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables) => Promise<Result>;

export interface ApiClient {
  readonly url: string;
  run: Run;
  /** A graphql-ws connection with the same credential, for subscriptions. It does not reconnect by itself: a
   * resumed subscription must say where it resumes. */
  socket(options?: { onConnected?: () => void }): Client;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const sources = new WeakMap<DocumentNode, string>();
export function sourceOf(document: DocumentNode): string {
  let source = sources.get(document);
  if (source === undefined) sources.set(document, (source = print(document)));
  return source;
}

/** A client of one gateway's GraphQL API, over HTTP for queries and mutations and graphql-ws for subscriptions. */
export function apiClient(url: string, token: string | null): ApiClient {
  const base = url.replace(/\/+$/, '');
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const run: Run = async (document, variables) => {
    let response: Response;
    try {
      response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authorization },
        body: JSON.stringify({ query: sourceOf(document), variables }),
      });
    } catch (error) {
      throw new ApiError(ClientErrorCode.NETWORK_ERROR, `cannot reach ${base}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as GraphQLResponse | null;
    if (!body) throw new ApiError(ClientErrorCode.NETWORK_ERROR, `${base}/graphql answered ${response.status} without a GraphQL response`);
    if (body.errors?.length) throw apiErrorOf(body.errors);
    return body.data as never;
  };
  return {
    url: base,
    run,
    socket: ({ onConnected } = {}) =>
      createClient({
        url: `${base.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: authorization,
        lazy: true,
        retryAttempts: 0,
        on: { connected: () => onConnected?.() },
      }),
  };
}
