import path from 'node:path';
import { createTestDatabase } from '../test/support/database.ts';
import { childEnv, startServer, SERVE } from '../test/support/process.ts';
import { load, type LoadResult } from './load.ts';

const TOKEN = 'bench-admin-token-0123456789';

export interface Row {
  name: string;
  result: LoadResult;
  baseline?: string;
  /** What `result.rps` counts (default requests/s). */
  unit?: string;
  /** Acknowledged writes missing from the database afterwards. */
  lost?: number;
}

/** A simple GraphQL query through the whole stack vs a bare node:http server, same load, same run. */
export async function benchGraphQL(durationMs: number): Promise<Row[]> {
  const database = await createTestDatabase();
  const bare = await startServer(process.execPath, [path.resolve(import.meta.dirname, 'targets/bare-http.ts')], { env: childEnv({}) });
  const app = await startServer(process.execPath, SERVE, {
    env: childEnv({ SWITCHBOARD_DATA_DIR: database.dataDir, SWITCHBOARD_ADMIN_TOKEN: TOKEN, NODE_ENV: 'production', DATABASE_URL: database.databaseUrl }),
  });
  try {
    const common = { connections: 16, durationMs };
    const typename = JSON.stringify({ query: '{ __typename }' });
    const viewer = JSON.stringify({ query: '{ viewer { username } }' });
    await load({ ...common, url: `${app.url}/graphql`, body: viewer, headers: { authorization: `Bearer ${TOKEN}` }, durationMs: 1_000 });
    return [
      { name: 'bare node:http', result: await load({ ...common, url: `${bare.url}/`, body: viewer }) },
      { name: 'GraphQL { __typename }', baseline: 'bare node:http', result: await load({ ...common, url: `${app.url}/graphql`, body: typename, check: (b) => b.includes('"Query"') }) },
      {
        name: 'GraphQL { viewer } with auth',
        baseline: 'bare node:http',
        result: await load({ ...common, url: `${app.url}/graphql`, body: viewer, headers: { authorization: `Bearer ${TOKEN}` }, check: (b) => b.includes('"admin"') }),
      },
      {
        // The same operation through a REST dialect: its document runs through the same pipeline.
        name: 'REST GET /api/v0/users/whoami',
        baseline: 'GraphQL { viewer } with auth',
        result: await load({ ...common, url: `${app.url}/api/v0/users/whoami`, headers: { authorization: `Bearer ${TOKEN}` }, check: (b) => b.includes('"admin"') }),
      },
    ];
  } finally {
    await Promise.all([bare.stop(), app.stop()]);
    await database.drop();
  }
}
