import type { Command } from 'commander';
import { ApiError, ClientErrorCode } from '../client/api-client.ts';
import { jsonObject } from './arguments.ts';
import type { Output } from './output.ts';
import { loggedInSession, mcpUrl } from './session-store.ts';

interface CallResult {
  content?: { type: string; text?: string }[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** The text a person reads of a tool result: its text parts, else its structured content. */
const readable = (result: CallResult) =>
  result.content?.filter((c) => c.type === 'text').map((c) => c.text).join('\n') || JSON.stringify(result.structuredContent ?? result.content ?? {}, null, 2);

/** One tools/call on the gateway's /mcp, as an agent makes it (the proxy is stateless: no handshake needed). */
async function callTool(name: string, args: Record<string, unknown>): Promise<CallResult> {
  const { url, token } = loggedInSession();
  let response: Response;
  try {
    response = await fetch(mcpUrl(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
    });
  } catch (error) {
    throw new ApiError(ClientErrorCode.NETWORK_ERROR, `cannot reach ${url}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as { result?: CallResult; error?: { code: number; message: string } } | null;
  if (body?.error) throw new ApiError(response.status === 401 ? 'UNAUTHENTICATED' : ClientErrorCode.MCP_ERROR, `${body.error.message} (JSON-RPC ${body.error.code})`);
  if (!body?.result) throw new ApiError(ClientErrorCode.NETWORK_ERROR, `${mcpUrl(url)} answered ${response.status} without a result`);
  return body.result;
}

export function invokeCommand(program: Command, output: Output) {
  program.command('invoke <server__tool>').description('call a tool through /mcp with your token, as an agent would')
    .option('--args <json>', 'the tool’s arguments, a JSON object', '{}')
    .action(async (name: string, o: { args: string }) => {
      const result = await callTool(name, jsonObject(o.args, '--args'));
      if (result.isError) throw new ApiError(ClientErrorCode.TOOL_ERROR, readable(result));
      output.done(result, readable(result));
    });
}
