/**
 * What a system backup holds, decided for every entity: the control plane is backed up, restored and
 * reset; what is left out is kept by all three. A new entity must be added to one or the other (a test
 * compares this with the ORM's entities).
 */
export const BACKED_UP = [
  'Organization', 'User', 'Membership', 'Invitation', 'Group', 'ServiceAccount',
  'McpServer', 'OpenApiSpec', 'Tool', 'UserServerSecret', 'ServerSubscription',
  'Toolset', 'ToolsetServer', 'Project', 'ProjectMember', 'Agent', 'Credential', 'PresharedKey', 'Deployment',
] as const;

export const LEFT_OUT: Record<string, string> = {
  AuditEvent: 'the audit log is a record of what happened, not configuration: restore and reset keep it',
  RateLimit: 'counters of recent failed guesses, which expire within minutes',
  MailMessage: 'the outbox: mail already delivered or being delivered, carrying one-time invitation links',
  RuntimeLog: 'what a server’s runtime printed: it goes with its server, and a restored server’s runtime starts afresh',
  DeploymentOperation: 'the record of a server’s validations and publications: it goes with its server, like its runtime logs',
  DeploymentChange: 'the status changes a deployment’s runtimes went through: it goes with its deployment, like a server’s operations',
  UsageBucket: 'figures rolled up from the audit log, which a restore and a reset keep: they stay with it',
  UsageWatermark: 'how far this database’s audit log has been rolled up into usage figures',
  Setting: 'the installation’s own settings (which may hold its keys to other services), not the control plane’s',
};

/** Rows that are history or transient rather than configuration, as SQL over the entity's table. */
export const ROW_FILTERS: Record<string, string> = {
  /** Sign-ins: a restore signs everyone out; keys and tokens are kept. */
  Credential: `kind <> 'session'`,
  /** Only invitations that can still be accepted; the others are history (in the audit log). */
  Invitation: 'accepted_at is null and revoked_at is null and expires_at > now()',
};

export const BACKUP_FORMAT = 'switchboard.backup/1';
