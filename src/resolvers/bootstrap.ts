import type { MikroORM } from '@mikro-orm/postgresql';
import { digestToken, maskToken } from '../auth/tokens.ts';
import { Credential } from '../db/credential.entity.ts';
import { Membership } from '../db/membership.entity.ts';
import { DEFAULT_ORG_SLUG, Organization } from '../db/organization.entity.ts';
import { User } from '../db/user.entity.ts';
import { issueCredential } from './credentials.ts';

const BOOTSTRAP_TOKEN_NAME = 'bootstrap';

/**
 * Makes a fresh database usable: the default organization and, on first start, the `admin` user.
 * `adminToken` (SWITCHBOARD_ADMIN_TOKEN) becomes the admin's bootstrap token and replaces an earlier
 * one (`replaced` names the admin then); without it a token is generated on first start and returned so
 * it can be shown once.
 */
export async function bootstrap(orm: MikroORM, adminToken: string | undefined): Promise<{ generatedToken?: string; replaced?: { id: string; username: string } }> {
  return orm.em.fork().transactional(async (em) => {
    const org = (await em.findOne(Organization, { slug: DEFAULT_ORG_SLUG }))
      ?? em.create(Organization, { slug: DEFAULT_ORG_SLUG, name: 'Default' });
    let admin = await em.findOne(User, { systemRole: 'admin', active: true }, { orderBy: { createdAt: 'asc' } });
    const firstStart = !admin && (await em.count(User, {})) === 0;
    if (firstStart) {
      admin = em.create(User, { username: 'admin', displayName: 'Administrator', systemRole: 'admin' });
      // Its powers come from the system role alone (see createUser).
      em.create(Membership, { user: admin, org, role: 'viewer' });
    }
    if (!admin) return {};
    if (adminToken) {
      const digest = digestToken(adminToken);
      if (await em.count(Credential, { digest })) return {};
      const previous = await em.findOne(Credential, { user: admin, name: BOOTSTRAP_TOKEN_NAME, kind: 'api_token' });
      if (previous) Object.assign(previous, { digest, masked: maskToken(adminToken), revokedAt: null, disabledAt: null });
      else issueCredential(em, { kind: 'api_token', user: admin, org, name: BOOTSTRAP_TOKEN_NAME, custom: adminToken });
      return previous ? { replaced: { id: admin.id, username: admin.username } } : {};
    }
    if (!firstStart) return {};
    const { plaintext } = issueCredential(em, { kind: 'api_token', user: admin, org, name: BOOTSTRAP_TOKEN_NAME });
    return { generatedToken: plaintext };
  });
}
