import { McpServer } from '../db/mcp-server.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import type { Toolset } from '../db/toolset.entity.ts';
import type { ToolsetServer } from '../db/toolset-server.entity.ts';
import {
  addToolsetServer, copyToolset, createToolset, deleteToolset, getToolset, listToolsets, removeToolsetServers, toolsetAgents,
  toolsetServerCount, toolsetServers, updateToolset, updateToolsetServer, validateToolset,
} from '../resolvers/toolsets.ts';
import { exportToolset, importToolset, TO_FILL } from '../resolvers/toolset-documents.ts';
import { AgentRef, ToolPrefixModeEnum } from './agents.ts';
import { builder } from './builder.ts';
import { connectionOf, IdInput, inputMutation, nullIfNotFound, pageComplexity } from './common.ts';
import { OrganizationRef } from './organizations.ts';
import { McpServerRef, NewMcpServerInput, ValidateMcpServerPayload } from './servers.ts';

export const ToolsetRef = builder.objectRef<Toolset>('Toolset');

const ToolsetServerRef = builder.objectRef<ToolsetServer>('ToolsetServer').implement({
  description: 'A server in a toolset, with the settings it has there.',
  fields: (t) => ({
    server: t.field({ type: McpServerRef, resolve: (e, _args, ctx) => ctx.em.findOneOrFail(McpServer, e.server.id) }),
    tools: t.stringList({ nullable: true, description: 'The tools on in this toolset; null: all of them, now and later.', resolve: (e) => e.tools ?? null }),
    description: t.exposeString('description', { nullable: true }),
    inputGuardrails: t.exposeStringList('inputGuardrails', { description: 'Guardrail references (stored; enforced by a later release).' }),
    outputGuardrails: t.exposeStringList('outputGuardrails'),
  }),
});

builder.node(ToolsetRef, {
  description: 'A named selection of servers of one organization, each with its own settings.',
  id: { resolve: (t) => t.id },
  isTypeOf: (value) => (value as Toolset).id?.startsWith('tls_'),
  loadOne: (id, ctx) => nullIfNotFound(getToolset(ctx, { id })),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    toolPrefix: t.field({
      type: ToolPrefixModeEnum,
      nullable: true,
      description: 'How /mcp names tools for the agents (without a mode of their own) and project keys it scopes; null: ALWAYS.',
      resolve: (ts) => ts.toolPrefix ?? null,
    }),
    organization: t.field({ type: OrganizationRef, resolve: (ts, _args, ctx) => ctx.em.findOneOrFail(Organization, ts.org.id) }),
    serverCount: t.int({ complexity: 5, resolve: (ts, _args, ctx) => toolsetServerCount(ctx, ts) }),
    servers: t.field({ type: [ToolsetServerRef], complexity: 10, resolve: (ts, _args, ctx) => toolsetServers(ctx, ts) }),
    agents: t.field({ type: [AgentRef], complexity: 10, description: 'Agents scoped by this toolset.', resolve: (ts, _args, ctx) => toolsetAgents(ctx, ts) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(AgentRef, 'toolset', (t) =>
  t.field({
    type: ToolsetRef,
    nullable: true,
    description: 'The toolset that scopes the agent, when it is not scoped by its allow list.',
    resolve: (a, _args, ctx) => (a.toolset ? getToolset(ctx, { id: a.toolset.id }) : null),
  }));

builder.queryFields((t) => ({
  toolset: t.field({
    type: ToolsetRef,
    description: 'One toolset, by id, or by name in an organization (the caller’s only one when not named).',
    args: { id: t.arg.id(), name: t.arg.string(), organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => getToolset(ctx, args),
  }),
  toolsets: t.connection({
    complexity: pageComplexity,
    type: ToolsetRef,
    description: 'Toolsets of an organization; `search` matches their name, description or a server in them.',
    args: { organizationId: t.arg.id(), search: t.arg.string() },
    resolve: (_root, args, ctx) => listToolsets(ctx, args),
  }, connectionOf(ToolsetRef, 'Toolset')),
}));

const ToolsetPayload = builder.simpleObject('ToolsetPayload', { fields: (t) => ({ toolset: t.field({ type: ToolsetRef }) }) });

inputMutation('createToolset', {
  input: builder.inputType('CreateToolsetInput', {
    fields: (t) => ({ organizationId: t.id(), name: t.string({ required: true }), description: t.string(), toolPrefix: t.field({ type: ToolPrefixModeEnum, description: 'Null: ALWAYS.' }) }),
  }),
  payload: ToolsetPayload,
  resolve: async (input, ctx) => ({ toolset: await createToolset(ctx, input) }),
});
inputMutation('updateToolset', {
  input: builder.inputType('UpdateToolsetInput', {
    fields: (t) => ({
      id: t.id({ required: true }), name: t.string(), description: t.string(),
      toolPrefix: t.field({ type: ToolPrefixModeEnum, description: 'Null: ALWAYS. NEVER is refused while two of its servers offer a tool of the same name.' }),
    }),
  }),
  payload: ToolsetPayload,
  resolve: async (input, ctx) => ({ toolset: await updateToolset(ctx, input) }),
});
inputMutation('deleteToolset', {
  input: builder.inputType('DeleteToolsetInput', { fields: (t) => ({ id: t.id({ required: true }), force: t.boolean({ description: 'Delete even while agents use it (they are left with no servers).' }) }) }),
  payload: builder.simpleObject('DeleteToolsetPayload', { fields: (t) => ({ deletedToolsetId: t.id() }) }),
  description: 'Deletes a toolset; CONFLICT while agents are scoped by it, unless forced.',
  resolve: async (input, ctx) => ({ deletedToolsetId: await deleteToolset(ctx, input) }),
});
inputMutation('copyToolset', {
  input: builder.inputType('CopyToolsetInput', { fields: (t) => ({ id: t.id({ required: true }), name: t.string({ required: true }) }) }),
  payload: ToolsetPayload,
  description: 'A new toolset with the same servers and settings.',
  resolve: async (input, ctx) => ({ toolset: await copyToolset(ctx, input) }),
});

const ToolsetServerInput = builder.inputType('ToolsetServerInput', {
  fields: (t) => ({
    toolsetId: t.id({ required: true }),
    serverId: t.id({ required: true }),
    tools: t.stringList({ description: 'The tools to turn on; null (or omitted when adding) for all of them.' }),
    description: t.string(),
    inputGuardrails: t.stringList(),
    outputGuardrails: t.stringList(),
  }),
});
const ToolsetServerPayload = builder.simpleObject('ToolsetServerPayload', { fields: (t) => ({ entry: t.field({ type: ToolsetServerRef }) }) });

inputMutation('addToolsetServer', {
  input: builder.inputType('AddToolsetServerInput', {
    fields: (t) => ({
      toolsetId: t.id({ required: true }),
      serverId: t.id({ description: 'A server of the toolset’s organization; or define one with `server`.' }),
      server: t.field({ type: NewMcpServerInput, description: 'A new server, created in the toolset’s organization under createMcpServer’s rules.' }),
      tools: t.stringList({ description: 'The tools to turn on; omitted or null for all of them.' }),
      description: t.string(),
      inputGuardrails: t.stringList(),
      outputGuardrails: t.stringList(),
    }),
  }),
  payload: ToolsetServerPayload,
  description: 'Puts a server in the toolset (an existing one, or one defined inline), with its settings there.',
  resolve: async (input, ctx) => ({ entry: await addToolsetServer(ctx, input) }),
});
inputMutation('updateToolsetServer', {
  input: ToolsetServerInput,
  payload: ToolsetServerPayload,
  description: 'Changes the settings of a server in a toolset; omitted fields are kept, null clears.',
  resolve: async (input, ctx) => ({ entry: await updateToolsetServer(ctx, input) }),
});
inputMutation('removeToolsetServers', {
  input: builder.inputType('RemoveToolsetServersInput', { fields: (t) => ({ toolsetId: t.id({ required: true }), serverId: t.id(), all: t.boolean() }) }),
  payload: ToolsetPayload,
  description: 'Removes one server from a toolset (serverId), or all of them (all: true).',
  resolve: async (input, ctx) => ({ toolset: await removeToolsetServers(ctx, input) }),
});

inputMutation('validateToolset', {
  input: IdInput,
  payload: builder.simpleObject('ValidateToolsetPayload', {
    fields: (t) => ({
      toolset: t.field({ type: ToolsetRef }),
      ok: t.boolean({ description: 'Every server answered.' }),
      results: t.field({ type: [ValidateMcpServerPayload], description: 'One per server, as validateMcpServer reports it.' }),
    }),
  }),
  description: 'Validates every server of the toolset and reports per server.',
  resolve: (input, ctx) => validateToolset(ctx, input),
});

inputMutation('exportToolset', {
  input: IdInput,
  payload: builder.simpleObject('ExportToolsetPayload', {
    fields: (t) => ({ document: t.field({ type: 'JSON', description: `How each server is reached and its settings; secret values are never included, only their names, marked "${TO_FILL}".` }) }),
  }),
  description: 'The toolset as a JSON document that importToolset takes (operators only: it shows commands and URLs).',
  resolve: async (input, ctx) => ({ document: await exportToolset(ctx, input) }),
});

const SecretsToFillRef = builder.simpleObject('SecretsToFill', {
  description: 'What an imported server needs before it can run: values the document could only name.',
  fields: (t) => ({ serverName: t.string(), env: t.stringList(), headers: t.stringList(), urlCredentials: t.boolean() }),
});

inputMutation('importToolset', {
  input: builder.inputType('ImportToolsetInput', {
    fields: (t) => ({
      organizationId: t.id(),
      document: t.field({ type: 'JSON', required: true, description: 'A document as exportToolset gives it; unknown fields and secret values are refused.' }),
      name: t.string({ description: 'The new toolset’s name, when not the document’s (required when that one is taken).' }),
    }),
  }),
  payload: builder.simpleObject('ImportToolsetPayload', {
    fields: (t) => ({
      toolset: t.field({ type: ToolsetRef }),
      createdServers: t.field({ type: [McpServerRef], description: 'Servers the import created, as drafts to validate.' }),
      reusedServers: t.field({ type: [McpServerRef], description: 'Servers the organization already had by those names, used as they are.' }),
      secretsToFill: t.field({ type: [SecretsToFillRef] }),
    }),
  }),
  description: 'A new toolset from a document: servers the organization lacks are created without their secret values.',
  resolve: (input, ctx) => importToolset(ctx, input),
});
