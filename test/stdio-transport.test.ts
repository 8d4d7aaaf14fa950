import net from 'node:net';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StdioTransport } from '../src/mcp/stdio-transport.ts';
import { eventually } from './support/fixtures.ts';
import { FIXTURE } from './support/mcp.ts';

const ping = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'ping' });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the stdio transport', () => {
  it('writes the messages sent in one turn of the event loop to the process with one system call, and a lone message on its own', async () => {
    const answered: JSONRPCMessage[] = [];
    const transport = new StdioTransport({ command: process.execPath, args: [FIXTURE], env: {}, maxMessageBytes: 100_000, onStderr: () => {} });
    transport.onmessage = (message) => answered.push(message);
    await transport.start();
    try {
      // Every write of a socket or pipe goes through one of these two; only the pings are ours.
      const single = vi.spyOn(net.Socket.prototype, '_write');
      const gathered = vi.spyOn(net.Socket.prototype, '_writev');
      const pings = (chunk: unknown) => String(chunk).includes('"method":"ping"');

      await Promise.all([1, 2, 3].map((id) => transport.send(ping(id))));
      await nextTurn();
      expect(single.mock.calls.filter(([chunk]) => pings(chunk))).toHaveLength(0);
      const writes = gathered.mock.calls.map(([chunks]) => chunks.filter(({ chunk }) => pings(chunk))).filter((chunks) => chunks.length);
      expect(writes.map((chunks) => chunks.length)).toEqual([3]);

      await transport.send(ping(4));
      await nextTurn();
      expect(single.mock.calls.filter(([chunk]) => pings(chunk))).toHaveLength(1);
      expect(await eventually(async () => answered.map((m) => ('id' in m ? m.id : null)).sort(), (ids) => ids.length === 4)).toEqual([1, 2, 3, 4]);
    } finally {
      await transport.close();
    }
  });
});
