import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { codeLoadingNames } from '../auth/host-env.ts';
import { feed, LineReader } from './line-reader.ts';
import { InboundMessages } from './inbound-messages.ts';

export interface StdioOptions {
  command: string;
  args: string[];
  /** The configured values; the process also gets the safe defaults of ours (PATH, HOME…), never our secrets. */
  env: Record<string, string>;
  /** The largest message read from the process; a larger answer becomes an error answer to its request. */
  maxMessageBytes: number;
  /** Each stderr line (at most 2 KB, at most 100 a minute): a chatty or hostile process cannot flood the log. */
  onStderr(line: string): void;
}

const STDERR_LINE_BYTES = 2_048;
const STDERR_LINES_PER_MINUTE = 100;
const CLOSE_GRACE_MS = 2_000;

/**
 * The client side of MCP over stdio: one process, one JSON-RPC message per line. Our own rather than
 * the SDK's so that what the process is given and what it may send back are bounded here: names that
 * change how it loads code are refused in every env source, and no message or stderr line is held
 * beyond its limit.
 */
export class StdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  readonly #options: StdioOptions;
  readonly #inbound: InboundMessages;
  #process: ChildProcessWithoutNullStreams | undefined;
  #stderr = { windowStart: 0, logged: 0, dropped: 0 };
  #corked = false;

  constructor(options: StdioOptions) {
    this.#options = options;
    this.#inbound = new InboundMessages(options.maxMessageBytes, this);
  }

  /** Spawns the process; once it runs, starting again (a client taking over after the era probe) is a no-op. */
  start(): Promise<void> {
    if (this.#process) return Promise.resolve();
    const { command, args, env, maxMessageBytes } = this.#options;
    const refused = codeLoadingNames(Object.keys(env));
    if (refused.length) return Promise.reject(new Error(`Refused to start: ${refused.join(', ')} would change how the process finds or loads code`));
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { env: { ...getDefaultEnvironment(), ...env }, stdio: 'pipe', shell: false });
      this.#process = child;
      child.on('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('close', () => {
        this.#process = undefined;
        this.onclose?.();
      });
      const stdout = new LineReader(maxMessageBytes, (line) => line.trim() && this.#inbound.received(line), (line) => this.#inbound.oversized(line));
      const stderr = new LineReader(STDERR_LINE_BYTES, (line) => this.#stderrLine(line), (line) => this.#stderrLine(`${line.head}… (${line.bytes} bytes)`));
      const fail = (error: Error) => {
        this.onerror?.(error);
        void this.close();
      };
      feed(child.stdout, (chunk) => stdout.push(chunk), fail);
      feed(child.stderr, (chunk) => stderr.push(chunk), fail);
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.on('error', (error) => this.onerror?.(error));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#process?.stdin;
    if (!stdin) return Promise.reject(new Error('Not connected'));
    this.#inbound.sent(message);
    // Messages sent in one turn of the event loop go in one write: measured, a write per message took
    // a tenth of the gateway's CPU under 32 concurrent calls.
    if (!this.#corked) {
      this.#corked = true;
      stdin.cork();
      setImmediate(() => {
        this.#corked = false;
        stdin.uncork();
      });
    }
    return new Promise((resolve) => (stdin.write(`${JSON.stringify(message)}\n`) ? resolve() : stdin.once('drain', resolve)));
  }

  async close(): Promise<void> {
    const child = this.#process;
    if (!child) return;
    this.#process = undefined;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const settle = () => Promise.race([closed, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    child.stdin.end();
    await settle();
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await settle();
    }
  }

  #stderrLine(line: string) {
    const now = Date.now();
    const budget = this.#stderr;
    if (now - budget.windowStart >= 60_000) {
      if (budget.dropped) this.#options.onStderr(`(${budget.dropped} more stderr lines were not logged)`);
      Object.assign(budget, { windowStart: now, logged: 0, dropped: 0 });
    }
    if (budget.logged++ < STDERR_LINES_PER_MINUTE) this.#options.onStderr(line);
    else budget.dropped++;
  }
}
