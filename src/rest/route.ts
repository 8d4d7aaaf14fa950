import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { z } from 'zod';
import { notFound, type AppError } from '../errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's handler is given: the request, parsed and checked, and a way to run GraphQL documents. */
export interface RestCall<Body, Query = unknown> {
  params: Record<string, string>;
  query: Query;
  body: Body;
  /** Runs one typed document through the GraphQL pipeline, as the caller; its first error is thrown as an AppError. */
  run<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result>;
  /** Where clients reach this gateway (SWITCHBOARD_PUBLIC_URL, else the address it listens on). */
  publicUrl: string;
}

/** How a handler runs a document (for helpers that take it from the handler). */
export type Run = RestCall<unknown>['run'];

/**
 * One endpoint of a dialect: its documents and how the request maps onto them and their result onto the
 * dialect's shape. `body` and `response` describe the wire format: the body is checked on the way in,
 * the handler's answer is typed by `response` (so the OpenAPI document, generated from both, cannot
 * drift from what is sent).
 */
export interface RestRoute<Body = unknown, Out = unknown, Query = unknown> {
  method: Method;
  /** `/api/v0/clients/:name`: a `:param` is one path segment. */
  path: string;
  summary: string;
  body?: z.ZodType<Body>;
  /** The query string's parameters (a z.object of them), checked as the body is. */
  query?: z.ZodType<Query>;
  response?: z.ZodType<Out>;
  /** Open to callers who present no credential (signing in); every other route refuses them first. */
  anonymous?: true;
  /** Path parameters that are secrets (seed 003 addresses keys by their value): never logged. */
  secretParams?: string[];
  /** GraphQL input fields by the names this dialect gives them, so a refusal names the field the caller sent. */
  fields?: Record<string, string>;
  /** The success status (200 unless told; 204 sends no body). */
  status?: number;
  /** The most of a body read, read only once the caller is known (MAX_REST_BYTES unless told). */
  bodyLimit?: number;
  handle(call: RestCall<Body, Query>): Promise<NoInfer<Out>>;
}

/** Declares a route: its body's type comes from its schema, and its handler must answer what `response` says. */
export const route = <Body = undefined, Out = void, Query = undefined>(definition: RestRoute<Body, Out, Query>): RestRoute => definition as unknown as RestRoute;

/** A family of routes in one product's shape: where it is mounted and how its errors look. */
export interface Dialect {
  name: string;
  title: string;
  /** Every route's path starts with one of these. */
  roots: string[];
  routes: RestRoute[];
  /** Where its OpenAPI document is served, to anyone. */
  openApiPath: string;
  errorBody(error: AppError): unknown;
  /** The shape of `errorBody`'s answer. */
  errorSchema: z.ZodType;
}

interface CompiledPath {
  pattern: RegExp;
  names: string[];
}

export function compilePath(path: string): CompiledPath {
  const names: string[] = [];
  const source = path.split('/').map((segment) => {
    if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(segment.slice(1));
    return '([^/]+)';
  }).join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

/** The path's parameters, decoded; null when it does not match (or a parameter is not valid percent-encoding). */
export function matchPath(compiled: CompiledPath, path: string): Record<string, string> | null {
  const match = compiled.pattern.exec(path);
  if (!match) return null;
  const params: Record<string, string> = Object.create(null);
  try {
    compiled.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
  } catch {
    return null;
  }
  return params;
}

/**
 * A resource a path names under an organization (`/organizations/{orgId}/agents/{agentId}`) must be that
 * organization's: another's is as unknown as a missing one.
 */
export function ofOrganization<T extends { organization: { id: string } }>(resource: T, orgId: string, what: string): T {
  if (resource.organization.id !== orgId) throw notFound(what);
  return resource;
}
