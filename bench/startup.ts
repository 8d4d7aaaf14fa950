// First start: an empty data dir, from spawn until /ready answers 200, and the server's memory then.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../test/support/database.ts';
import { childEnv, ROOT, SERVE } from '../test/support/process.ts';

export const TARGET = { seconds: 3, rssMb: 350 };

interface Start {
  readyMs: number;
  /** Resident right after ready (VmRSS), and the highest it was until then (VmHWM). */
  rssMb: number;
  peakMb: number;
}

export interface StartupRow {
  name: string;
  starts: Start[];
  baseline?: string;
  /** Compared with TARGET. */
  targeted?: boolean;
}

const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Math.round(Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

/** Spawns the command and polls `ready` with what it printed until it says yes. */
async function measureStart(args: string[], env: NodeJS.ProcessEnv, ready: (output: string) => Promise<boolean>): Promise<Start> {
  const started = performance.now();
  const proc = spawn(process.execPath, args, { cwd: ROOT, env });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    while (!(await ready(output))) {
      if (gone) throw new Error(`exited before it was ready:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`not ready after 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = performance.now() - started;
    return { readyMs, rssMb: memoryMb(proc.pid!, 'VmRSS'), peakMb: memoryMb(proc.pid!, 'VmHWM') };
  } finally {
    proc.kill('SIGTERM');
    await exited;
  }
}

async function serverReady(output: string) {
  const url = /"msg":"listening","url":"([^"]+)"/.exec(output)?.[1];
  if (!url) return false;
  return (await fetch(`${url}/ready`)).status === 200;
}

/**
 * `starts` first starts of each: PGlite alone (its own initdb) as the baseline, the server embedded, and
 * the server on PostgreSQL (a new database each time) when DATABASE_URL is set. The data dirs are in the
 * checkout, where the default ./.switchboard is, and deleted after the last start, not between starts:
 * a deletion's disk work would be counted in the next one.
 */
export async function benchStartup(starts = Number(process.env.BENCH_STARTS ?? 3)): Promise<StartupRow[]> {
  if (!existsSync('/proc/self/status')) return [];
  const parent = path.join(ROOT, '.bench', 'startup');
  mkdirSync(parent, { recursive: true });
  const freshDir = () => mkdtempSync(path.join(parent, 'data-'));
  const serverEnv = (extra: Record<string, string | undefined>) => childEnv({ NODE_ENV: undefined, ...extra });
  const drops: (() => Promise<void>)[] = [];
  const rows: StartupRow[] = [
    { name: 'bare PGlite, new data dir (initdb)', starts: [] },
    { name: 'server first start, embedded', baseline: 'bare PGlite, new data dir (initdb)', targeted: true, starts: [] },
    ...(process.env.DATABASE_URL ? [{ name: 'server first start, PostgreSQL', baseline: 'server first start, embedded', starts: [] }] : []),
  ];
  try {
    // Interleaved: a busier minute on the machine weighs on every row alike.
    for (let i = 0; i < starts; i++) {
      const pglite = path.join(freshDir(), 'pgdata');
      rows[0]!.starts.push(await measureStart([path.join(import.meta.dirname, 'targets/bare-pglite.ts'), pglite], serverEnv({}), async (o) => o.includes('"msg":"ready"')));
      rows[1]!.starts.push(await measureStart(SERVE, serverEnv({ SWITCHBOARD_DATA_DIR: freshDir() }), serverReady));
      if (rows[2]) {
        const database = await createTestDatabase();
        drops.push(database.drop);
        rows[2].starts.push(await measureStart(SERVE, serverEnv({ SWITCHBOARD_DATA_DIR: freshDir(), DATABASE_URL: database.databaseUrl }), serverReady));
      }
    }
  } finally {
    for (const drop of drops) await drop();
    rmSync(parent, { recursive: true, force: true });
  }
  return rows;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One line per row: medians, the spread of ready times, ratios to the baseline, and the targets. */
export function startupTable(rows: StartupRow[]) {
  const of = (row: StartupRow) => ({
    seconds: median(row.starts.map((s) => s.readyMs)) / 1000,
    rss: median(row.starts.map((s) => s.rssMb)),
    peak: median(row.starts.map((s) => s.peakMb)),
  });
  const byName = new Map(rows.map((row) => [row.name, of(row)]));
  return rows.map((row) => {
    const m = of(row);
    const base = row.baseline ? byName.get(row.baseline) : undefined;
    const times = row.starts.map((s) => s.readyMs / 1000);
    return {
      name: row.name,
      starts: row.starts.length,
      'ready s': m.seconds.toFixed(2),
      'ready s min–max': `${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)}`,
      'RSS MB': m.rss,
      'peak MB': m.peak,
      'vs baseline': base ? `${(m.seconds / base.seconds).toFixed(2)}× time, ${(m.rss / base.rss).toFixed(2)}× RSS of ${row.baseline}` : 'baseline',
      target: row.targeted
        ? `${m.seconds <= TARGET.seconds ? 'met' : 'missed'} ≤ ${TARGET.seconds} s, ${m.rss <= TARGET.rssMb ? 'met' : 'missed'} ≤ ${TARGET.rssMb} MB`
        : '',
    };
  });
}
