// Baseline: PGlite as it comes (initdb on an empty data dir, its default settings), in a process of its own.
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create({ dataDir: process.argv[2]! });
await db.query('select 1');
process.stderr.write('{"msg":"ready"}\n');
process.on('SIGTERM', () => void db.close().then(() => process.exit(0)));
