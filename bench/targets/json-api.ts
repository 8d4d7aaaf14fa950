// The API an OpenAPI server calls in bench/openapi.ts: one JSON operation that takes `DELAY_MS` to
// answer, as a real API's work would, so both sides of the comparison wait for the same thing.
import http from 'node:http';

const delayMs = Number(process.env.DELAY_MS ?? 0);
const answer = (id: string, q: string | null) => JSON.stringify({ id, q, name: `item ${id}`, tags: ['a', 'b'] });

const server = http.createServer((req, res) => {
  const url = new URL(req.url!, 'http://api');
  const match = /^\/items\/([^/]+)$/.exec(url.pathname);
  req.resume();
  if (req.method !== 'GET' || !match) return void res.writeHead(404).end();
  const reply = () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer(match[1]!, url.searchParams.get('q')));
  if (delayMs > 0) setTimeout(reply, delayMs);
  else reply();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stderr.write('json api listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
