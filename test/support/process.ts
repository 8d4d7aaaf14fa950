import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The arguments `npm start` gives Node (see package.json). */
export const SERVE = ['--experimental-async-context-frame', '--enable-experimental-regexp-engine', 'src/main.ts', 'serve'];

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Environment for a child server: the test's PATH (Node 22 first), none of the parent's Switchboard settings. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: '0', SWITCHBOARD_LOG_LEVEL: 'info' };
  for (const key of Object.keys(env)) if (key.startsWith('SWITCHBOARD_') && key !== 'SWITCHBOARD_LOG_LEVEL') delete env[key];
  delete env.DATABASE_URL;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs a command to completion, returning its exit code and combined output. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const proc = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    proc.on('exit', (code) => resolve({ code, output }));
  });
}

/** Starts `command args` and waits for the server's "listening" log line. */
export function startServer(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ServerProcess> {
  const proc = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env, detached: true });
  let output = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-proc.pid!, 'SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /"msg":"listening","url":"([^"]+)"/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        proc,
        url: match[1]!,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          // npm runs the server as a child: signal the whole group, as a terminal or supervisor would.
          process.kill(-proc.pid!, signal);
          return exited;
        },
      });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}
