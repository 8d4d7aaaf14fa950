import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
import { reachableServers, upstreamClient, type CallContext } from './call-context.ts';
import type { CatalogServer } from './catalog.ts';
import { ErrorCode, RpcError } from './jsonrpc.ts';
import { SEPARATOR, serverOfExposedName } from './names.ts';

/** Upstream answers are relayed as they are: the caller's client validates them, not us. */
export const Anything = z.object({}).passthrough();

const live = (cc: CallContext) => reachableServers(cc).filter((s) => s.killReason === null);

async function ask(cc: CallContext, server: CatalogServer, method: string, params: Record<string, unknown> | undefined) {
  const client: Client = await upstreamClient(cc, server);
  return client.request({ method, params } as never, Anything, { timeout: cc.services.config.mcpTimeoutMs }) as Promise<Record<string, unknown>>;
}

/** Asks every reachable server that offers `capability`, skipping those that cannot answer. */
async function everyServer(cc: CallContext, capability: 'resources' | 'prompts', method: string) {
  const answers = await Promise.all(live(cc).map(async (server) => {
    try {
      const client = await upstreamClient(cc, server);
      if (!client.getServerCapabilities()?.[capability]) return null;
      return { server, answer: await ask(cc, server, method, undefined) };
    } catch {
      return null;
    }
  }));
  return answers.filter((a) => a !== null);
}

export async function listPrompts(cc: CallContext) {
  const answers = await everyServer(cc, 'prompts', 'prompts/list');
  const prompts = answers.flatMap(({ server, answer }) => ((answer.prompts as { name: string }[]) ?? [])
    .map((p) => (cc.scope ? p : { ...p, name: `${server.name}${SEPARATOR}${p.name}` })));
  return { prompts };
}

export async function getPrompt(cc: CallContext, params: Record<string, unknown>) {
  const name = String(params.name ?? '');
  const serverName = cc.scope ?? serverOfExposedName(name);
  const server = live(cc).find((s) => s.name === serverName);
  if (!server) throw new RpcError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
  return ask(cc, server, 'prompts/get', { ...params, name: cc.scope ? name : name.slice(server.name.length + SEPARATOR.length) });
}

export async function listResources(cc: CallContext, method: 'resources/list' | 'resources/templates/list') {
  const key = method === 'resources/list' ? 'resources' : 'resourceTemplates';
  const answers = await everyServer(cc, 'resources', method);
  return { [key]: answers.flatMap(({ answer }) => (answer[key] as unknown[]) ?? []) };
}

/** A resource URI names no server: the first reachable server that can read it answers. */
export async function readResource(cc: CallContext, params: Record<string, unknown>) {
  for (const server of live(cc)) {
    try {
      const client = await upstreamClient(cc, server);
      if (!client.getServerCapabilities()?.resources) continue;
      return await ask(cc, server, 'resources/read', params);
    } catch {
      // not this server's resource
    }
  }
  throw new RpcError(-32002, `Resource not found: ${String(params.uri)}`);
}

export async function complete(cc: CallContext, params: Record<string, unknown>) {
  const server = cc.scope ? live(cc).find((s) => s.name === cc.scope) : undefined;
  if (!server) return { completion: { values: [] } };
  return ask(cc, server, 'completion/complete', params);
}
