import { roleIn, type Principal } from '../auth/principal.ts';
import { Credential } from '../db/credential.entity.ts';
import type { OrgRole } from '../db/membership.entity.ts';
import { Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { changePassword, login, logout, viewer } from '../resolvers/session.ts';
import { builder } from './builder.ts';
import { inputMutation } from './common.ts';
import { CredentialRef } from './credentials.ts';
import { OrganizationRef, OrgRoleEnum } from './organizations.ts';
import { SystemRoleEnum, UserRef } from './users.ts';

const PrincipalKindEnum = builder.enumType('PrincipalKind', {
  values: { USER: { value: 'user' }, AGENT: { value: 'agent' }, SERVICE_ACCOUNT: { value: 'serviceAccount' } } as const,
});

const MembershipRef = builder.objectRef<{ organization: Organization; role: OrgRole }>('ViewerMembership').implement({
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, resolve: (m) => m.organization }),
    role: t.field({ type: OrgRoleEnum, resolve: (m) => m.role }),
  }),
});

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'Who the caller is, as the server sees them.',
  fields: (t) => ({
    kind: t.field({ type: PrincipalKindEnum, resolve: (p) => p.kind }),
    id: t.id({ description: "The user's, agent's or service account's id.", resolve: (p) => p.id }),
    username: t.string({ description: 'The name of the person, agent or service account.', resolve: (p) => p.name }),
    role: t.field({ type: SystemRoleEnum, description: 'The system role: ADMIN for system administrators.', resolve: (p) => (p.systemAdmin ? 'admin' : 'user') }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The person behind the credential; null for agents and service accounts.',
      resolve: (p, _args, ctx) => (p.kind === 'user' ? ctx.em.findOne(User, p.id) : null),
    }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The organization the credential acts in on /mcp (null when the caller holds no role there).',
      resolve: (p, _args, ctx) => (roleIn(p, p.homeOrgId) ? ctx.em.findOneOrFail(Organization, p.homeOrgId) : null),
    }),
    organizationRole: t.field({
      type: OrgRoleEnum,
      nullable: true,
      description: 'The role in that organization (null when the caller holds none there).',
      resolve: (p) => p.orgRoles.get(p.homeOrgId) ?? null,
    }),
    memberships: t.field({
      type: [MembershipRef],
      description: 'Every organization the caller belongs to, with the role there.',
      resolve: async (p, _args, ctx) => {
        const orgs = await ctx.em.find(Organization, { id: { $in: [...p.orgRoles.keys()] } }, { orderBy: { createdAt: 'asc' } });
        return orgs.map((organization) => ({ organization, role: p.orgRoles.get(organization.id)! }));
      },
    }),
    credential: t.field({ type: CredentialRef, resolve: (p, _args, ctx) => ctx.em.findOneOrFail(Credential, p.credentialId) }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, description: 'The authenticated caller ("whoami").', resolve: (_root, _args, ctx) => viewer(ctx) }),
);

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    username: t.string({ required: true, description: 'Username or email.' }),
    password: t.string({ required: true }),
  }),
});

const LoginPayload = builder.simpleObject('LoginPayload', {
  fields: (t) => ({
    token: t.string({ description: 'Session token; also set as the session cookie on HTTP.' }),
    expiresAt: t.field({ type: 'DateTime' }),
    user: t.field({ type: UserRef }),
  }),
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({ currentPassword: t.string({ required: true }), newPassword: t.string({ required: true }) }),
});

inputMutation('login', { input: LoginInput, payload: LoginPayload, resolve: (input, ctx) => login(ctx, input) });

builder.mutationFields((t) => ({
  logout: t.boolean({
    description: 'Ends the current session. Returns false when the caller used an API token (nothing to end).',
    resolve: (_root, _args, ctx) => logout(ctx),
  }),
  changePassword: t.boolean({
    description: "Changes the caller's own password and ends their other sessions.",
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => changePassword(ctx, input),
  }),
}));
