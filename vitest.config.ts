import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 has no "exports" map: Node loads its CommonJS build where Vite would pick the ESM one,
  // and two copies break `instanceof GraphQLError`. Resolve it the way Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The runtime `npm start` uses (see package.json): AsyncLocalStorage on async context frames.
    execArgv: ['--experimental-async-context-frame', '--enable-experimental-regexp-engine'],
    maxWorkers: 2,
    teardownTimeout: 20_000,
  },
});
