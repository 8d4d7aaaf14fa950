// Many WebSocket subscribers in one process, driven by bench/fanout.ts over IPC. Light on purpose: a
// message is found by a regex on its text, so the server, not this process, is what gets measured.
import WebSocket from 'ws';

export type ClientCommand =
  | { connect: { url: string; count: number; protocol: 'raw' | 'graphql-ws'; token?: string; query?: string } }
  | { reset: true }
  | { report: true };

export type ClientMessage =
  | { connected: number }
  | { complete: number }
  | { report: { delivered: number; p50ms: number; p99ms: number } };

const MARK = /"correlationId":"b(\d+)_(\d+(?:\.\d+)?)"/;
/** Events numbered from here only make sure every subscription is live: they are not measured. */
export const WARM_UP_IDS = 1_000_000_000;
const CONNECT_CONCURRENCY = 200;

const sockets: WebSocket[] = [];
const receivedPerEvent = new Map<number, number>();
let latenciesMs: number[] = [];
let delivered = 0;
let subscribers = 0;

const send = (message: ClientMessage) => process.send!(message);
const now = () => performance.timeOrigin + performance.now();

function onMessage(data: WebSocket.RawData) {
  const match = MARK.exec(data.toString());
  if (!match) return;
  const id = Number(match[1]);
  if (id < WARM_UP_IDS) {
    delivered++;
    latenciesMs.push(now() - Number(match[2]));
  }
  const count = (receivedPerEvent.get(id) ?? 0) + 1;
  if (count === subscribers) {
    receivedPerEvent.delete(id);
    send({ complete: id });
  } else receivedPerEvent.set(id, count);
}

function open(options: Extract<ClientCommand, { connect: unknown }>['connect']): Promise<void> {
  return new Promise((resolve, reject) => {
    const graphqlWs = options.protocol === 'graphql-ws';
    const socket = new WebSocket(options.url, graphqlWs ? 'graphql-transport-ws' : undefined);
    socket.once('error', reject);
    socket.once('open', () => {
      sockets.push(socket);
      if (!graphqlWs) return resolve();
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${options.token}` } }));
    });
    socket.on('message', (data) => {
      if (!graphqlWs || !data.toString().includes('"connection_ack"')) return onMessage(data);
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: options.query } }));
      resolve();
    });
  });
}

process.on('message', async (command: ClientCommand) => {
  if ('connect' in command) {
    const { count } = command.connect;
    for (let started = 0; started < count; started += CONNECT_CONCURRENCY) {
      await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, count - started) }, () => open(command.connect)));
    }
    subscribers = count;
    send({ connected: sockets.length });
  } else if ('reset' in command) {
    latenciesMs = [];
    delivered = 0;
  } else {
    latenciesMs.sort((a, b) => a - b);
    const at = (p: number) => latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(p * latenciesMs.length))] ?? 0;
    send({ report: { delivered, p50ms: at(0.5), p99ms: at(0.99) } });
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
