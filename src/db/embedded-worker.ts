// Runs PGlite and its socket server off the main thread: PGlite blocks its thread for each query.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { pgDataDir, host, maxConnections } = workerData as { pgDataDir: string; host: string; maxConnections: number };

try {
  const db = await PGlite.create({ dataDir: pgDataDir });
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
