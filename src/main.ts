#!/usr/bin/env node
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { ApiError } from './client/api-client.ts';
import { clientCommands } from './cli/index.ts';
import { failureText, output } from './cli/output.ts';
import { VERSION } from './version.ts';

const program = new Command('switchboard')
  .description('MCP gateway and control plane')
  .version(VERSION)
  .option('--json', 'print results as JSON, for scripts');
// The server's modules load only for the commands that run one: the client commands start fast.
const server = async () => ({ ...(await import('./app.ts')), ...(await import('./config.ts')), ...(await import('./db/orm.ts')) });
const json = () => program.opts<{ json?: boolean }>().json === true;

program
  .command('serve', { isDefault: true })
  .description('serve GraphQL, MCP and REST on HOST:PORT')
  .action(async () => {
    const config = (await import('./config.ts')).loadConfig();
    // The embedded database is the slowest part of a start: it starts while the server's modules load.
    const embedded = config.databaseUrl ? undefined : (await import('./db/embedded.ts')).startEmbeddedPostgres(config.dataDir);
    embedded?.catch(() => {}); // its failure surfaces in buildApp, which awaits it
    const { buildApp } = await import('./app.ts');
    const app = await buildApp(config, { embedded });
    await app.start();
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info('shutting down', { signal });
      try {
        await app.stop();
        process.exit(0);
      } catch (error) {
        app.log.error('shutdown failed', { error: (error as Error)?.stack ?? String(error) });
        process.exit(1);
      }
    };
    // Every door catches its own failures; should one ever escape, it is logged, and nobody else's
    // request ends with it (an uncaught exception still exits: the process state may be broken).
    process.on('unhandledRejection', (reason) => app.log.error('unhandled rejection', { error: (reason as Error)?.stack ?? String(reason) }));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const { loadConfig, openDatabase } = await server();
    const config = loadConfig();
    const db = await openDatabase(config);
    await db.close();
    console.log('migrations applied');
  });

program
  .command('migration:create')
  .description('write a migration for the difference between the entities and the migrated schema')
  .action(async () => {
    const { openDatabase } = await server();
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-migration-'));
    const db = await openDatabase({ dataDir: scratch });
    const created = await (async () => {
      try {
        const result = await db.orm.migrator.create();
        console.log(result.diff.up.length ? `created ${result.fileName}` : 'schema is up to date');
        return result.diff.up.length > 0;
      } finally {
        await db.close();
        rmSync(scratch, { recursive: true, force: true });
      }
    })();
    // New embedded databases start from the template: it gets the new migration too.
    if (created) console.log(`written ${await (await import('./db/write-pgdata-template.ts')).writeTemplate()}`);
  });

clientCommands(program, output(json));

/** Why the command could not run, in one line a person can act on: never a stack trace. */
function failure(error: unknown): string {
  const { code, port, message } = (error ?? {}) as NodeJS.ErrnoException & { port?: number };
  if (code === 'EADDRINUSE') return `port ${port} is already in use: stop what holds it, or set PORT to another`;
  if (code === 'EACCES' && port !== undefined) return `not allowed to listen on port ${port}: set PORT to one above 1023`;
  return (message ?? String(error)).split('\n')[0]!;
}

try {
  await program.parseAsync();
} catch (error) {
  process.stderr.write(error instanceof ApiError ? failureText(error, json()) : `switchboard: ${failure(error)}\n`);
  process.exit(1);
}
