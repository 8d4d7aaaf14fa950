import { validate } from '@scalar/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/rest/dialects.ts';
import { openApiPath } from '../../src/rest/openapi.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe.each(DIALECTS.map((dialect) => [dialect.name, dialect] as const))('the %s OpenAPI document', (_name, dialect) => {
  it('is served to anyone, is valid OpenAPI 3.1, and holds exactly the routes of the table', async () => {
    const response = await fetch(`${t.url}${dialect.openApiPath}`);
    expect(response.status).toBe(200);
    const document = await response.json();
    const { valid, errors } = await validate(document);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routed = dialect.routes.map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(documented.sort()).toEqual(routed.sort());
    // A route's query parameters are documented with it.
    for (const route of dialect.routes.filter((r) => r.query)) {
      const listed = document.paths[openApiPath(route.path)][route.method.toLowerCase()].parameters.filter((p: { in: string }) => p.in === 'query');
      expect(listed.length, route.path).toBeGreaterThan(0);
    }
  });
});

describe('the docs page', () => {
  it('is served from the installed reference (no CDN), lists every dialect, and /redoc opens Enkrypt’s', async () => {
    const page = await fetch(`${t.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    for (const dialect of DIALECTS) expect(html).toContain(dialect.openApiPath);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.every((s) => s.startsWith('/'))).toBe(true);
    for (const source of sources.filter((s) => s.startsWith('/docs/'))) expect((await fetch(`${t.url}${source}`)).status, source).toBe(200);
    expect((await fetch(`${t.url}/docs/assets/package.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
    const redoc = await fetch(`${t.url}/redoc`, { redirect: 'manual' });
    expect(redoc.status).toBe(302);
    expect(redoc.headers.get('location')).toBe('/docs?dialect=enkrypt');
  });
});
