import { CHECK_NAMES, CHECK_STATUSES, type CheckResult } from '../hosting/probes.ts';
import { checkHosting, type HostingReport } from '../resolvers/server-hosting.ts';
import { smokeCallTool, smokeListTools, type SmokeCall, type SmokeList } from '../resolvers/server-smoke.ts';
import type { DiscoveredTool } from '../resolvers/upstream-port.ts';
import { builder } from './builder.ts';
import { inputMutation } from './common.ts';
import { enumOf } from './enums.ts';
import { McpServerRef } from './servers.ts';

// An operator's diagnostics of a server: hosting checks, and smoke tests on its live runtime.

const HostingCheckRef = builder.objectRef<CheckResult>('HostingCheck').implement({
  fields: (t) => ({
    name: t.field({ type: enumOf('HostingCheckName', CHECK_NAMES), resolve: (c) => c.name }),
    status: t.field({ type: enumOf('HostingCheckStatus', CHECK_STATUSES), resolve: (c) => c.status }),
    durationMs: t.exposeFloat('durationMs'),
    message: t.exposeString('message'),
  }),
});

const HostingPayload = builder.objectRef<HostingReport>('CheckMcpServerHostingPayload').implement({
  fields: (t) => ({
    server: t.field({ type: McpServerRef, resolve: (p) => p.server }),
    environment: t.exposeString('environment'),
    ok: t.exposeBoolean('ok', { description: 'No check failed.' }),
    checks: t.field({ type: [HostingCheckRef], resolve: (p) => p.checks }),
  }),
});

const SmokeToolRef = builder.objectRef<DiscoveredTool>('SmokeTool').implement({
  description: 'A tool as the live runtime lists it now.',
  fields: (t) => ({
    name: t.exposeString('name'),
    title: t.string({ nullable: true, resolve: (tool) => tool.title ?? null }),
    description: t.string({ nullable: true, resolve: (tool) => tool.description ?? null }),
    inputSchema: t.field({ type: 'JSON', resolve: (tool) => tool.inputSchema }),
    annotations: t.field({ type: 'JSON', nullable: true, resolve: (tool) => tool.annotations ?? null }),
  }),
});

const SmokeListPayload = builder.objectRef<SmokeList>('SmokeListMcpToolsPayload').implement({
  fields: (t) => ({
    server: t.field({ type: McpServerRef, resolve: (p) => p.server }),
    ok: t.exposeBoolean('ok'),
    error: t.exposeString('error', { nullable: true, description: 'Why the runtime could not be started or listed.' }),
    tools: t.field({ type: [SmokeToolRef], resolve: (p) => p.tools }),
    durationMs: t.exposeFloat('durationMs'),
  }),
});

const SmokeCallPayload = builder.objectRef<SmokeCall>('SmokeCallMcpToolPayload').implement({
  fields: (t) => ({
    server: t.field({ type: McpServerRef, resolve: (p) => p.server }),
    tool: t.exposeString('tool'),
    ok: t.exposeBoolean('ok', { description: 'False when the call failed before a result: the runtime could not start, or the upstream answered with an error.' }),
    error: t.exposeString('error', { nullable: true }),
    result: t.field({ type: 'JSON', nullable: true, description: 'The tool result as the upstream gave it.', resolve: (p) => p.result }),
    isError: t.exposeBoolean('isError', { description: 'The tool itself reported an error.' }),
    durationMs: t.exposeFloat('durationMs'),
  }),
});

const HostingInput = builder.inputType('CheckMcpServerHostingInput', {
  fields: (t) => ({ id: t.id({ required: true }), environment: t.string({ description: 'Where it runs: "prod", the default and, until deployments have environments, the only one.' }) }),
});
const SmokeListInput = builder.inputType('SmokeListMcpToolsInput', { fields: (t) => ({ id: t.id({ required: true }) }) });
const SmokeCallInput = builder.inputType('SmokeCallMcpToolInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    tool: t.string({ required: true, description: 'The upstream’s own name of the tool.' }),
    arguments: t.field({ type: 'JSON' }),
  }),
});

inputMutation('checkMcpServerHosting', {
  input: HostingInput, payload: HostingPayload,
  description: 'DNS, routing and TLS of the server’s URL, then its live runtime’s start and tools/list, each with status, duration and message. Changes nothing.',
  resolve: (input, ctx) => checkHosting(ctx, input as { id: string; environment?: string | null }),
});
inputMutation('smokeListMcpTools', {
  input: SmokeListInput, payload: SmokeListPayload,
  description: 'Lists the tools of the server’s live runtime (starting it if needed) without storing them: an operator’s smoke test.',
  resolve: (input, ctx) => smokeListTools(ctx, input as { id: string }),
});
inputMutation('smokeCallMcpTool', {
  input: SmokeCallInput, payload: SmokeCallPayload,
  description: 'Calls one tool on the server’s live runtime as its operator, without subscribing or an agent token; audited as any call.',
  resolve: (input, ctx) => smokeCallTool(ctx, input as { id: string; tool: string; arguments?: Record<string, unknown> | null }),
});
