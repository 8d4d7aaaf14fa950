import { afterAll, beforeAll, expect, it } from 'vitest';
import { PubSub } from '../src/events/pubsub.ts';
import { Signals } from '../src/events/signals.ts';
import { DeploymentBoard, REPORTED } from '../src/mcp/deployment.ts';
import { DEPLOYMENT_TOPIC, type DeploymentState } from '../src/resolvers/upstream-port.ts';
import { startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const HEARTBEAT_MS = 100;
const all = () => true;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Boards of several instances on one pub/sub: each instance's signals deliver only here, in process. */
function instances() {
  const pubsub = new PubSub();
  const heard: DeploymentState[] = [];
  pubsub.subscribe<DeploymentState>(DEPLOYMENT_TOPIC, (state) => heard.push(state));
  const board = () => {
    const signals = new Signals(pubsub, t.app.services.orm, t.app.log);
    return { instanceId: signals.instanceId, board: new DeploymentBoard(pubsub, signals, { heartbeatMs: HEARTBEAT_MS }) };
  };
  return { pubsub, heard, board };
}

it('keeps the runtimes of an instance that beats, and reports those of a silent one stopped, then forgets them', async () => {
  const { pubsub, heard, board } = instances();
  const alive = board();
  const watcher = board();
  await alive.board.report('srv_beating', null, 'running');
  // A crashed instance: it reported, then was never heard from again.
  pubsub.publish(REPORTED, { instanceId: 'crashed', serverId: 'srv_crashed', userId: 'usr_1', status: 'running', message: null, at: new Date().toISOString(), n: 1 });
  expect(watcher.board.runtimes('srv_crashed', all)).toMatchObject([{ status: 'running', instanceId: 'crashed' }]);

  await sleep(HEARTBEAT_MS * 6);
  expect(watcher.board.runtimes('srv_beating', all)).toMatchObject([{ status: 'running', instanceId: alive.instanceId }]);
  expect(watcher.board.runtimes('srv_crashed', all)).toEqual([]);
  // Both boards publish on this one pub/sub what they hear: each change shows up twice.
  expect(heard.filter((state) => state.serverId === 'srv_crashed').map((state) => [state.status, state.message])).toEqual([
    ['running', null],
    ['running', null],
    ['stopped', 'its Switchboard instance stopped answering'],
    ['stopped', 'its Switchboard instance stopped answering'],
  ]);
  await Promise.all([alive.board.close(), watcher.board.close()]);
});

it('ignores reports it cannot read and reports it has already heard', () => {
  const { pubsub, heard, board } = instances();
  const watcher = board();
  const report = { instanceId: 'other', serverId: 'srv_x', userId: null, status: 'running', message: null, at: new Date().toISOString(), n: 2 };
  for (const bad of [null, 'text', { ...report, status: 'exploded' }, { ...report, userId: 7 }, { ...report, at: 'yesterday' }, { ...report, n: '2' }]) {
    pubsub.publish(REPORTED, bad);
  }
  pubsub.publish(REPORTED, report);
  pubsub.publish(REPORTED, report);
  pubsub.publish(REPORTED, { ...report, status: 'starting', n: 1 });
  expect(heard).toEqual([{ instanceId: 'other', serverId: 'srv_x', userId: null, status: 'running', message: null, at: new Date(report.at) }]);
  expect(watcher.board.runtimes('srv_x', all)).toHaveLength(1);
  void watcher.board.close();
});
