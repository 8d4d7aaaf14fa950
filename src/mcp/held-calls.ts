import { randomUUID } from 'node:crypto';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../resolvers/context.ts';
import { CallerGone, whenCallerGone } from './call-cancellation.ts';
import type { CallContext } from './call-context.ts';
import { inputCapabilities, inputResponsesOf, type HeldRef } from './input-required.ts';
import { RpcCode, RpcError } from './jsonrpc.ts';
import type { UpstreamCall, UpstreamResult, UpstreamSession } from './upstream-session.ts';

/**
 * Calls to legacy upstreams held on this instance while their 2026-07-28 caller answers what the upstream
 * asked of it (elicitation/create, sampling/createMessage, roots/list) mid-call. The 2025 era asks over the open
 * session, the 2026 era answers by retrying: the upstream's request is put to the caller as an input
 * request, and the upstream call waits here, where only a retry reaching this instance can complete it.
 */

/** The key of the one input request a held call asks at a time. */
export const HELD_INPUT_KEY = 'upstream';

interface Question extends UpstreamCall {
  resolve(answer: Record<string, unknown>): void;
  reject(error: Error): void;
}

export type Step = { done: UpstreamResult } | { failed: unknown } | { asked: UpstreamCall };
/** The upstream call of a held call: `ask` puts the upstream's questions to the caller, `signal` cancels it. */
type Run = (ask: (request: UpstreamCall) => Promise<Record<string, unknown>>, signal: AbortSignal) => Promise<UpstreamResult>;

export class HeldCall {
  readonly id = randomUUID();
  readonly principalId: string;
  /** Bumped at every question put to the caller: a state of an earlier round no longer continues the call. */
  round = 0;
  /** A retry is being served: another with the same state is refused. */
  busy = false;
  timer?: NodeJS.Timeout;
  readonly #cancel = new AbortController();
  readonly #outcome: Promise<{ done: UpstreamResult } | { failed: unknown }>;
  readonly #queued: Question[] = [];
  #wake?: () => void;
  #current?: Question;

  constructor(principalId: string, run: Run) {
    this.principalId = principalId;
    this.#outcome = run((request) => this.#ask(request), this.#cancel.signal).then((done) => ({ done }), (failed: unknown) => ({ failed }));
  }

  #ask(request: UpstreamCall): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.#queued.push({ ...request, resolve, reject });
      this.#wake?.();
    });
  }

  /** The question the caller was last asked. */
  get question(): UpstreamCall | undefined {
    return this.#current && { method: this.#current.method, params: this.#current.params };
  }

  /** The upstream's next step: its answer, or a question for the caller. */
  async next(): Promise<Step> {
    const asked = new Promise<null>((resolve) => {
      this.#wake = () => resolve(null);
      if (this.#queued.length) resolve(null);
    });
    const step = await Promise.race([this.#outcome, asked]);
    this.#wake = undefined;
    if (step) {
      this.abandon(new McpError(ErrorCode.InvalidRequest, 'The call ended'));
      return step;
    }
    this.#current = this.#queued.shift()!;
    return { asked: this.question! };
  }

  /** The caller's answer to the question it was asked, handed to the upstream. */
  answer(response: Record<string, unknown>): void {
    this.#current?.resolve(response);
    this.#current = undefined;
  }

  /** The caller cancelled: the upstream's request is cancelled, and its questions refused. */
  cancel(): void {
    this.#cancel.abort(new CallerGone());
    this.abandon(new McpError(ErrorCode.InvalidRequest, 'The client cancelled the call'));
  }

  /** Every question still open is refused: the upstream hears an error. */
  abandon(error: Error): void {
    for (const question of [this.#current, ...this.#queued.splice(0)]) question?.reject(error);
    this.#current = undefined;
  }
}

/** This instance's held calls, each kept until its caller answers or `ttlMs` passes. */
export class HeldCalls {
  readonly instanceId: string;
  readonly #held = new Map<string, HeldCall>();
  readonly #ttlMs: number;

  constructor(instanceId: string, ttlMs: number) {
    this.instanceId = instanceId;
    this.#ttlMs = ttlMs;
  }

  /** Waits for the caller's retry; a caller that never comes back leaves the upstream with an error. */
  keep(call: HeldCall): void {
    this.#held.set(call.id, call);
    clearTimeout(call.timer);
    call.timer = setTimeout(() => {
      this.drop(call);
      call.abandon(new McpError(ErrorCode.RequestTimeout, 'The client did not answer in time'));
    }, this.#ttlMs);
    call.timer.unref();
  }

  get(id: string): HeldCall | undefined {
    return this.#held.get(id);
  }

  drop(call: HeldCall): void {
    clearTimeout(call.timer);
    this.#held.delete(call.id);
  }
}

const registries = new WeakMap<Services, HeldCalls>();

/** The held calls of the instance these services are of. */
export function heldCalls(services: Services): HeldCalls {
  let registry = registries.get(services);
  if (!registry) registries.set(services, (registry = new HeldCalls(services.signals.instanceId, services.config.mcpInputTtlMs)));
  return registry;
}

/** Every kind of input request the 2026-07-28 revision has, and the client capability each needs. */
const NEEDS: Record<string, string> = { 'elicitation/create': 'elicitation', 'sampling/createMessage': 'sampling', 'roots/list': 'roots' };

/**
 * A call to a legacy upstream whose questions this 2026-era caller is put, for what it declared it can
 * answer. Until the call ends, its runtime is not stopped as idle: waiting for the caller is use.
 */
export function holdable(cc: CallContext, session: UpstreamSession, run: Run): HeldCall {
  const declared = inputCapabilities(cc) ?? {};
  const release = cc.supervisor.hold(session);
  return new HeldCall(cc.principal.id, (ask, signal) => run(async (request) => {
    const needs = NEEDS[request.method];
    if (!needs || declared[needs] === undefined) throw new McpError(ErrorCode.InvalidRequest, `The client did not declare the ${needs ?? request.method} capability`);
    const { _meta: _, ...params } = request.params ?? {};
    return ask({ method: request.method, params });
  }, signal).finally(release));
}

const refusal = (message: string, reason: string) => new RpcError(RpcCode.InvalidParams, `${message}: call the tool again without requestState`, { reason });

/** The held call a retry continues, taken for this retry; or the refusal the caller can act on. */
export function takeHeld(cc: CallContext, ref: HeldRef): HeldCall {
  const registry = heldCalls(cc.services);
  if (ref.instanceId !== registry.instanceId) {
    throw refusal('The call this requestState continues waits on another Switchboard instance, which this request did not reach', 'held_elsewhere');
  }
  const call = registry.get(ref.id);
  if (!call || call.principalId !== cc.principal.id || call.round !== ref.round || call.busy) {
    throw refusal('The call this requestState continues no longer waits for this answer (it ended, expired, or was answered already)', 'held_call_gone');
  }
  call.busy = true;
  // Until its next question, the call's own timeout bounds it.
  clearTimeout(call.timer);
  return call;
}

export interface Relayed {
  result: UpstreamResult;
  held?: HeldRef;
}

/** The question put to the caller, as the input_required result of a round whose state names the held call. */
function asking(cc: CallContext, call: HeldCall, question: UpstreamCall): Relayed {
  const registry = heldCalls(cc.services);
  call.round++;
  registry.keep(call);
  return {
    result: { resultType: 'input_required', inputRequests: { [HELD_INPUT_KEY]: question } },
    held: { id: call.id, instanceId: registry.instanceId, round: call.round },
  };
}

/**
 * The upstream's next step as the caller gets it: its result, or its question. The caller closing its
 * response before then cancels the call (2026-07-28: closing a request's response stream is its
 * cancellation); between rounds no request is open, and the call waits for a retry until `ttlMs`.
 */
export async function stepOf(cc: CallContext, call: HeldCall): Promise<Relayed> {
  const registry = heldCalls(cc.services);
  const release = whenCallerGone(cc, undefined, () => {
    registry.drop(call);
    call.cancel();
  });
  try {
    const step = await call.next();
    if ('asked' in step) return asking(cc, call, step.asked);
    registry.drop(call);
    if ('failed' in step) throw step.failed;
    return { result: step.done };
  } finally {
    call.busy = false;
    release();
  }
}

/** A retry of a held call: its answer handed to the upstream, or the same question again when it brought none. */
export function resume(cc: CallContext, call: HeldCall, params: Record<string, unknown>): Promise<Relayed> {
  const response = inputResponsesOf(params)?.[HELD_INPUT_KEY];
  const question = call.question;
  if (response && typeof response === 'object' && !Array.isArray(response)) call.answer(response as Record<string, unknown>);
  else if (question) {
    call.busy = false;
    return Promise.resolve(asking(cc, call, question));
  }
  return stepOf(cc, call);
}
