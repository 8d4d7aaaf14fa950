// Baseline: the least a Node HTTP server can do for a GraphQL-shaped request (read body, answer JSON).
import http from 'node:http';

const answer = JSON.stringify({ data: { viewer: { username: 'admin' } } });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString());
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stderr.write(`{"msg":"listening","url":"http://127.0.0.1:${port}"}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
