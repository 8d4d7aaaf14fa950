import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { actions, type Action } from '../auth/actions.ts';
import { can, type Resource } from '../auth/policy.ts';
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

/** How to place a resource of each id prefix in the hierarchy, read from the database; null when it does not exist. */
const PLACES: Record<string, (em: EntityManager, id: string) => Promise<Resource | null>> = {
  org: async (em, id) => ((await em.count(Organization, { id })) ? { orgId: id } : null),
  srv: async (em, id) => orgOf(await em.findOne(McpServer, { id }, { fields: ['org'] })),
  tool: async (em, id) => orgOf((await em.findOne(Tool, { id }, { populate: ['server'] }))?.server),
  grp: async (em, id) => orgOf(await em.findOne(Group, { id }, { fields: ['org'] })),
  agt: async (em, id) => orgOf(await em.findOne(Agent, { id }, { fields: ['org'] })),
  sa: async (em, id) => orgOf(await em.findOne(ServiceAccount, { id }, { fields: ['org'] })),
  inv: async (em, id) => orgOf(await em.findOne(Invitation, { id }, { fields: ['org'] })),
  cred: async (em, id) => {
    const credential = await em.findOne(Credential, { id }, { fields: ['org', 'user'] });
    return credential && { orgId: credential.org.id, ownerId: credential.user?.id ?? null };
  },
};

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
    const place = PLACES[resourceId.slice(0, resourceId.indexOf('_'))];
    const resource = place ? await place(ctx.em, resourceId) : null;
    const allowed = !!resource && resource.orgId === org.id && can(ctx.principal, name, resource);
    return { action: name, resourceId, allowed };
  }));
}

export const ACTION_NAMES = Object.keys(actions) as Action[];
