import type { MikroORM } from '@mikro-orm/postgresql';
import { pathIs, PROBE_POLICY, type Route } from './route.ts';
import { sendJson } from './exchange.ts';

/** Why the instance cannot serve yet, or null: the database answers and every migration is applied. */
export async function notReady(orm: MikroORM): Promise<string | null> {
  try {
    await orm.em.getConnection().execute('select 1');
    const pending = await orm.migrator.getPending();
    return pending.length ? `${pending.length} migration(s) not applied yet` : null;
  } catch {
    return 'the database does not answer';
  }
}

/** `GET /ready`: for orchestrators, which send traffic only to an instance that can serve it. */
export function readyRoute(orm: MikroORM): Route {
  return {
    name: 'ready',
    matches: pathIs('/ready'),
    ...PROBE_POLICY,
    async handle({ req, res }) {
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'Use GET' }, { allow: 'GET' });
      const reason = await notReady(orm);
      sendJson(res, reason ? 503 : 200, reason ? { status: 'not ready', reason } : { status: 'ready' });
    },
  };
}
