import { fileURLToPath } from 'node:url';
import { MikroORM, defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';
import { Membership } from './membership.entity.ts';
import { Credential } from './credential.entity.ts';
import { AuditEvent } from './audit-event.entity.ts';
import { McpServer } from './mcp-server.entity.ts';
import { OpenApiSpec } from './openapi-spec.entity.ts';
import { Tool } from './tool.entity.ts';
import { Group } from './group.entity.ts';
import { UserServerSecret } from './user-server-secret.entity.ts';
import { Agent } from './agent.entity.ts';
import { ServerSubscription } from './server-subscription.entity.ts';
import { RateLimit } from './rate-limit.entity.ts';
import { Invitation } from './invitation.entity.ts';
import { MailMessage } from './mail-message.entity.ts';
import { ServiceAccount } from './service-account.entity.ts';
import { Toolset } from './toolset.entity.ts';
import { ToolsetServer } from './toolset-server.entity.ts';
import { PresharedKey } from './preshared-key.entity.ts';
import { Project } from './project.entity.ts';
import { ProjectMember } from './project-member.entity.ts';
import { DeploymentOperation } from './deployment-operation.entity.ts';
import { Deployment } from './deployment.entity.ts';
import { DeploymentChange } from './deployment-change.entity.ts';
import { RuntimeLog } from './runtime-log.entity.ts';
import { Setting } from './setting.entity.ts';
import { UsageBucket, UsageWatermark } from './usage-bucket.entity.ts';

export const entities = [Organization, User, Membership, Credential, AuditEvent, McpServer, Tool, Group, UserServerSecret, Agent, ServerSubscription, RateLimit, Invitation, MailMessage, ServiceAccount, Toolset, ToolsetServer, PresharedKey, Project, ProjectMember, OpenApiSpec, Setting, RuntimeLog, DeploymentOperation, Deployment, DeploymentChange, UsageBucket, UsageWatermark];

export const migrationsPath = fileURLToPath(new URL('../../migrations', import.meta.url));

export function ormConfig(clientUrl: string, embedded: boolean) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // PGlite is one backend session: a second pooled connection would only queue behind the first.
    pool: embedded ? { min: 1, max: 1 } : { min: 1, max: 10 },
    migrations: { path: migrationsPath, pathTs: migrationsPath, glob: '!(*.d).ts', silent: true, snapshot: false },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
  });
}

export interface Database {
  orm: MikroORM;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens `databaseUrl`, or the embedded PGlite database in `dataDir` (`starting`, when its start was
 * begun earlier), and applies pending migrations.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }, starting?: Promise<EmbeddedPostgres>): Promise<Database> {
  const embedded = opts.databaseUrl ? undefined : await (starting ?? startEmbeddedPostgres(opts.dataDir));
  try {
    const orm = await MikroORM.init(ormConfig(opts.databaseUrl ?? embedded!.url, !!embedded));
    await orm.migrator.up();
    return {
      orm,
      embedded: !!embedded,
      async close() {
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
