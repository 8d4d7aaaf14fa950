import type { GraphQLClient } from './graphql.ts';
import { createUser, unique, type CreatedUser } from './fixtures.ts';

export type OrgRole = 'ADMIN' | 'DEVELOPER' | 'VIEWER';

/** A new organization, founded by `founder` (who becomes its admin). */
export async function createOrganization(founder: GraphQLClient, slug = unique('org').toLowerCase()) {
  const data = await founder.data(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id slug } } }`, { i: { name: `Org ${slug}`, slug } });
  return data.createOrganization.organization as { id: string; slug: string };
}

/** A person who belongs to `orgId` only, with `role` there, and an API token acting in it. */
export async function orgMember(admin: GraphQLClient, orgId: string, role: OrgRole): Promise<CreatedUser> {
  const username = unique(role.toLowerCase());
  const password = `pw-${unique('secret')}`;
  const data = await admin.data(
    `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } token } }`,
    { i: { username, password, email: `${username}@example.test`, issueToken: true, organizationId: orgId, organizationRole: role } },
  );
  return { id: data.createUser.user.id, username, password, token: data.createUser.token };
}

/** A service account of `orgId` with `role`, and its first key. */
export async function serviceAccount(client: GraphQLClient, orgId: string, role: OrgRole) {
  const data = await client.data(
    `mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { serviceAccount { id } credential { id clientId maskedToken } key } }`,
    { i: { organizationId: orgId, name: unique('sa'), role } },
  );
  const issued = data.createServiceAccount;
  return { id: issued.serviceAccount.id as string, key: issued.key as string, credential: issued.credential as { id: string; clientId: string; maskedToken: string } };
}

/** Two organizations of one founder: `org`, with an admin of it (by role, not a system administrator), and `other`. */
export async function twoOrganizations(t: { admin: GraphQLClient; client(token: string | null): GraphQLClient }) {
  const founder = await createUser(t.admin);
  const org = await createOrganization(t.client(founder.token));
  const other = await createOrganization(t.client(founder.token));
  const admin = t.client((await orgMember(t.admin, org.id, 'ADMIN')).token);
  return { org, other, admin };
}
