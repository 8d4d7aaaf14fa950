import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { pathIs, PROBE_POLICY, type Route } from './route.ts';
import { sendJson } from './exchange.ts';

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * `GET /metrics` in Prometheus' text format, for a scraper presenting SWITCHBOARD_METRICS_TOKEN as a
 * bearer token. Without that setting there is nothing here: what a gateway runs is not for anyone to read.
 */
export function metricsRoute(registry: Registry, token: string | undefined): Route {
  return {
    name: 'metrics',
    matches: pathIs('/metrics'),
    ...PROBE_POLICY,
    async handle({ req, res, credential }) {
      if (!token) return sendJson(res, 404, { error: 'Not found' });
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'Use GET' }, { allow: 'GET' });
      const presented = credential?.token;
      if (!presented || !sameSecret(presented, token)) return sendJson(res, 401, { error: 'A metrics token is required' }, { 'www-authenticate': 'Bearer realm="metrics"' });
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(await registry.metrics());
    },
  };
}
