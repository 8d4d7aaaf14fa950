import type { McpServer } from '../db/mcp-server.entity.ts';
import { RuntimeLog } from '../db/runtime-log.entity.ts';
import type { Ctx } from './context.ts';
import { keys, paginate, type PageArgs } from './pagination.ts';
import { mayInspect } from './servers.ts';

/** A server's stored stderr lines, oldest first (`last` for the newest): its operators' to read, null for anyone else. */
export function listRuntimeLogs(ctx: Ctx, server: McpServer, args: PageArgs) {
  return mayInspect(ctx, server) ? paginate(ctx.em, RuntimeLog, { server: server.id }, args, keys.seq) : null;
}
