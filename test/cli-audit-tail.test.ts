import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { eventually } from './support/fixtures.ts';
import { ROOT } from './support/process.ts';

/** A TCP relay to the app whose connections the test can cut, as a load balancer or a network would. */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut: () => sockets.forEach((socket) => socket.destroy()),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A command that keeps running, its stdout read as JSON lines. */
function follow(args: string[], env: Record<string, string>) {
  const proc: ChildProcess = spawn(process.execPath, ['src/main.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  const lines: { seq: string; type: string; target?: unknown }[] = [];
  let stderr = '';
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts.filter(Boolean).map((line) => JSON.parse(line)));
  });
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  return { lines, stderr: () => stderr, exited, stop: () => proc.kill() };
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const createUser = (username: string) => t.admin.data(`mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }`, { i: { username } });

describe('switchboard audit tail', () => {
  it('follows committed events and resumes after a dropped connection with nothing missed or repeated', async () => {
    const network = await relay(new URL(t.url));
    const tail = follow(['--json', 'audit', 'tail', '--after', '0', '--type', 'user_created'], { SWITCHBOARD_URL: network.url, SWITCHBOARD_TOKEN: ADMIN_TOKEN });
    try {
      await createUser('tail-one');
      await eventually(async () => tail.lines.length, (n) => n >= 1, 10_000);

      network.cut();
      // Written while the follower is disconnected: it must get them when it resumes.
      await createUser('tail-two');
      await createUser('tail-three');
      await eventually(async () => tail.lines.length, (n) => n >= 3, 15_000);
      await createUser('tail-four');
      await eventually(async () => tail.lines.length, (n) => n >= 4, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(tail.lines.map((line) => line.type)).toEqual(['user_created', 'user_created', 'user_created', 'user_created']);
      const seqs = tail.lines.map((line) => BigInt(line.seq));
      expect(new Set(seqs).size).toBe(4);
      expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    } finally {
      tail.stop();
      await network.close();
    }
  });

  it('stops after --limit events, and ends with the code when the token is refused', async () => {
    await createUser('tail-limit');
    const limited = follow(['--json', 'audit', 'tail', '--after', '0', '--limit', '2'], { SWITCHBOARD_URL: t.url, SWITCHBOARD_TOKEN: ADMIN_TOKEN });
    expect(await limited.exited).toBe(0);
    expect(limited.lines).toHaveLength(2);

    const refused = follow(['audit', 'tail'], { SWITCHBOARD_URL: t.url, SWITCHBOARD_TOKEN: 'sb_not-a-real-token-000000000000' });
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain('UNAUTHENTICATED');
  });
});
