import type { Tool } from '../db/tool.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { exposedToolName } from '../mcp/names.ts';
import { findTool, getTool, setToolKillSwitch, updateTool, updateTools } from '../resolvers/tools.ts';
import { builder } from './builder.ts';
import { connectionOf, inputMutation, nullIfNotFound } from './common.ts';
import { KillSwitchInput, KillSwitchRef } from './kill-switch.ts';
import { McpServerRef } from './servers.ts';

export const ToolRef = builder.objectRef<Tool>('Tool');

builder.node(ToolRef, {
  description: 'A tool of an upstream server: what it declared, and what the operator changed or switched off.',
  id: { resolve: (t) => t.id },
  isTypeOf: (value) => (value as Tool).id?.startsWith('tool_'),
  loadOne: (id, ctx) => nullIfNotFound(getTool(ctx, id)),
  fields: (t) => ({
    name: t.exposeString('name'),
    exposedName: t.string({
      description: 'Its name on the aggregated /mcp endpoint.',
      resolve: async (tool, _args, ctx) => exposedToolName((await ctx.em.findOneOrFail(McpServer, tool.server.id)).name, tool.name),
    }),
    title: t.exposeString('title', { nullable: true }),
    description: t.exposeString('description', { nullable: true, description: 'As the upstream declared it.' }),
    inputSchema: t.expose('inputSchema', { type: 'JSON' }),
    outputSchema: t.expose('outputSchema', { type: 'JSON', nullable: true }),
    annotations: t.expose('annotations', { type: 'JSON', nullable: true }),
    displayName: t.exposeString('displayName', { nullable: true }),
    descriptionOverride: t.exposeString('descriptionOverride', { nullable: true }),
    instructions: t.exposeString('instructions', { nullable: true }),
    whenToUse: t.exposeString('whenToUse', { nullable: true }),
    whenNotToUse: t.exposeString('whenNotToUse', { nullable: true }),
    enabled: t.exposeBoolean('enabled'),
    killSwitch: t.field({ type: KillSwitchRef, resolve: (tool) => tool }),
    server: t.field({ type: McpServerRef, resolve: (tool, _args, ctx) => ctx.em.findOneOrFail(McpServer, tool.server.id) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('tool', (t) =>
  t.field({
    type: ToolRef,
    description: 'One tool, by id, or by its server and name.',
    args: { id: t.arg.id(), serverId: t.arg.id(), name: t.arg.string() },
    resolve: (_root, args, ctx) => findTool(ctx, args),
  }));

export const ToolConnection = connectionOf(ToolRef, 'Tool');

const UpdateToolInput = builder.inputType('UpdateToolInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    enabled: t.boolean(),
    displayName: t.string(),
    descriptionOverride: t.string({ description: 'Replaces the upstream description for agents; empty clears it.' }),
    instructions: t.string(),
    whenToUse: t.string(),
    whenNotToUse: t.string(),
  }),
});

const UpdateToolsInput = builder.inputType('UpdateToolsInput', {
  fields: (t) => ({ serverId: t.id({ required: true }), tools: t.field({ type: [UpdateToolInput], required: true }) }),
});

const ToolPayload = builder.simpleObject('ToolPayload', { fields: (t) => ({ tool: t.field({ type: ToolRef }) }) });

inputMutation('updateTool', { input: UpdateToolInput, payload: ToolPayload, resolve: async (input, ctx) => ({ tool: await updateTool(ctx, input) }) });
inputMutation('updateTools', {
  input: UpdateToolsInput,
  payload: builder.simpleObject('UpdateToolsPayload', { fields: (f) => ({ tools: f.field({ type: [ToolRef] }) }) }),
  description: 'Changes several tools of one server at once, all or nothing.',
  resolve: async (input, ctx) => ({ tools: await updateTools(ctx, input) }),
});
inputMutation('setToolKillSwitch', { input: KillSwitchInput, payload: ToolPayload, resolve: async (input, ctx) => ({ tool: await setToolKillSwitch(ctx, input) }) });
