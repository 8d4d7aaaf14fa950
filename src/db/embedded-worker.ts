// Runs PGlite and its socket server off the main thread: PGlite blocks its thread for each query.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { copyTemplate, INITDB_ARGS, START_PARAMS } from './pgdata-template.ts';

const { pgDataDir, host, maxConnections } = workerData as { pgDataDir: string; host: string; maxConnections: number };

try {
  // Without a template for this PGlite, PGlite runs initdb itself.
  if (!existsSync(pgDataDir)) await copyTemplate(pgDataDir);
  const db = await PGlite.create({ dataDir: pgDataDir, initDbStartParams: INITDB_ARGS, startParams: START_PARAMS });
  const server = new PGLiteSocketServer({ db, host, port: 0, maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  parentPort!.on('message', async (msg: string) => {
    if (msg !== 'stop') return;
    await server.stop();
    await db.close();
    parentPort!.postMessage({ type: 'stopped' });
  });
  parentPort!.postMessage({ type: 'ready', port });
} catch (error) {
  parentPort!.postMessage({ type: 'error', message: (error as Error).message });
}
