import type { App } from '../../src/app.ts';
import { Membership, type OrgRole } from '../../src/db/membership.entity.ts';
import { Organization } from '../../src/db/organization.entity.ts';
import type { AuditInput } from '../../src/events/audit.ts';
import type { SqlClient } from '../../src/events/audit-table.ts';
import type { GraphQLClient } from './graphql.ts';
import { unique } from './fixtures.ts';
import type { Subscription } from './ws.ts';

export const EVENT_FIELDS = 'seq type status correlationId organizationId actor { id name } target { type name } details';

export const AUDIT_SUBSCRIPTION = `subscription($f: AuditEventFilter, $after: String) { auditEvents(filter: $f, after: $after) { ${EVENT_FIELDS} } }`;

export interface ReceivedEvent {
  seq: string;
  type: string;
  status: string;
  correlationId: string;
  organizationId: string | null;
  actor: { id: string | null; name: string | null } | null;
  details: Record<string, unknown> | null;
}

/** The seq of the newest event the client may read ("0" for none): subscribe with it as `after` to miss nothing from now on. */
export async function headSeq(client: GraphQLClient): Promise<string> {
  const data = await client.data<{ auditLog: { events: { seq: string }[] } }>(`{ auditLog(limit: 1) { events { seq } } }`);
  return data.auditLog.events[0]?.seq ?? '0';
}

/** Waits for `count` events from a subscription to `auditEvents`. */
export async function take(sub: Subscription<{ auditEvents: ReceivedEvent }>, count: number, timeoutMs = 10_000): Promise<ReceivedEvent[]> {
  const events: ReceivedEvent[] = [];
  while (events.length < count) events.push((await sub.next(timeoutMs)).auditEvents);
  return events;
}

/** A tool-call-like event through the group-commit path, as the MCP proxy records them. */
export function toolCall(overrides: Partial<AuditInput> = {}): AuditInput {
  return { type: 'tool_invocation', status: 'success', correlationId: unique('corr_'), serverName: 'github', toolName: 'search_code', durationMs: 3, ...overrides };
}

/** The pg pool under the app's ORM, which the audit writer inserts through. */
export const sqlPool = (app: App): Promise<SqlClient> => app.services.orm.em.getConnection().getNativeClient();

/** Organizations and roles have no mutations yet: tests set them up in the database. */
export async function createOrganization(app: App): Promise<string> {
  const em = app.services.orm.em.fork();
  const slug = unique('org');
  const org = em.create(Organization, { slug, name: slug });
  await em.flush();
  return org.id;
}

export async function setMembership(app: App, userId: string, orgId: string, role: OrgRole): Promise<void> {
  const em = app.services.orm.em.fork();
  const existing = await em.findOne(Membership, { user: userId, org: orgId });
  if (existing) existing.role = role;
  else em.create(Membership, { user: userId, org: orgId, role });
  await em.flush();
  // Changing a role outside a mutation: tell the instance, as a mutation would.
  app.services.signals.emit('principals');
}
