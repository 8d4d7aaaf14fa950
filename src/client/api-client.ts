import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** An error the API answered with, carrying its stable code (`NETWORK_ERROR` when it could not be reached). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Runs one typed document and returns its data, or throws the first error as an ApiError. */
export type Run = <Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables) => Promise<Result>;

export interface ApiClient {
  readonly url: string;
  run: Run;
  /** A graphql-ws connection with the same credential, for subscriptions. */
  socket(options?: { onConnected?: () => void; onClosed?: () => void }): Client;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const sources = new WeakMap<DocumentNode, string>();
function sourceOf(document: DocumentNode): string {
  let source = sources.get(document);
  if (source === undefined) sources.set(document, (source = print(document)));
  return source;
}

/** A client of one gateway's GraphQL API, over HTTP for queries and mutations and graphql-ws for subscriptions. */
export function apiClient(url: string, token: string): ApiClient {
  const base = url.replace(/\/+$/, '');
  const authorization = `Bearer ${token}`;
  const run: Run = async (document, variables) => {
    let response: Response;
    try {
      response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization },
        body: JSON.stringify({ query: sourceOf(document), variables }),
      });
    } catch (error) {
      throw new ApiError('NETWORK_ERROR', `cannot reach ${base}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as GraphQLResponse | null;
    if (!body) throw new ApiError('NETWORK_ERROR', `${base}/graphql answered ${response.status} without a GraphQL response`);
    const error = body.errors?.[0];
    if (error) throw new ApiError(error.extensions?.code ?? 'GRAPHQL_ERROR', error.message);
    return body.data as never;
  };
  return {
    url: base,
    run,
    socket: ({ onConnected, onClosed } = {}) =>
      createClient({
        url: `${base.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization },
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 10_000))),
        on: { connected: () => onConnected?.(), closed: () => onClosed?.() },
      }),
  };
}
