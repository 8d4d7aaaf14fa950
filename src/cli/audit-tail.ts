import type { Command } from 'commander';
import { ApiError, apiErrorOf, sourceOf } from '../client/api-client.ts';
import { graphql } from '../client/gql/index.ts';
import type { Output } from './output.ts';
import { loggedInClient } from './session-store.ts';

const Tail = graphql(`subscription CliAuditTail($after: String, $filter: AuditEventFilter) {
  auditEvents(after: $after, filter: $filter) { seq occurredAt type status serverName toolName durationMs actor { name } target { type name } correlationId }
}`);

type Event = { seq: string; occurredAt: string; type: string; status: string; serverName?: string | null; toolName?: string | null; durationMs?: number | null; actor?: { name?: string | null } | null; target?: { type?: string | null; name?: string | null } | null };
const line = (e: Event) =>
  [e.occurredAt, e.type, e.status.toLowerCase(), e.actor?.name ?? '-', e.serverName && e.toolName ? `${e.serverName}__${e.toolName}` : (e.target?.name ?? e.serverName ?? ''), e.durationMs != null ? `${e.durationMs}ms` : ''].join('  ').trimEnd();

const Viewer = graphql(`query CliTailViewer { viewer { id } }`);

/** Errors after which resubscribing cannot help. */
const FINAL = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
/** graphql-ws close codes that refuse the connection itself. */
const REFUSALS: Record<number, string> = { 4401: 'UNAUTHENTICATED', 4403: 'FORBIDDEN' };

/** What ended a subscription, as an ApiError when the server said why. */
function reasonOf(thrown: unknown): unknown {
  // The server's refusals of the operation come as a list of GraphQL errors, of the connection as a close event.
  if (Array.isArray(thrown)) return apiErrorOf(thrown);
  const { code, reason } = (thrown ?? {}) as { code?: number; reason?: string };
  return code !== undefined && REFUSALS[code] ? new ApiError(REFUSALS[code], reason || 'connection refused') : thrown;
}

export function auditCommands(program: Command, output: Output) {
  const audit = program.command('audit').description('the audit log');
  audit.command('tail').description('follow audit events as they are committed; resumes where it left off when the connection drops')
    .option('--after <seq>', 'start after this seq ("0": the whole log); default: from now')
    .option('--server <name>').option('--tool <name>').option('--type <type>', 'an event type, e.g. tool_call')
    .option('--limit <n>', 'stop after this many events', (v) => Number.parseInt(v, 10))
    .action(async (o: { after?: string; server?: string; tool?: string; type?: string; limit?: number }) => {
      const filter = { server: o.server, tool: o.tool, type: o.type };
      const client = loggedInClient();
      // A wrong token fails here, with its code, rather than as a refused socket.
      await client.run(Viewer, {});
      let after = o.after;
      let seen = 0;
      let failures = 0;
      const socket = client.socket({ onConnected: () => (failures = 0) });
      try {
        for (;;) {
          try {
            // Each (re)subscription starts after the last event printed: nothing is missed or repeated.
            for await (const result of socket.iterate<{ auditEvents: Event }>({ query: sourceOf(Tail), variables: { after, filter } })) {
              if (result.errors?.length) throw apiErrorOf(result.errors);
              const event = result.data!.auditEvents;
              after = event.seq;
              output.line(event, line(event));
              if (o.limit !== undefined && ++seen >= o.limit) return;
            }
            return;
          } catch (thrown) {
            const error = reasonOf(thrown);
            if (error instanceof ApiError && FINAL.has(error.code)) throw error;
            await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** failures++, 10_000)));
          }
        }
      } finally {
        await socket.dispose();
      }
    });
}
