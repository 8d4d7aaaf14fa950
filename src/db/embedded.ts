import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts PGlite (PostgreSQL in WASM) in a worker thread, reachable over a loopback socket. */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'switchboard.lock');
  takeLock(lockFile);
  const worker = new Worker(new URL('./embedded-worker.ts', import.meta.url), {
    workerData: { pgDataDir: path.join(dataDir, 'pgdata'), host: HOST, maxConnections: 4 },
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (msg: { type: string; port?: number; message?: string }) =>
        msg.type === 'ready' ? resolve(msg.port!) : reject(new Error(`Embedded database failed: ${msg.message}`)),
      );
    });
    return {
      url: `postgres://postgres@${HOST}:${port}/postgres`,
      async stop() {
        const stopped = new Promise((resolve) => worker.once('message', resolve));
        worker.postMessage('stop');
        await Promise.race([stopped, new Promise((r) => setTimeout(r, 5_000))]);
        await worker.terminate();
        rmSync(lockFile, { force: true });
      },
    };
  } catch (error) {
    await worker.terminate();
    rmSync(lockFile, { force: true });
    throw error;
  }
}

/** PGlite has no lock of its own: two processes on one data dir would corrupt it. */
function takeLock(lockFile: string) {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(readFileSync(lockFile, 'utf8'));
  if (holder && isAlive(holder)) {
    throw new Error(`Data directory ${path.dirname(lockFile)} is in use by process ${holder}`);
  }
  writeFileSync(lockFile, String(process.pid));
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
