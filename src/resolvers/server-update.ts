import type { z } from 'zod';
import type { McpServer } from '../db/mcp-server.entity.ts';
import { badInput } from '../errors.ts';
import { connectionProblems, toRecord, type UpdateServerInput } from './server-input.ts';
import { splitUrlCredentials, type ServerSecrets } from './server-spec.ts';

type Connection = Pick<McpServer, 'transport' | 'command' | 'args' | 'url' | 'envSchema' | 'isolation'>;

export interface UpdatePlan {
  connection: Connection;
  secrets: ServerSecrets;
  /** What runs on the gateway's host changes: the caller needs `server.command`. */
  changesHost: boolean;
  /** Users' own values were set for another process: they go. */
  dropsUserValues: boolean;
  /** Running connections must restart to see the change. */
  reconnects: boolean;
  /** What was dropped because its destination changed, for the audit trail. */
  dropped: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const hasAny = (record: Record<string, string>) => Object.keys(record).length > 0;

/**
 * What an update of `server` does. Sealed values are bound to the destination they were set for: the
 * env values (and users' own values) to the process (transport, command, args), the headers and URL
 * credentials to the endpoint (transport, URL). When the destination changes they are dropped, unless
 * the same update supplies them again, so nobody can point a server elsewhere to collect its secrets.
 * A server that becomes stdio also starts with no env schema and shared isolation unless given them.
 */
export function planUpdate(server: McpServer, data: z.infer<typeof UpdateServerInput>, current: ServerSecrets): UpdatePlan {
  if (server.transport === 'openapi') return openApiPlan(server, data, current);
  const transport = data.transport ?? server.transport;
  const stdio = transport === 'stdio';
  // What users may give a process was set for a server that ran none, by whoever could: it starts over.
  const becomesStdio = stdio && server.transport !== 'stdio';
  const remote = !stdio && data.url ? splitUrlCredentials(data.url) : null;
  const connection: Connection = {
    transport,
    command: stdio ? (data.command ?? server.command) : null,
    args: stdio ? (data.args ?? server.args) : [],
    url: stdio ? null : (remote?.url ?? server.url),
    envSchema: data.envSchema ?? (becomesStdio ? [] : server.envSchema),
    isolation: data.isolation ?? (becomesStdio ? 'shared' : server.isolation),
  };
  const problems = connectionProblems(connection);
  if (problems.length) throw badInput(problems.join('; '));

  const processMoves = !same([server.transport, server.command, server.args], [connection.transport, connection.command, connection.args]);
  const endpointMoves = !same([server.transport, server.url], [connection.transport, connection.url]);
  const keepsEnv = data.env == null && !processMoves;
  const keepsHeaders = data.headers == null && !endpointMoves;
  const keepsUrlCredentials = !endpointMoves && !remote?.credentials;
  const secrets: ServerSecrets = {
    env: data.env != null ? toRecord(data.env) : keepsEnv ? current.env : {},
    headers: data.headers != null ? toRecord(data.headers) : keepsHeaders ? current.headers : {},
    urlCredentials: keepsUrlCredentials ? current.urlCredentials : remote?.credentials,
  };
  const dropped = [
    ...(data.env == null && !keepsEnv && hasAny(current.env) ? ['env'] : []),
    ...(data.headers == null && !keepsHeaders && hasAny(current.headers) ? ['headers'] : []),
    ...(!keepsUrlCredentials && !remote?.credentials && current.urlCredentials ? ['urlCredentials'] : []),
    ...(processMoves ? ['userValues'] : []),
    ...(becomesStdio && !data.envSchema && server.envSchema.length ? ['envSchema'] : []),
    ...(becomesStdio && !data.isolation && server.isolation !== 'shared' ? ['isolation'] : []),
  ];

  const before: Connection = { transport: server.transport, command: server.command, args: server.args, url: server.url, envSchema: server.envSchema, isolation: server.isolation };
  const hostFieldsChange = processMoves || !same(secrets.env, current.env) || !same(connection.envSchema, before.envSchema) || connection.isolation !== before.isolation;
  return {
    connection,
    secrets,
    changesHost: (server.transport === 'stdio' || stdio) && hostFieldsChange,
    dropsUserValues: processMoves,
    reconnects: !same(connection, before) || !same(secrets, current),
    dropped,
  };
}

const CONNECTION_FIELDS = ['transport', 'command', 'args', 'url', 'env', 'headers', 'envSchema', 'isolation'] as const;

/** An OpenAPI server is reached as its spec says: only what describes it changes here. */
function openApiPlan(server: McpServer, data: z.infer<typeof UpdateServerInput>, current: ServerSecrets): UpdatePlan {
  const given = CONNECTION_FIELDS.filter((field) => data[field] != null);
  if (given.length) throw badInput(`${given.join(', ')}: an OpenAPI server is reached as its spec says: change it with replaceOpenApiSpec or setOpenApiAuth`);
  const { transport, command, args, url, envSchema, isolation } = server;
  return { connection: { transport, command, args, url, envSchema, isolation }, secrets: current, changesHost: false, dropsUserValues: false, reconnects: false, dropped: [] };
}
