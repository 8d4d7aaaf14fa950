// A new embedded database starts as a copy of an empty, migrated cluster made ahead of time and shipped
// in pgdata-template/ (see write-pgdata-template.ts): initdb and the migrations in WASM take seconds and
// hundreds of MB, the copy a fraction of that. Migrations newer than the template run after the copy.
import { createReadStream, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/** 16 MB of buffers (PostgreSQL's 128 MB are all resident from the start); 1 MB WAL segments. */
const SHARED_BUFFERS = 'shared_buffers=16MB';
export const INITDB_ARGS = ['--wal-segsize=1', '-c', SHARED_BUFFERS];
/** The command line overrides the data dir's own postgresql.conf: older data dirs get the same buffers. */
export const START_PARAMS = [...PGlite.defaultStartParams, '-c', SHARED_BUFFERS];

export const TEMPLATES = fileURLToPath(new URL('./pgdata-template/', import.meta.url));
const pgliteVersion = () => (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('@electric-sql/pglite')), 'utf8')) as { version: string }).version;
/** The template for the installed PGlite: another version's catalog would not open. */
export const templateFile = () => path.join(TEMPLATES, `pglite-${pgliteVersion()}.tar.br`);

export const BLOCK = 512;
export const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;
const text = (header: Buffer, offset: number, length: number) => header.toString('latin1', offset, offset + length).replace(/\0.*$/s, '');

/**
 * Creates `pgDataDir` from the template, whole or not at all (written beside it, then renamed).
 * False when there is no template for this PGlite.
 */
export async function copyTemplate(pgDataDir: string): Promise<boolean> {
  const file = templateFile();
  try {
    statSync(file);
  } catch {
    return false;
  }
  const partial = `${pgDataDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  const read = reader(createReadStream(file).pipe(createBrotliDecompress()));
  for (;;) {
    const header = await read(BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const name = text(header, 0, 100);
    const size = parseInt(text(header, 124, 12), 8);
    const target = path.join(partial, name);
    if (!target.startsWith(partial + path.sep)) throw new Error(`template entry outside the data dir: ${name}`);
    if (header[156] === 0x35 /* '5', a directory */) mkdirSync(target, { recursive: true, mode: 0o700 });
    else writeFileSync(target, await read(size), { mode: 0o600 });
    await read(padding(size));
  }
  renameSync(partial, pgDataDir);
  return true;
}

/** `read(n)` resolves to the stream's next n bytes. */
function reader(stream: AsyncIterable<Buffer>) {
  const source = stream[Symbol.asyncIterator]();
  let chunks: Buffer[] = [];
  let buffered = 0;
  return async (n: number) => {
    while (buffered < n) {
      const { value, done } = await source.next();
      if (done) throw new Error('the template is truncated');
      chunks.push(value);
      buffered += value.length;
    }
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    chunks = all.length > n ? [all.subarray(n)] : [];
    buffered -= n;
    return all.subarray(0, n);
  };
}
