import type { RuntimeLog } from '../db/runtime-log.entity.ts';
import { listRuntimeLogs } from '../resolvers/runtime-logs.ts';
import { builder } from './builder.ts';
import { connectionOf, pageComplexity } from './common.ts';
import { McpServerRef } from './servers.ts';

const RuntimeLogRef = builder.objectRef<RuntimeLog>('RuntimeLogLine').implement({
  description: 'A line an upstream process wrote to stderr, its secrets redacted.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (l) => l.at }),
    line: t.exposeString('line'),
    instanceId: t.exposeString('instanceId', { description: 'The Switchboard instance that ran the process.' }),
    userId: t.exposeString('userId', { nullable: true, description: 'Whose runtime it was, for a per-user server.' }),
  }),
});

const RuntimeLogConnection = connectionOf(RuntimeLogRef, 'RuntimeLogLine');

builder.objectField(McpServerRef, 'runtimeLogs', (t) => t.connection({
  type: RuntimeLogRef,
  nullable: true,
  complexity: pageComplexity,
  description: 'The newest stderr lines of its processes (validations included), kept per server, oldest first: `last` pages from the newest. Operators only.',
  resolve: (server, args, ctx) => listRuntimeLogs(ctx, server, args) as never,
}, RuntimeLogConnection));
