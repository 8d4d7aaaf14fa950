import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { AuditStatus } from '../db/audit-event.entity.ts';
import { reachableServers, upstreamClient, type CallContext } from './call-context.ts';
import type { CatalogServer } from './catalog.ts';
import { continuation, inputCapabilities, MISSING_CLIENT_CAPABILITY, inputNeededMessage, isInputRequired, relayInputRequired, speaksMrtr, type Binding } from './input-required.ts';
import { RpcCode, RpcError } from './jsonrpc.ts';
import { SEPARATOR, serverOfExposedName } from './names.ts';
import { asLegacyResult } from './upstream-session.ts';

const live = (cc: CallContext) => reachableServers(cc).filter((s) => s.killReason === null);

/** One upstream's answer, relayed as it is, but for what only the 2026-07-28 era's callers read (`asLegacyResult`). */
async function ask(cc: CallContext, server: CatalogServer, method: string, params: Record<string, unknown> | undefined) {
  const session = await upstreamClient(cc, server);
  const release = cc.supervisor.hold(session);
  try {
    return asLegacyResult(await session.request({ method, params }, { timeout: cc.supervisor.callTimeout(session), clientCapabilities: inputCapabilities(cc) }));
  } finally {
    release();
  }
}

/**
 * Runs one MCP request that reaches upstreams and leaves one audit event, whatever its outcome, naming
 * the servers asked (`served` says which; a read names the one that answered).
 */
async function audited<T>(cc: CallContext, method: string, subject: string | null, run: (served: string[]) => Promise<T>): Promise<T> {
  const started = performance.now();
  const served: string[] = [];
  let status: AuditStatus = 'error';
  try {
    const result = await run(served);
    status = 'success';
    return result;
  } catch (error) {
    status = error instanceof RpcError || error instanceof McpError ? 'failure' : 'error';
    throw error;
  } finally {
    await cc.services.audit.record({
      type: 'mcp_request',
      status,
      correlationId: cc.correlationId,
      orgId: cc.principal.homeOrgId,
      actor: cc.principal,
      clientLabel: cc.principal.credentialName,
      serverName: served.length === 1 ? served[0]! : null,
      durationMs: performance.now() - started,
      details: { method, ...(subject !== null && { subject: subject.slice(0, 500) }), ...(served.length > 1 && { servers: served }) },
    });
  }
}

/** Asks every reachable server that offers `capability`, skipping those that cannot answer. */
async function everyServer(cc: CallContext, capability: 'resources' | 'prompts', method: string, served: string[]) {
  const answers = await Promise.all(live(cc).map(async (server) => {
    try {
      const session = await upstreamClient(cc, server);
      if (!session.capabilities?.[capability]) return null;
      served.push(server.name);
      return { server, answer: await ask(cc, server, method, undefined) };
    } catch {
      return null;
    }
  }));
  return answers.filter((a) => a !== null);
}

export const listPrompts = (cc: CallContext) => audited(cc, 'prompts/list', null, async (served) => {
  const answers = await everyServer(cc, 'prompts', 'prompts/list', served);
  const prompts = answers.flatMap(({ server, answer }) => ((answer.prompts as { name: string }[]) ?? [])
    .map((p) => (cc.scope ? p : { ...p, name: `${server.name}${SEPARATOR}${p.name}` })));
  return { prompts };
});

export const getPrompt = (cc: CallContext, params: Record<string, unknown>) => audited(cc, 'prompts/get', String(params.name ?? ''), async (served) => {
  const name = String(params.name ?? '');
  const serverName = cc.scope ?? serverOfExposedName(name);
  const server = live(cc).find((s) => s.name === serverName);
  if (!server) throw new RpcError(RpcCode.InvalidParams, `Unknown prompt: ${name}`);
  served.push(server.name);
  const own = cc.scope ? name : name.slice(server.name.length + SEPARATOR.length);
  // A round of a multi round-trip request (2026-07-28): the caller's requestState is the gateway's, never sent on.
  const { inputResponses: _responses, requestState: _state, ...rest } = params;
  const binding: Binding = { method: 'prompts/get', serverId: server.id, name: own, params: params.arguments ?? {} };
  const needed = () => new RpcError(RpcCode.InvalidRequest, inputNeededMessage(`The prompt "${name}"`));
  let answer;
  try {
    answer = await ask(cc, server, 'prompts/get', { ...rest, name: own, ...continuation(cc, params, binding) });
  } catch (error) {
    // The upstream would ask input of us, who declared none for a 2025 caller.
    if (error instanceof McpError && error.code === MISSING_CLIENT_CAPABILITY && !speaksMrtr(cc)) throw needed();
    throw error;
  }
  if (!isInputRequired(answer)) return answer;
  if (speaksMrtr(cc)) return relayInputRequired(cc, answer, binding);
  throw needed();
});

export const listResources = (cc: CallContext, method: 'resources/list' | 'resources/templates/list') => audited(cc, method, null, async (served) => {
  const key = method === 'resources/list' ? 'resources' : 'resourceTemplates';
  const answers = await everyServer(cc, 'resources', method, served);
  return { [key]: answers.flatMap(({ answer }) => (answer[key] as unknown[]) ?? []) };
});

/** A resource URI names no server: the first reachable server that can read it answers. */
export const readResource = (cc: CallContext, params: Record<string, unknown>) => audited(cc, 'resources/read', String(params.uri), async (served) => {
  for (const server of live(cc)) {
    try {
      const session = await upstreamClient(cc, server);
      if (!session.capabilities?.resources) continue;
      const answer = await ask(cc, server, 'resources/read', params);
      served.push(server.name);
      return answer;
    } catch {
      // not this server's resource
    }
  }
  throw new RpcError(-32002, `Resource not found: ${String(params.uri)}`);
});

export const complete = (cc: CallContext, params: Record<string, unknown>) => audited(cc, 'completion/complete', null, async (served) => {
  const server = cc.scope ? live(cc).find((s) => s.name === cc.scope) : undefined;
  if (!server) return { completion: { values: [] } };
  served.push(server.name);
  return ask(cc, server, 'completion/complete', params);
});
