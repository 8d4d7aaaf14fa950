import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { App } from '../src/app.ts';
import type { LoadResult } from './load.ts';
import type { Row } from './graphql.ts';
import { WARM_UP_IDS, type ClientCommand, type ClientMessage } from './targets/ws-subscribers.ts';

const CLIENT = path.resolve(import.meta.dirname, 'targets/ws-subscribers.ts');
export const BENCH_QUERY = 'subscription { auditEvents(filter: { server: "bench" }) { seq type occurredAt correlationId actor { name } serverName toolName status durationMs } }';
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
  const child = fork(CLIENT, [], { stdio: 'inherit' });
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

/**
 * Emits warm-up events until one reaches every subscriber (then every subscription is live), and waits for
 * the last one emitted, so that none is still being delivered when measuring starts.
 */
async function warmUp(target: Target, child: ChildProcess): Promise<void> {
  let last = WARM_UP_IDS;
  const completed = new Set<number>();
  await new Promise<void>((resolve) => {
    const onMessage = (m: ClientMessage) => {
      if (!('complete' in m)) return;
      completed.add(m.complete);
      if (!completed.has(last)) return;
      clearInterval(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    const timer = setInterval(() => {
      if (!completed.size) target.emit(++last);
    }, 500);
    target.emit(last);
  });
}

type Load = { window: number } | { eventsPerSecond: number };

/**
 * Either a closed loop (`window` events in flight at most, the next one emitted when one has reached
 * every subscriber: capacity) or a fixed rate (latency under a load the target sustains). Deliveries per
 * second and latency (emit → received) are measured in the subscribers' process.
 */
export async function measure(target: Target, subscribers: number, durationMs: number, load: Load): Promise<LoadResult> {
  const { child, command, next } = startClient();
  command({ connect: { url: target.url, count: subscribers, protocol: target.protocol, token: target.token, query: BENCH_QUERY } });
  await next('connected');
  await warmUp(target, child);
  command({ reset: true });

  let id = 0;
  let inFlight = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await new Promise<void>((resolve) => {
    const emit = () => {
      inFlight++;
      target.emit(id++);
    };
    const pump = () => {
      if ('window' in load) while (inFlight < load.window && performance.now() < deadline) emit();
      if (inFlight === 0 && performance.now() >= deadline) resolve();
    };
    child.on('message', (m: ClientMessage) => {
      if (!('complete' in m) || m.complete >= WARM_UP_IDS) return;
      inFlight--;
      pump();
    });
    if ('eventsPerSecond' in load) {
      const timer = setInterval(() => (performance.now() < deadline ? emit() : (clearInterval(timer), pump())), 1000 / load.eventsPerSecond);
    } else pump();
  });
  const seconds = (performance.now() - started) / 1000;
  command({ report: true });
  const { report } = await next('report');
  await new Promise((resolve) => child.once('exit', resolve));
  return { requests: report.delivered, errors: 0, seconds, rps: report.delivered / seconds, p50ms: report.p50ms, p99ms: report.p99ms };
}

/**
 * Fan-out of audit events to 1,000 and 10,000 subscribers against a raw `ws` broadcast, same run: capacity
 * with `window` events in flight, then latency with both paced at half the event rate Switchboard sustained,
 * and at one event a second.
 */
export async function benchFanout(app: App, token: string, durationMs: number, window = Number(process.env.BENCH_FANOUT_WINDOW ?? 8)): Promise<Row[]> {
  const rows: Row[] = [];
  for (const subscribers of [1_000, 10_000]) {
    const raw = await rawBroadcast();
    const ours = switchboard(app, token);
    const baseline = `raw ws broadcast, ${subscribers} subscribers`;
    rows.push({ name: baseline, unit: 'deliveries/s', result: await measure(raw, subscribers, durationMs, { window }) });
    const capacity = await measure(ours, subscribers, durationMs, { window });
    rows.push({ name: `auditEvents to ${subscribers} subscribers`, unit: 'deliveries/s', baseline, result: capacity });
    // Latency under load (half the capacity measured, where events are batched) and of one event at a time.
    for (const eventsPerSecond of new Set([Math.max(1, Math.round(capacity.rps / subscribers / 2)), 1])) {
      const pacedBaseline = `raw ws broadcast, ${subscribers} subscribers, ${eventsPerSecond} events/s`;
      rows.push({ name: pacedBaseline, unit: 'deliveries/s', result: await measure(raw, subscribers, durationMs / 2, { eventsPerSecond }) });
      rows.push({ name: `auditEvents to ${subscribers} subscribers, ${eventsPerSecond} events/s`, unit: 'deliveries/s', baseline: pacedBaseline, result: await measure(ours, subscribers, durationMs / 2, { eventsPerSecond }) });
    }
    await raw.close();
  }
  return rows;
}
