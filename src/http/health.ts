import { VERSION } from '../version.ts';
import { pathIs, PROBE_POLICY, type Route } from './route.ts';
import { sendJson } from './exchange.ts';

/** `GET /health`: for load balancers and orchestrators, which address the server by IP. */
export const healthRoute: Route = {
  name: 'health',
  matches: pathIs('/health'),
  ...PROBE_POLICY,
  handle({ req, res }) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Use GET' }, { allow: 'GET, HEAD' });
    if (req.method === 'HEAD') return void res.writeHead(200, { 'content-type': 'application/json' }).end();
    // `admin`: seed 004's health says the admin API is served here.
    sendJson(res, 200, { status: 'ok', version: VERSION, admin: true });
  },
};
