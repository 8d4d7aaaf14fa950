import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/process.ts';

/**
 * REST never reaches resolvers, the policy or the database: a route can do only what its GraphQL
 * documents do. What `src/rest` may import outside itself is this list; anything else fails here.
 */
const ALLOWED = new Set([
  'src/errors.ts', 'src/version.ts', 'src/client/pages.ts', 'src/graphql/context.ts', 'src/graphql/in-process.ts', 'src/graphql/yoga.ts', 'src/http/route.ts', 'src/http/exchange.ts',
  // Input validation (zod → BAD_USER_INPUT), the services' type, and the session cookie's name for the OpenAPI document.
  'src/resolvers/input.ts', 'src/resolvers/context.ts', 'src/auth/presented.ts',
]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Each relative import of the files under `dir` that leaves it. */
function importsLeaving(dir: string) {
  return files(path.join(ROOT, dir)).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => ({
    file: path.relative(ROOT, file), target: path.relative(ROOT, path.resolve(path.dirname(file), m[1]!)),
  }))).filter(({ target }) => !target.startsWith(`${dir}/`));
}

describe('the REST layer', () => {
  it('imports nothing of the server but the GraphQL pipeline, errors and input validation', () => {
    const outside = importsLeaving('src/rest');
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter(({ target }) => !ALLOWED.has(target))).toEqual([]);
  });
});

describe('the command line', () => {
  // Its client commands work against a gateway anywhere: they cannot reach its database or resolvers.
  it('imports only its API client and the declarative applier that runs on it', () => {
    const outside = importsLeaving('src/cli');
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter(({ target }) => !target.startsWith('src/client/') && !target.startsWith('src/declarative/'))).toEqual([]);
  });
});
