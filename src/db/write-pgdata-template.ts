// `npm run db:template` makes the embedded database's template again after a PGlite upgrade (without a
// template for the installed PGlite, initdb runs). `npm run migration:create` runs it after a new migration.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { openDatabase } from './orm.ts';
import { BLOCK, padding, TEMPLATES, templateFile } from './pgdata-template.ts';

/** A ustar header: names here are short (`base/5/1255`), owners irrelevant. */
function header(name: string, size: number, directory: boolean, mtime: Date) {
  if (Buffer.byteLength(name) >= 100) throw new Error(`name too long for the template: ${name}`);
  const h = Buffer.alloc(BLOCK);
  const octal = (value: number, offset: number, length: number) => h.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, 'latin1');
  h.write(name, 0, 'latin1');
  octal(directory ? 0o700 : 0o600, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  h.write(directory ? '5' : '0', 156, 'latin1');
  h.write('ustar\x0000', 257, 'latin1');
  h.write(' '.repeat(8), 148, 'latin1');
  octal(h.reduce((sum, byte) => sum + byte, 0), 148, 7);
  return h;
}

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * The cluster as a tarball: every directory, then the files by name, so that a catalog's file in each of
 * initdb's three databases (`base/1/1255`, `base/4/1255`, `base/5/1255`) sit side by side and compress
 * as one within a small window. Of the WAL, only the segment of the shutdown checkpoint (the oldest kept):
 * the others are recycled segments, old records under future names, which PostgreSQL makes anew when needed.
 */
function tar(root: string): Buffer {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).map((entry) => ({
    entry,
    name: path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
  }));
  const segments = entries.filter(({ entry, name }) => name.startsWith('pg_wal/') && WAL_SEGMENT.test(entry.name)).map(({ name }) => name).sort();
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const directories = entries.filter(({ entry }) => entry.isDirectory()).map(({ name }) => name).sort(byName);
  const files = entries
    .filter(({ entry, name }) => !entry.isDirectory() && (!segments.includes(name) || name === segments[0]))
    .sort((a, b) => byName(a.entry.name, b.entry.name) || byName(a.name, b.name))
    .map(({ name }) => name);
  const parts: Buffer[] = directories.map((name) => header(name, 0, true, statSync(path.join(root, name)).mtime));
  for (const name of files) {
    const data = readFileSync(path.join(root, name));
    parts.push(header(name, data.length, false, statSync(path.join(root, name)).mtime), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/**
 * A new embedded database as the server makes one without a template (initdb, then every migration, no
 * rows: the bootstrap admin comes later, at the first start), shut down cleanly, written as the template.
 */
export async function writeTemplate(): Promise<string> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-template-'));
  try {
    mkdirSync(TEMPLATES, { recursive: true });
    // Made from nothing, not from the template it replaces.
    for (const old of readdirSync(TEMPLATES)) rmSync(path.join(TEMPLATES, old));
    const db = await openDatabase({ dataDir: scratch });
    await db.close();
    const packed = tar(path.join(scratch, 'pgdata'));
    // A 1 MB window (the largest file) is all the decoder holds while it copies: 0.9 MB on disk.
    const compressed = brotliCompressSync(packed, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 20, [constants.BROTLI_PARAM_SIZE_HINT]: packed.length },
    });
    writeFileSync(templateFile(), compressed);
    return templateFile();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.main) process.stdout.write(`written ${await writeTemplate()}\n`);
