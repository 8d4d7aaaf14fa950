import { spawn } from 'node:child_process';
import { ROOT } from './process.ts';

/** The real binary, as a user runs it, with a home of its own for the stored session. */
export function cli(home: string, env: Record<string, string> = {}) {
  return (args: string[], stdin?: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, ['src/main.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, XDG_CONFIG_HOME: home, ...env },
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d) => (stdout += d));
      proc.stderr.on('data', (d) => (stderr += d));
      proc.on('exit', (code) => resolve({ code, stdout, stderr }));
      proc.stdin.end(stdin ?? '');
    });
}
