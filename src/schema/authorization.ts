import { checkActions, checkEntities, listActions } from '../resolvers/authorization-checks.ts';
import { builder } from './builder.ts';

const Decision = builder.simpleObject('AuthorizationDecision', {
  fields: (t) => ({ action: t.string(), allowed: t.boolean() }),
});

const EntityDecision = builder.simpleObject('EntityAuthorizationDecision', {
  fields: (t) => ({ action: t.string(), resourceId: t.id(), allowed: t.boolean() }),
});

const EntityCheckInput = builder.inputType('EntityCheckInput', {
  fields: (t) => ({ action: t.string({ required: true }), resourceId: t.id({ required: true }) }),
});

builder.queryFields((t) => ({
  authorizationActions: t.stringList({ description: 'Every action the policy knows, for authorizationCheck.', resolve: (_root, _args, ctx) => listActions(ctx) }),
  authorizationCheck: t.field({
    type: [Decision],
    description: 'Which of these actions the caller may perform in the organization: for dashboards that grey out buttons.',
    args: { organizationId: t.arg.id({ required: true }), actions: t.arg.stringList({ required: true }) },
    resolve: (_root, args, ctx) => checkActions(ctx, args),
  }),
  authorizationCheckEntities: t.field({
    type: [EntityDecision],
    description: 'Whether the caller may perform each action on each resource of the organization (unknown ones: no).',
    args: { organizationId: t.arg.id({ required: true }), checks: t.arg({ type: [EntityCheckInput], required: true }) },
    resolve: (_root, args, ctx) => checkEntities(ctx, args),
  }),
}));
