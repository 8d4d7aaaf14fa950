import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { newId } from '../db/ids.ts';
import type { Logger } from '../log.ts';
import { KEPT_CHANGES } from '../resolvers/deployment-records.ts';
import { DEFAULT_ENVIRONMENT } from '../resolvers/environments.ts';
import type { DeploymentState } from '../resolvers/upstream-port.ts';

/** A runtime's own report, or a validation's (which says nothing of the deployment's runtimes). */
export type ReportPhase = 'runtime' | 'validation';

/** What a runtime's change makes of its deployment: starting says nothing yet; a stopped runtime leaves a draft a draft. */
const LIFECYCLE: Partial<Record<DeploymentState['status'], string>> = { running: 'running', failed: 'failed', stopped: 'stopped' };

/**
 * Keeps what this instance's runtimes report (as Subscription.deploymentStatus streams it) as their
 * deployment's history: each change, and the deployment's status from a runtime's. Written one after
 * the other off the call path; a deployment keeps its newest KEPT_CHANGES. A server without one gets a
 * draft. A failed write is logged and dropped.
 */
export class DeploymentHistory {
  readonly #orm: MikroORM;
  readonly #log: Logger;
  #writing: Promise<void> = Promise.resolve();

  constructor(orm: MikroORM, log: Logger) {
    this.#orm = orm;
    this.#log = log;
  }

  record(state: DeploymentState, phase: ReportPhase): void {
    this.#writing = this.#writing.then(() => this.#write(state, phase));
  }

  /** Resolves once what was recorded so far is written. */
  settled(): Promise<void> {
    return this.#writing;
  }

  async #write(state: DeploymentState, phase: ReportPhase) {
    const db = this.#orm.em.fork().getKysely();
    const now = new Date();
    try {
      await sql`insert into deployment (id, server_id, environment, status, env_names, created_at, updated_at)
        select ${newId('dep')}, id, ${DEFAULT_ENVIRONMENT}, 'draft', '[]'::jsonb, ${now}, ${now} from mcp_server where id = ${state.serverId}
        on conflict (server_id, environment) do nothing`.execute(db);
      const lifecycle = phase === 'runtime' ? LIFECYCLE[state.status] : undefined;
      if (lifecycle) {
        await sql`update deployment set status = ${lifecycle}, updated_at = ${now}
          where server_id = ${state.serverId} and environment = ${DEFAULT_ENVIRONMENT} and not (status = 'draft' and ${lifecycle} = 'stopped')`.execute(db);
      }
      const { rows } = await sql<{ id: string }>`insert into deployment_change (deployment_id, status, message, instance_id, user_id, at)
        select id, ${state.status}, ${state.message}, ${state.instanceId}, ${state.userId}, ${state.at} from deployment
        where server_id = ${state.serverId} and environment = ${DEFAULT_ENVIRONMENT} returning deployment_id as id`.execute(db);
      const deploymentId = rows[0]?.id;
      if (!deploymentId) return;
      await sql`delete from deployment_change where deployment_id = ${deploymentId} and seq <= (
        select seq from deployment_change where deployment_id = ${deploymentId} order by seq desc offset ${KEPT_CHANGES} limit 1)`.execute(db);
    } catch (error) {
      this.#log.warn('deployment change not recorded', { serverId: state.serverId, status: state.status, error: (error as Error).message });
    }
  }
}
