import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { App } from '../src/app.ts';
import type { LoadResult } from './load.ts';
import type { Row } from './graphql.ts';
import type { ClientCommand, ClientMessage } from './targets/ws-subscribers.ts';

const CLIENT = path.resolve(import.meta.dirname, 'targets/ws-subscribers.ts');
export const BENCH_QUERY = 'subscription { auditEvents(filter: { server: "bench" }) { seq type occurredAt correlationId actor { name } serverName toolName status durationMs } }';
/** Warm-up events are numbered from here, so their late arrivals are not counted. */
const WARM_UP_IDS = 1_000_000_000;
const now = () => performance.timeOrigin + performance.now();
/** The correlation id carries the event's number and when it was emitted: subscribers compute latency from it. */
const mark = (id: number) => `b${id}_${now().toFixed(3)}`;

interface Target {
  name: string;
  url: string;
  protocol: 'raw' | 'graphql-ws';
  token?: string;
  emit(id: number): void;
  close(): Promise<void>;
}

/** The baseline: one message serialised once per event and written to every socket. */
export async function rawBroadcast(): Promise<Target> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  let seq = 0;
  return {
    name: 'raw ws broadcast',
    url: `ws://127.0.0.1:${port}`,
    protocol: 'raw',
    emit(id) {
      const message = JSON.stringify({ id: '1', type: 'next', payload: { data: { auditEvents: {
        seq: String(++seq), type: 'tool_invocation', occurredAt: new Date().toISOString(), correlationId: mark(id), actor: { name: 'bench' },
        serverName: 'bench', toolName: 'echo', status: 'SUCCESS', durationMs: 1,
      } } } });
      for (const client of server.clients) client.send(message);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Switchboard: each event is recorded (group commit), read back once by the feed, and sent over graphql-ws. */
export function switchboard(app: App, token: string): Target {
  return {
    name: 'Switchboard auditEvents',
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    protocol: 'graphql-ws',
    token,
    emit(id) {
      void app.services.audit.record({
        type: 'tool_invocation', status: 'success', correlationId: mark(id), serverName: 'bench', toolName: 'echo', durationMs: 1,
        actor: { kind: 'user', id: 'usr_bench', name: 'bench' },
      });
    },
    close: async () => {},
  };
}

function startClient() {
  const child = fork(CLIENT, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const command = (c: ClientCommand) => child.send(c);
  const next = <K extends string>(key: K) => new Promise<Extract<ClientMessage, Record<K, unknown>>>((resolve) => {
    const onMessage = (m: ClientMessage) => {
      if (key in m) {
        child.off('message', onMessage);
        resolve(m as never);
      }
    };
    child.on('message', onMessage);
  });
  return { child, command, next };
}

/** Resolves once one event emitted now reaches every subscriber (so every subscription is live). */
async function warmUp(target: Target, child: ChildProcess, firstId: number): Promise<number> {
  let id = firstId;
  const completed = new Promise<void>((resolve) => child.once('message', () => resolve()));
  const timer = setInterval(() => target.emit(id++), 100);
  target.emit(id++);
  await completed;
  clearInterval(timer);
  return id;
}

/**
 * A closed loop: `window` events in flight at most, the next one emitted when one has reached every
 * subscriber. Deliveries per second and latency (emit → received) are measured in the subscribers' process.
 */
export async function measure(target: Target, subscribers: number, durationMs: number, window: number): Promise<LoadResult> {
  const { child, command, next } = startClient();
  command({ connect: { url: target.url, count: subscribers, protocol: target.protocol, token: target.token, query: BENCH_QUERY } });
  await next('connected');
  let id = await warmUp(target, child, WARM_UP_IDS);
  await new Promise((resolve) => setTimeout(resolve, 200));
  command({ reset: true });

  let inFlight = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (inFlight < window && performance.now() < deadline) {
        inFlight++;
        target.emit(id++);
      }
      if (inFlight === 0) resolve();
    };
    child.on('message', (m: ClientMessage) => {
      if (!('complete' in m) || m.complete >= WARM_UP_IDS) return;
      inFlight--;
      pump();
    });
    id = 0;
    pump();
  });
  const seconds = (performance.now() - started) / 1000;
  command({ report: true });
  const { report } = await next('report');
  await new Promise((resolve) => child.once('exit', resolve));
  return { requests: report.delivered, errors: 0, seconds, rps: report.delivered / seconds, p50ms: report.p50ms, p99ms: report.p99ms };
}

/** Fan-out of audit events to 1,000 and 10,000 subscribers against a raw `ws` broadcast, same load, same run. */
export async function benchFanout(app: App, token: string, durationMs: number, window = Number(process.env.BENCH_FANOUT_WINDOW ?? 4)): Promise<Row[]> {
  const rows: Row[] = [];
  for (const subscribers of [1_000, 10_000]) {
    const raw = await rawBroadcast();
    const baseline = `raw ws broadcast, ${subscribers} subscribers`;
    rows.push({ name: baseline, unit: 'deliveries/s', result: await measure(raw, subscribers, durationMs, window) });
    await raw.close();
    const ours = switchboard(app, token);
    rows.push({ name: `auditEvents to ${subscribers} subscribers`, unit: 'deliveries/s', baseline, result: await measure(ours, subscribers, durationMs, window) });
  }
  return rows;
}
