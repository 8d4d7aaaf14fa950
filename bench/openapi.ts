import path from 'node:path';
import { createTestDatabase } from '../test/support/database.ts';
import { graphqlClient } from '../test/support/graphql.ts';
import { freePort, startHttpUpstream } from '../test/support/mcp.ts';
import { childEnv, ROOT, startServer, SERVE } from '../test/support/process.ts';
import type { Row } from './graphql.ts';
import { load } from './load.ts';

const TOKEN = 'bench-admin-token-0123456789';
/** Light load (one caller at a time) and a busy one. */
const CONNECTIONS = [1, 16];

/** The bench API's one operation, as an OpenAPI 3.1 document pointing at it. */
const spec = (origin: string) => JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'bench items', version: '1' },
  servers: [{ url: origin }],
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'q', in: 'query', schema: { type: 'string' } }],
        responses: { 200: { description: 'the item', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
});

const toolCall = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'items__get_item', arguments: { id: '42', q: 'hi' } } });

/**
 * A tool of a server made from an OpenAPI document, called through /mcp (auth, policy, audit, the
 * gateway's own HTTP call), against the same request sent straight to the API, in the same run: once
 * with an API that answers at once (the gateway's whole cost shows) and once with one that works 10 ms,
 * each by one caller at a time and by 16.
 */
export async function benchOpenApi(durationMs: number): Promise<Row[]> {
  const database = await createTestDatabase();
  const app = await startServer(process.execPath, SERVE, {
    env: childEnv({ SWITCHBOARD_DATA_DIR: database.dataDir, SWITCHBOARD_ADMIN_TOKEN: TOKEN, NODE_ENV: 'production', DATABASE_URL: database.databaseUrl, SWITCHBOARD_OUTBOUND_ALLOW: 'loopback' }),
  });
  const rows: Row[] = [];
  try {
    const admin = graphqlClient(app.url, TOKEN);
    const agent = (await admin.data(`mutation { createAgent(input: { name: "bench", allowList: ["*"] }) { token } }`)).createAgent.token;
    for (const delayMs of [0, 10]) {
      const port = await freePort();
      const api = await startHttpUpstream([path.join(ROOT, 'bench/targets/json-api.ts')], /json api listening/, port, { DELAY_MS: String(delayMs) });
      const origin = `http://127.0.0.1:${port}`;
      try {
        const server = await admin.data(`mutation($i: CreateOpenApiServerInput!) { createOpenApiServer(input: $i) { server { id } } }`, { i: { name: 'items', spec: spec(origin) } });
        const direct = { url: `${origin}/items/42?q=hi`, check: (body: string) => body.includes('"item 42"') };
        const proxied = {
          url: `${app.url}/mcp`, body: toolCall, check: (body: string) => body.includes('item 42') && !body.includes('"isError":true'),
          headers: { accept: 'application/json, text/event-stream', authorization: `Bearer ${agent}` },
        };
        await load({ ...direct, connections: 4, durationMs: 1_000 });
        await load({ ...proxied, connections: 4, durationMs: 1_000 });
        for (const connections of CONNECTIONS) {
          const baseline = `API direct, ${delayMs} ms work, ${connections} conn`;
          rows.push({ name: baseline, result: await load({ ...direct, connections, durationMs }) });
          rows.push({ name: `proxy → OpenAPI tool, ${delayMs} ms work, ${connections} conn`, baseline, result: await load({ ...proxied, connections, durationMs }) });
        }
        await admin.data(`mutation($id: ID!) { deleteMcpServer(input: { id: $id }) { deletedServerId } }`, { id: server.createOpenApiServer.server.id });
      } finally {
        api.stop();
      }
    }
    return rows;
  } finally {
    await app.stop();
    await database.drop();
  }
}
