import { isSubscribed, listAvailableServers, subscribeToServer, unsubscribeFromServer } from '../resolvers/subscriptions.ts';
import { builder } from './builder.ts';
import { inputMutation, pageComplexity } from './common.ts';
import { McpServerConnection, McpServerPayload, McpServerRef } from './servers.ts';

builder.objectField(McpServerRef, 'subscribed', (t) =>
  t.boolean({ description: 'Whether the caller subscribed to this server (its tools are on their /mcp).', resolve: (s, _args, ctx) => isSubscribed(ctx, s.id) }));

builder.queryField('availableMcpServers', (t) =>
  t.connection({
    complexity: pageComplexity,
    type: McpServerRef,
    description: 'The marketplace: servers the caller may subscribe to (published servers of their groups; every live one for operators).',
    args: { organizationId: t.arg.id() },
    resolve: (_root, args, ctx) => listAvailableServers(ctx, args),
  }, McpServerConnection));

const ServerSubscriptionInput = builder.inputType('ServerSubscriptionInput', {
  fields: (t) => ({ serverId: t.id({ required: true }) }),
});

inputMutation('subscribeToServer', {
  input: ServerSubscriptionInput,
  payload: McpServerPayload,
  description: 'Puts a server offered to the caller on their /mcp.',
  resolve: async (input, ctx) => ({ server: await subscribeToServer(ctx, input) }),
});
inputMutation('unsubscribeFromServer', {
  input: ServerSubscriptionInput,
  payload: McpServerPayload,
  resolve: async (input, ctx) => ({ server: await unsubscribeFromServer(ctx, input) }),
});
