import type { Organization } from '../db/organization.entity.ts';
import { getOrganization, listOrganizations } from '../resolvers/organizations.ts';
import { builder } from './builder.ts';
import { connectionOf, nullIfNotFound, pageComplexity } from './common.ts';

export const OrganizationRef = builder.objectRef<Organization>('Organization');

builder.node(OrganizationRef, {
  description: 'A tenant. Every server, agent, credential and event belongs to exactly one.',
  id: { resolve: (org) => org.id },
  isTypeOf: (value) => (value as Organization).id?.startsWith('org_'),
  loadOne: (id, ctx) => nullIfNotFound(getOrganization(ctx, id)),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const OrganizationConnection = connectionOf(OrganizationRef, 'Organization');

builder.queryFields((t) => ({
  organization: t.field({
    type: OrganizationRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => getOrganization(ctx, id),
  }),
  organizations: t.connection({
    complexity: pageComplexity,
    type: OrganizationRef,
    description: 'Organizations the caller belongs to (all of them for a system administrator).',
    resolve: (_root, args, ctx) => listOrganizations(ctx, args),
  }, OrganizationConnection),
}));
