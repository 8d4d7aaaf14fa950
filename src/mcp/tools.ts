import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { toolAccess } from '../auth/mcp-access.ts';
import type { Logger } from '../log.ts';
import { personOf, reachableServers, upstreamClient, type CallContext, type Visibility } from './call-context.ts';
import { RpcCode, RpcError, type Id } from './jsonrpc.ts';
import { CallerGone, whenCallerGone } from './call-cancellation.ts';
import { holdable, resume, stepOf, takeHeld, type HeldCall } from './held-calls.ts';
import { forwarded, inputCapabilities, inputNeededMessage, isInputRequired, MISSING_CLIENT_CAPABILITY, openState, relayInputRequired, speaksMrtr, type Binding, type HeldRef, type Opened } from './input-required.ts';
import { exposedToolName } from './names.ts';
import { asLegacyResult, type CallOptions, type UpstreamResult } from './upstream-session.ts';
import { argumentProblems } from './arguments.ts';
import { RESULT_TOO_LARGE } from './inbound-messages.ts';
import { namingOf, prefixModeOf, type Entry } from './tool-names.ts';
import { recordToolCall, type CallOutcome } from './call-audit.ts';
import { toolDecision } from './tool-decision.ts';

/**
 * Not the tool's errors, so the model is told in a tool result: the SDK's codes for a connection that
 * closed and a request that timed out, and ours for an answer too large to relay.
 */
const TRANSPORT_FAILURES = new Set([-32000, -32001, RESULT_TOO_LARGE]);

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The caller's tools by the names it calls them, in name order; `log` hears of names withheld under NEVER. */
export function listTools(cc: Visibility, log?: Logger) {
  const mode = cc.scope ? 'always' : prefixModeOf(cc);
  const person = personOf(cc);
  const tools = [];
  if (mode === 'always') {
    for (const server of reachableServers(cc)) {
      for (const tool of server.tools.values()) {
        if (toolAccess(cc.principal, server, tool, person)) continue;
        tools.push({ name: cc.scope ? tool.name : exposedToolName(server.name, tool.name), ...tool.listing });
      }
    }
    return { tools: tools.sort(byName) };
  }
  for (const [name, [server, tool]] of namingOf(cc, mode, log).sorted) {
    if (!toolAccess(cc.principal, server, tool, person)) tools.push({ name, ...tool.listing });
  }
  return { tools };
}

const toolError = (text: string) => ({ content: [{ type: 'text', text }], isError: true });

/**
 * tools/call: authorised against the catalog (group, allow list, kill switches, enabled flag), forwarded
 * to the upstream without the caller's credentials, and audited whatever the outcome.
 */
export async function callTool(cc: CallContext, params: Record<string, unknown>, requestId?: Id) {
  const started = performance.now();
  const { name, arguments: args } = params;
  if (typeof name !== 'string') throw new RpcError(RpcCode.InvalidParams, 'params.name must be a string');
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw new RpcError(RpcCode.InvalidParams, 'params.arguments must be an object');
  }
  const { found, collision, denial } = toolDecision(cc, name);
  const outcome: CallOutcome = { status: 'denied', detail: null, inputRequired: false };
  try {
    if (collision) {
      cc.services.log.warn('tools/call of a name several servers offer, under toolPrefix NEVER', { correlationId: cc.correlationId, principal: cc.principal.id, tool: name });
      return toolError((outcome.detail = `${collision}: ask an operator to make it unique, or to change toolPrefix`));
    }
    if (denial?.kind === 'hidden') throw new RpcError(RpcCode.InvalidParams, `Unknown tool: ${name}`);
    if (denial) return toolError((outcome.detail = denial.message));
    const problems = argumentProblems(found![1].listing.inputSchema as Record<string, unknown>, (args ?? {}) as Record<string, unknown>);
    if (problems) {
      outcome.status = 'failure';
      // A tool error, not a protocol error: the model reads it and can correct its call (SEP-1303).
      return toolError((outcome.detail = `Invalid arguments for ${name}: ${problems.join('; ')}`));
    }
    return await forward(cc, params, found!, outcome, requestId);
  } finally {
    await recordToolCall(cc, name, found, outcome, started);
  }
}

/** An authorised call, sent upstream (or resumed, when it was held for input); `outcome` says how it ended. */
async function forward(cc: CallContext, params: Record<string, unknown>, [server, tool]: Entry, outcome: CallOutcome, requestId: Id | undefined) {
  const { name, arguments: args } = params as { name: string; arguments?: Record<string, unknown> };
  // A retry of a round that asked for input (2026-07-28): the gateway's requestState must hold for this call.
  const binding: Binding = { method: 'tools/call', serverId: server.id, name: tool.name, params: args ?? {} };
  let opened: Opened | undefined;
  let held: HeldCall | undefined;
  try {
    opened = openState(cc, params, binding);
    if (opened?.held) held = takeHeld(cc, opened.held);
  } catch (error) {
    outcome.detail = (error as Error).message;
    throw error;
  }
  let release: (() => void) | undefined;
  try {
    let result: UpstreamResult;
    let ref: HeldRef | undefined;
    if (held) ({ result, held: ref } = await resume(cc, held, params));
    else {
      const client = await upstreamClient(cc, server);
      cc.invocations.increment(server.id);
      const call = { method: 'tools/call', params: { name: tool.name, arguments: args, ...forwarded(cc, params, opened) } };
      const options: CallOptions = {
        timeout: cc.supervisor.callTimeout(client), onprogress: cc.progress, resetTimeoutOnProgress: !!cc.progress, clientCapabilities: inputCapabilities(cc),
        inputSchema: tool.listing.inputSchema as Record<string, unknown>,
      };
      // A legacy upstream asks mid-call, over its session: the call is held here while a caller that can answer does.
      if (client.era === 'legacy' && options.clientCapabilities) {
        ({ result, held: ref } = await stepOf(cc, holdable(cc, client, (onInputRequest, signal) => client.request(call, { ...options, onInputRequest, signal }))));
      } else {
        const cancel = new AbortController();
        const stopWaiting = whenCallerGone(cc, requestId, () => cancel.abort(new CallerGone()));
        const inUse = cc.supervisor.hold(client);
        release = () => (stopWaiting(), inUse());
        result = await client.request(call, { ...options, signal: cancel.signal });
      }
    }
    result = asLegacyResult(result);
    if (isInputRequired(result)) {
      // Not done: the round is audited as a failure that says why, and a 2025 caller is told it cannot go on.
      outcome.status = 'failure';
      outcome.inputRequired = true;
      if (speaksMrtr(cc)) return relayInputRequired(cc, result, binding, ref);
      return toolError((outcome.detail = inputNeededMessage(`The tool "${name}"`)));
    }
    outcome.status = result.isError === true ? 'failure' : 'success';
    return result;
  } catch (error) {
    outcome.status = error instanceof CallerGone ? 'cancelled' : 'error';
    outcome.detail = (error as Error).message;
    if (error instanceof CallerGone) throw error;
    // A modern upstream that would ask for input this caller cannot give (its era has none, or it did not declare the capability).
    if (error instanceof McpError && error.code === MISSING_CLIENT_CAPABILITY && !speaksMrtr(cc)) {
      outcome.status = 'failure';
      outcome.inputRequired = true;
      return toolError((outcome.detail = inputNeededMessage(`The tool "${name}"`)));
    }
    if (error instanceof McpError && !TRANSPORT_FAILURES.has(error.code)) throw error;
    return toolError(`The "${server.name}" server could not complete the call: ${outcome.detail}`);
  } finally {
    release?.();
  }
}
