import { createHash } from 'node:crypto';
import type { CallContext } from './call-context.ts';
import { RpcCode, RpcError } from './jsonrpc.ts';
import { ModernCode } from './protocol.ts';
import type { UpstreamResult } from './upstream-session.ts';

/**
 * Multi round-trip requests (2026-07-28) relayed from a modern upstream. The upstream's `requestState`
 * never reaches the caller: the gateway hands out its own, sealed with the app's secret box (AEAD, so
 * opaque and tamper-evident, and opened by any instance that shares SWITCHBOARD_SECRET_KEY), binding
 * the round to who asked, what they called, with which arguments, and until when.
 */

/** Told apart from every other thing the secret box seals. */
const KIND = 'switchboard.mcp.requestState';

/** What a round of a request is bound to: its method, the upstream it reached and what it named there, and the rest of its params. */
export interface Binding {
  method: 'tools/call' | 'prompts/get' | 'resources/read';
  serverId: string;
  /** The tool's or prompt's name upstream, or the resource's URI. */
  name: string;
  /** The params that must not change between rounds (a tool's arguments, say). */
  params: unknown;
}

interface Sealed {
  k: typeof KIND;
  /** The principal it was issued to. */
  p: string;
  m: string;
  s: string;
  n: string;
  /** SHA-256 of the bound params, in canonical JSON. */
  d: string;
  /** Expiry, epoch ms. */
  e: number;
  /** The upstream's own requestState, when it gave one. */
  u?: string;
  /** A call held on an instance (a legacy upstream's question): its id, the instance, the round. */
  h?: string;
  i?: string;
  r?: number;
}

/** A held call a state continues (see held-calls). */
export interface HeldRef {
  id: string;
  instanceId: string;
  round: number;
}

/** What a caller's state says, once it holds. */
export interface Opened {
  upstreamState?: string;
  held?: HeldRef;
}

/** JSON with the keys of every object in order, so that the same params digest alike however a client orders them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const digest = (value: unknown) => createHash('sha256').update(canonical(value)).digest('base64url');

/** The refusal of a state that does not open, expired, or belongs to another caller or request: what SDK v2 servers answer. */
export const invalidRequestState = () => new RpcError(RpcCode.InvalidParams, 'Invalid or expired requestState', { reason: 'invalid_request_state' });

/** Whether the caller can take part in multi round-trip requests: only the 2026-07-28 era has them. */
export const speaksMrtr = (cc: CallContext) => cc.envelope !== undefined;

export const isInputRequired = (result: UpstreamResult) => result.resultType === 'input_required';

/** What a modern upstream answers when it would ask input of a client that did not declare it can give it. */
export const MISSING_CLIENT_CAPABILITY = ModernCode.MissingRequiredClientCapability;

/**
 * The caller's `requestState`, opened: undefined for a first round, and for a 2025 caller (its era has
 * no such thing). Throws the refusal when it does not hold for this caller and this request.
 */
export function openState(cc: CallContext, params: Record<string, unknown>, binding: Binding): Opened | undefined {
  if (!speaksMrtr(cc)) return undefined;
  // Malformed answers are a protocol error before anything is sent upstream, not the tool's failure.
  inputResponsesOf(params);
  const { requestState } = params;
  if (requestState === undefined) return undefined;
  if (typeof requestState !== 'string') throw invalidRequestState();
  let sealed: Sealed;
  try {
    sealed = cc.services.secrets.open<Sealed>(requestState);
  } catch {
    throw invalidRequestState();
  }
  const holds = sealed?.k === KIND && sealed.p === cc.principal.id && sealed.m === binding.method && sealed.s === binding.serverId
    && sealed.n === binding.name && sealed.d === digest(binding.params) && typeof sealed.e === 'number' && sealed.e > Date.now();
  if (!holds) throw invalidRequestState();
  return {
    ...(typeof sealed.u === 'string' && { upstreamState: sealed.u }),
    ...(typeof sealed.h === 'string' && { held: { id: sealed.h, instanceId: String(sealed.i), round: Number(sealed.r) } }),
  };
}

/**
 * What a retry adds to the request sent upstream: the caller's `inputResponses` as they came, and the
 * upstream's own `requestState` out of the gateway's. Nothing for a first round, nor for a 2025 caller.
 */
export function forwarded(cc: CallContext, params: Record<string, unknown>, opened: Opened | undefined): Record<string, unknown> {
  if (!speaksMrtr(cc)) return {};
  const extra: Record<string, unknown> = {};
  const responses = inputResponsesOf(params);
  if (responses) extra.inputResponses = responses;
  if (opened?.upstreamState !== undefined) extra.requestState = opened.upstreamState;
  return extra;
}

/** The retry's `inputResponses`, when it has some; throws when they are not an object. */
export function inputResponsesOf(params: Record<string, unknown>): Record<string, unknown> | undefined {
  const { inputResponses } = params;
  if (inputResponses === undefined) return undefined;
  if (!inputResponses || typeof inputResponses !== 'object' || Array.isArray(inputResponses)) {
    throw new RpcError(RpcCode.InvalidParams, 'params.inputResponses must be an object');
  }
  return inputResponses as Record<string, unknown>;
}

/** `openState` and `forwarded` at once, for requests that are never held. */
export const continuation = (cc: CallContext, params: Record<string, unknown>, binding: Binding) =>
  forwarded(cc, params, openState(cc, params, binding));

/**
 * An upstream's `input_required` as a 2026-era caller receives it: its input requests as they are (they
 * are the upstream's questions, none of our secrets) and a state of the gateway's own, sealed.
 */
export function relayInputRequired(cc: CallContext, result: UpstreamResult, binding: Binding, held?: HeldRef): UpstreamResult {
  const sealed: Sealed = {
    k: KIND,
    p: cc.principal.id,
    m: binding.method,
    s: binding.serverId,
    n: binding.name,
    d: digest(binding.params),
    e: Date.now() + cc.services.config.mcpInputTtlMs,
    ...(typeof result.requestState === 'string' && { u: result.requestState }),
    ...(held && { h: held.id, i: held.instanceId, r: held.round }),
  };
  const { inputRequests } = result;
  const asked = inputRequests !== null && typeof inputRequests === 'object' && !Array.isArray(inputRequests);
  return {
    resultType: 'input_required',
    ...(asked && { inputRequests }),
    requestState: cc.services.secrets.seal(sealed),
  };
}

/** What a 2025 caller is told instead: its era cannot answer the upstream's questions. */
export const inputNeededMessage = (what: string) =>
  `${what} needs input from the client (multi round-trip, MCP 2026-07-28) that only a 2026-07-28 client can give; call it from such a client`;

/** The capabilities a 2026-era caller declared that an upstream may ask input of (MRTR): elicitation, sampling and roots. */
export function inputCapabilities(cc: CallContext): Record<string, unknown> | undefined {
  const declared = cc.envelope?.clientCapabilities;
  if (!declared) return undefined;
  const picked = Object.fromEntries(['elicitation', 'sampling', 'roots'].filter((k) => declared[k] !== undefined).map((k) => [k, declared[k]]));
  return Object.keys(picked).length ? picked : undefined;
}
