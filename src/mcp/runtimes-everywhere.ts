import { z } from 'zod';
import type { PubSub } from '../events/pubsub.ts';
import { SYSTEM_REPLACED_SIGNAL, type Signals } from '../events/signals.ts';
import type { Logger } from '../log.ts';
import type { UpstreamControl } from '../resolvers/upstream-port.ts';
import type { Supervisor } from './supervisor.ts';

/** Instances tell each other on this topic which server's runtimes (or which user's of it) to stop. */
const STOP_TOPIC = 'runtimes.stop';
const StopMessage = z.strictObject({ serverId: z.string().min(1).max(64), userId: z.string().min(1).max(64).optional() });

/**
 * The resolvers' view of the runtimes: a stop (the server's configuration changed, or it left service)
 * stops them here and then on every instance, so no instance keeps serving a configuration that is
 * gone. A restore or a reset stops them all. An instance that misses the message (its listener was
 * down) still drops them on its idle timeout.
 */
export function runtimesEverywhere(supervisor: Supervisor, events: { pubsub: PubSub; signals: Signals }, log: Logger): UpstreamControl {
  const failed = (error: unknown) => log.warn('stopping upstreams failed', { error: String(error) });
  events.pubsub.subscribe<unknown>(STOP_TOPIC, (payload) => {
    const message = StopMessage.safeParse(payload);
    if (!message.success) return log.warn('unreadable runtime stop ignored');
    void supervisor.stop(message.data.serverId, message.data.userId).catch(failed);
  });
  events.signals.on(SYSTEM_REPLACED_SIGNAL, () => void supervisor.stopAll('the control plane was replaced').catch(failed));
  return {
    discover: (spec) => supervisor.discover(spec),
    request: (runtime, call) => supervisor.request(runtime, call),
    start: (runtime) => supervisor.start(runtime),
    listTools: (runtime) => supervisor.listTools(runtime),
    async stop(serverId, userId) {
      await supervisor.stop(serverId, userId);
      await events.signals.broadcast(STOP_TOPIC, userId ? { serverId, userId } : { serverId });
    },
  };
}
