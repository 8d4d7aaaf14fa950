import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { actions, type Action } from '../auth/actions.ts';
import { assert, can, type Resource } from '../auth/policy.ts';
import { Agent } from '../db/agent.entity.ts';
import { Credential } from '../db/credential.entity.ts';
import { Group } from '../db/group.entity.ts';
import { Invitation } from '../db/invitation.entity.ts';
import { McpServer } from '../db/mcp-server.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { ServiceAccount } from '../db/service-account.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import type { Ctx } from './context.ts';
import { fields, parseInput } from './input.ts';
import { authorizeFound } from './scope.ts';

const action = z.string().refine((name): name is Action => Object.hasOwn(actions, name), 'not an action of the catalogue (see authorizationActions)');

/** A resource as checks see it: a credential of an agent or a service account names that owner, whose actions govern it. */
type Place = Resource & { ownedBy?: 'agent' | 'serviceAccount' };

/** How to place a resource of each id prefix in the hierarchy, read from the database; null when it does not exist. */
const PLACES: Record<string, (em: EntityManager, id: string) => Promise<Place | null>> = {
  org: async (em, id) => ((await em.count(Organization, { id })) ? { orgId: id } : null),
  srv: async (em, id) => orgOf(await em.findOne(McpServer, { id }, { fields: ['org'] })),
  tool: async (em, id) => orgOf((await em.findOne(Tool, { id }, { populate: ['server'] }))?.server),
  grp: async (em, id) => orgOf(await em.findOne(Group, { id }, { fields: ['org'] })),
  agt: async (em, id) => orgOf(await em.findOne(Agent, { id }, { fields: ['org'] })),
  sa: async (em, id) => orgOf(await em.findOne(ServiceAccount, { id }, { fields: ['org'] })),
  inv: async (em, id) => orgOf(await em.findOne(Invitation, { id }, { fields: ['org'] })),
  cred: async (em, id) => {
    const credential = await em.findOne(Credential, { id }, { fields: ['org', 'user', 'agent', 'serviceAccount'] });
    if (!credential) return null;
    const owner = credential.agent ? 'agent' : credential.serviceAccount ? 'serviceAccount' : null;
    return { orgId: credential.org.id, ownerId: credential.user?.id ?? null, ...(owner && { ownedBy: owner }) };
  },
};

/** Agents' tokens and service keys are their organization's, as credentials.ts decides: `credential.*` on them is their owner's read or write. */
const governing = (name: Action, resource: Place): Action =>
  resource.ownedBy && name.startsWith('credential.') ? `${resource.ownedBy}.${name === 'credential.read' ? 'read' : 'write'}` : name;

const orgOf = (row: { org: { id: string } } | null | undefined): Resource | null => (row ? { orgId: row.org.id } : null);

async function organization(ctx: Ctx, id: string) {
  const org = await ctx.em.findOne(Organization, { id });
  authorizeFound(ctx, 'authorization.check', 'Organization', org?.id);
  return org!;
}

const CheckInput = z.object({ organizationId: fields.id, actions: z.array(action).min(1).max(100) });

/** Which of `actions` the caller may perform in the organization (on its resources in general). */
export async function checkActions(ctx: Ctx, input: z.input<typeof CheckInput>) {
  const data = parseInput(CheckInput, input);
  const org = await organization(ctx, data.organizationId);
  return data.actions.map((name) => ({ action: name, allowed: can(ctx.principal, name, { orgId: org.id }) }));
}

const EntitiesInput = z.object({
  organizationId: fields.id,
  checks: z.array(z.object({ action, resourceId: fields.id })).min(1).max(100),
});

/** Whether the caller may perform each action on each resource; one outside the organization, or unknown, is not allowed. */
export async function checkEntities(ctx: Ctx, input: z.input<typeof EntitiesInput>) {
  const data = parseInput(EntitiesInput, input);
  const org = await organization(ctx, data.organizationId);
  return Promise.all(data.checks.map(async ({ action: name, resourceId }) => {
    const prefix = resourceId.slice(0, resourceId.indexOf('_'));
    // Own keys only: an id like `hasOwnProperty_1` names no place (and must not call Object.prototype's).
    const resource = Object.hasOwn(PLACES, prefix) ? await PLACES[prefix]!(ctx.em, resourceId) : null;
    const allowed = !!resource && resource.orgId === org.id && can(ctx.principal, governing(name, resource), resource);
    return { action: name, resourceId, allowed };
  }));
}

export function listActions(ctx: Ctx): Action[] {
  assert(ctx.principal, 'catalogue.read');
  return Object.keys(actions) as Action[];
}
