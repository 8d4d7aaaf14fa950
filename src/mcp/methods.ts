import { VERSION } from '../version.ts';
import type { CallContext } from './call-context.ts';
import { RpcCode, RpcError, type Id, type Request } from './jsonrpc.ts';
import { cancelRequest } from './call-cancellation.ts';
import { LEGACY_VERSIONS } from './protocol.ts';
import { complete, getPrompt, listPrompts, listResources, readResource } from './passthrough.ts';
import { prefixModeOf } from './tool-names.ts';
import { callTool, listTools } from './tools.ts';
import { traceToolCall } from '../telemetry/spans.ts';


const NAMED = {
  always: 'named <server>__<tool>',
  never: 'under their own names',
  on_collision: 'under their own names, or <server>__<tool> for a name several servers offer',
} as const;

function initialize(cc: CallContext, params: Record<string, unknown>) {
  const requested = String(params.protocolVersion ?? '');
  return {
    protocolVersion: LEGACY_VERSIONS.includes(requested) ? requested : LEGACY_VERSIONS[0],
    capabilities: { tools: { listChanged: true }, resources: {}, prompts: {}, completions: {}, logging: {} },
    serverInfo: { name: cc.scope ? `switchboard/${cc.scope}` : 'switchboard', version: VERSION },
    instructions: cc.scope
      ? `Tools of the "${cc.scope}" server, through the Switchboard gateway.`
      : `Tools of every server you may use, through the Switchboard gateway, ${NAMED[prefixModeOf(cc)]}.`,
  };
}

type Handler = (cc: CallContext, params: Record<string, unknown>, id: Id | undefined) => unknown;

/** A Map, not an object literal: a method named `constructor` or `__proto__` must find nothing. */
const handlers = new Map<string, Handler>([
  ['initialize', initialize],
  ['ping', () => ({})],
  ['logging/setLevel', () => ({})],
  ['tools/list', (cc) => listTools(cc, cc.services.log)],
  ['tools/call', (cc, params, id) => (cc.services.telemetry.enabled ? traceToolCall(cc.services.telemetry, () => callTool(cc, params, id)) : callTool(cc, params, id))],
  ['prompts/list', (cc) => listPrompts(cc)],
  ['prompts/get', getPrompt],
  ['resources/list', (cc) => listResources(cc, 'resources/list')],
  ['resources/templates/list', (cc) => listResources(cc, 'resources/templates/list')],
  ['resources/read', readResource],
  ['completion/complete', complete],
  ['notifications/cancelled', cancelRequest],
]);

/** Runs one request; notifications (no id) are accepted and need no answer. */
export async function dispatch(cc: CallContext, message: Request): Promise<unknown> {
  const handler = handlers.get(message.method);
  if (!handler) {
    if (message.method.startsWith('notifications/')) return undefined;
    throw new RpcError(RpcCode.MethodNotFound, `Method not found: ${message.method}`);
  }
  return handler(cc, message.params ?? {}, message.id);
}
