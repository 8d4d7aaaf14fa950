import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathIs, pathUnder, type Route } from '../http/route.ts';
import type { Dialect } from './route.ts';

const ASSETS_PATH = '/docs/assets';
/** The files of swagger-ui-dist the page loads: by name, never by a path the request gives. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const ASSETS_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Swagger UI's styles are injected at run time; everything else comes from this server. */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(dialects: readonly Dialect[]) {
  const links = dialects.map((d) => `<li><a href="${escapeHtml(d.openApiPath)}">${escapeHtml(d.title)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard REST API</title>
<link rel="icon" href="${ASSETS_PATH}/favicon-32x32.png"><link rel="stylesheet" href="${ASSETS_PATH}/swagger-ui.css"></head>
<body><header style="font-family: sans-serif; margin: 1rem 2rem"><h1>Switchboard REST dialects</h1><ul>${links}</ul>
<p>GraphQL, which every dialect runs through, is at <a href="/graphql">/graphql</a>.</p></header>
<div id="reference"></div>
<script src="${ASSETS_PATH}/swagger-ui-bundle.js"></script><script src="${ASSETS_PATH}/swagger-ui-standalone-preset.js"></script>
<script src="/docs/reference.js"></script></body></html>`;
}

/** Starts Swagger UI with every dialect's document in its selector; `#dialect` picks the first shown. */
const initializer = (dialects: readonly Dialect[]) => `const urls = ${JSON.stringify(dialects.map((d) => ({ url: d.openApiPath, name: d.name })))};
const wanted = new URLSearchParams(location.search).get('dialect') || location.hash.slice(1);
SwaggerUIBundle({ urls, 'urls.primaryName': urls.some((u) => u.name === wanted) ? wanted : urls[0].name, dom_id: '#reference',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });`;

/**
 * `/docs`: every dialect's OpenAPI document in one interactive reference, served from the installed
 * swagger-ui-dist (no CDN). `/redoc` (seed 003's second docs path) opens it on that dialect.
 */
export function docsRoute(dialects: readonly Dialect[], redocDialect: string): Route {
  const html = page(dialects);
  const script = initializer(dialects);
  const isPage = pathIs('/docs', '/redoc');
  const isAsset = pathUnder(ASSETS_PATH);
  const files = new Map<string, Buffer>();
  return {
    name: 'docs',
    matches: (p) => isPage(p) || isAsset(p) || p === '/docs/reference.js',
    bodyLimit: 0,
    origin: 'ambient',
    cookies: false,
    errorBody: (error) => ({ error: error.message }),
    handle({ req, res, path: requested }) {
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Use GET');
      if (requested === '/redoc') return void res.writeHead(302, { location: `/docs?dialect=${encodeURIComponent(redocDialect)}` }).end();
      if (requested === '/docs') return send(200, 'text/html; charset=utf-8', html);
      if (requested === '/docs/reference.js') return send(200, 'text/javascript; charset=utf-8', script);
      const name = requested.slice(ASSETS_PATH.length + 1);
      const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!type) return send(404, 'text/plain; charset=utf-8', 'Not found');
      if (!files.has(name)) files.set(name, readFileSync(path.join(ASSETS_DIR, name)));
      send(200, type, files.get(name)!);
    },
  };
}
