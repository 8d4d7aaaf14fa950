import { buildApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { eventually } from './fixtures.ts';
import { graphqlClient, type GraphQLClient } from './graphql.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: App;
  url: string;
  db: TestDatabase;
  config: Config;
  /** Every line the app logged, for checks that secrets never reach the log. */
  logs: string[];
  /** Whether a line containing `text` is logged within a few seconds (an upstream's stderr is logged too). */
  logged(text: string): Promise<boolean>;
  admin: GraphQLClient;
  client(token?: string | null): GraphQLClient;
  stop(): Promise<void>;
}

/** A running server on a free port with a database of its own, as a user would start it. */
export async function startTestApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SWITCHBOARD_DATA_DIR: db.dataDir,
    SWITCHBOARD_ADMIN_TOKEN: ADMIN_TOKEN,
    SWITCHBOARD_LOG_LEVEL: 'debug',
    // Test upstreams listen on loopback, and suites log in and fail on purpose far more than any person:
    // the tests of those limits set them low again.
    SWITCHBOARD_OUTBOUND_ALLOW: 'loopback',
    SWITCHBOARD_AUTH_FAILURES_PER_MINUTE: '100000',
    SWITCHBOARD_LOGINS_PER_MINUTE: '100000',
    SWITCHBOARD_LOGIN_FAILURES_PER_ACCOUNT: '1000',
    SWITCHBOARD_MAILS_PER_HOUR: '100000',
    ...(db.databaseUrl && { DATABASE_URL: db.databaseUrl }),
    ...env,
  });
  const logs: string[] = [];
  const app = await buildApp(config, { log: createLogger('debug', (line) => logs.push(line)), announce: (l) => logs.push(l) });
  const url = await app.start();
  return {
    app,
    url,
    db,
    config,
    logs,
    logged: (text) => eventually(async () => logs.some((line) => line.includes(text)), Boolean),
    admin: graphqlClient(url, ADMIN_TOKEN),
    client: (token) => graphqlClient(url, token ?? null),
    async stop() {
      await app.stop();
      if (!database) await db.drop();
    },
  };
}
