import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolvePrincipals } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError, apiErrorOf, type Run } from '../client/api-client.ts';
import { Credential } from '../db/credential.entity.ts';
import { executeInProcess } from '../graphql/in-process.ts';
import type { GraphQLServer } from '../graphql/yoga.ts';
import type { Ctx, Services } from '../resolvers/context.ts';
import { applyConfiguration, ConfigError, INVALID_CONFIG } from './index.ts';
import { appliedText } from './format.ts';
import { stepLabel } from './steps.ts';

/** How the audit log names this door: every event of a startup apply carries it, and one correlation id. */
const CLIENT_LABEL = 'SWITCHBOARD_CONFIG';
/** The name src/resolvers/bootstrap.ts gives the first administrator's token. */
const BOOTSTRAP_CREDENTIAL = 'bootstrap';

/**
 * Who applies the file: the bootstrap administrator, through their bootstrap token, as though they had
 * presented it. The only database read here is this one, the door's own (who is calling); the file is
 * applied through GraphQL like any client's. A revoked or disabled token stops it: those powers were withdrawn.
 */
async function bootstrapAdministrator(services: Services): Promise<Principal> {
  const em = services.orm.em.fork();
  const credential = await em.findOne(Credential, { name: BOOTSTRAP_CREDENTIAL, kind: 'api_token', user: { systemRole: 'admin' } }, { orderBy: { createdAt: 'asc' }, fields: ['id'] });
  const principal = credential && (await resolvePrincipals(em, [credential.id])).get(credential.id);
  if (!principal) throw new Error(`${CLIENT_LABEL}: it is applied as the bootstrap administrator, whose token is revoked or disabled (SWITCHBOARD_ADMIN_TOKEN gives it one again)`);
  return principal;
}

/** Runs the applier's documents in process, as `principal`, under one correlation id. */
function inProcessRun(yoga: GraphQLServer, services: Services, principal: Principal, correlationId: string): Run {
  return async (typed, variables) => {
    const ctx: Ctx = {
      em: services.orm.em.fork(), principal, principalTicket: services.principals.ticket(), correlationId,
      clientLabel: CLIENT_LABEL, remoteAddress: null, services,
    };
    const result = await executeInProcess(yoga, ctx, typed, variables);
    if (result.errors?.length) throw apiErrorOf(result.errors.map((e) => ({ message: e.message, extensions: { code: e.extensions?.code } })));
    return result.data as never;
  };
}

/** The one line a refused or failed start prints; every problem of a refused file goes to the log as well. */
function startFailure(services: Services, error: unknown): Error {
  if (error instanceof ConfigError) services.log.error('SWITCHBOARD_CONFIG refused', { problems: error.problems });
  const message = (error as Error).message.split('\n')[0];
  const code = error instanceof ApiError && error.code !== INVALID_CONFIG ? `${error.code}: ` : '';
  return new Error(`${CLIENT_LABEL}: ${code}${message}`, { cause: error });
}

/**
 * SWITCHBOARD_CONFIG at startup: the file applied in process, as the bootstrap administrator, before the
 * server listens. A bad file or a failed apply throws one line naming the problem, and the start stops.
 */
export async function applyStartupConfiguration(services: Services, yoga: GraphQLServer, file: string, announce: (line: string) => void): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${CLIENT_LABEL}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  const correlationId = randomUUID();
  try {
    const run = inProcessRun(yoga, services, await bootstrapAdministrator(services), correlationId);
    const { plan, applied } = await applyConfiguration(run, text, { file, env: process.env });
    for (const warning of plan.warnings) services.log.warn(`${CLIENT_LABEL}: ${warning}`, { file });
    for (const step of plan.steps.filter((s) => s.action !== 'unchanged')) {
      services.log.info(`${CLIENT_LABEL}: ${step.action} ${step.kind} ${stepLabel(step)}`, { fields: step.changes.map((c) => c.field), correlationId });
    }
    services.log.info(`${CLIENT_LABEL}: ${applied ? appliedText({ ...applied, tokens: [] }) : 'no changes'}`, { file, correlationId });
    for (const { organization, agent, token } of applied?.tokens ?? []) {
      announce(`Created agent "${agent}" in ${organization} from ${CLIENT_LABEL}. Its token, shown only this once:\n\n    ${token}\n`);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(CLIENT_LABEL)) throw error;
    throw startFailure(services, error);
  }
}
