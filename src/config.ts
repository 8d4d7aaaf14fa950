import path from 'node:path';
import { z } from 'zod';
import { OutboundPolicy } from './auth/outbound.ts';
import { refineTokenStrength } from './auth/token-strength.ts';
import { collectorUrlProblem } from './telemetry/settings.ts';
import type { AuditMode } from './events/audit.ts';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const networks = list.superRefine((entries, ctx) => {
  try {
    new OutboundPolicy(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  SWITCHBOARD_DATA_DIR: z.string().min(1).default('./.switchboard'),
  SWITCHBOARD_ADMIN_TOKEN: z.string().superRefine(refineTokenStrength).optional(),
  SWITCHBOARD_SECRET_KEY: z.string().min(32).optional(),
  SWITCHBOARD_MCP_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  SWITCHBOARD_VALIDATION_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  SWITCHBOARD_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  SWITCHBOARD_MCP_IDLE_MS: z.coerce.number().int().positive().default(300_000),
  SWITCHBOARD_MCP_KEEPALIVE_MS: count(25_000),
  SWITCHBOARD_MCP_LIST_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  SWITCHBOARD_MCP_INPUT_TTL_MS: z.coerce.number().int().positive().default(600_000),
  SWITCHBOARD_INTROSPECTION: flag.optional(),
  SWITCHBOARD_ALLOWED_ORIGINS: list.default([]),
  SWITCHBOARD_ALLOWED_HOSTS: list.optional(),
  SWITCHBOARD_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SWITCHBOARD_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SWITCHBOARD_AUDIT_MODE: z.enum(['durable', 'committed', 'buffered']).default('durable'),
  SWITCHBOARD_AUDIT_RETENTION_DAYS: z.coerce.number().min(0).default(90),
  SWITCHBOARD_USAGE_ROLLUP_SECONDS: z.coerce.number().min(0).default(60),
  SWITCHBOARD_OUTBOUND_ALLOW: networks.default([]),
  SWITCHBOARD_MCP_MAX_BODY_BYTES: count(4 * 1024 * 1024),
  SWITCHBOARD_MCP_MAX_RESULT_BYTES: count(8 * 1024 * 1024),
  SWITCHBOARD_AUTH_FAILURES_PER_MINUTE: count(30),
  SWITCHBOARD_LOGINS_PER_MINUTE: count(20),
  SWITCHBOARD_LOGIN_FAILURES_PER_ACCOUNT: count(10),
  SWITCHBOARD_MAILS_PER_HOUR: count(30),
  SWITCHBOARD_MAX_CONNECTIONS_PER_PRINCIPAL: count(100),
  SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_CONNECTION: count(100),
  SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: count(1_000),
  SWITCHBOARD_HEADERS_TIMEOUT_MS: count(10_000),
  SWITCHBOARD_REQUEST_TIMEOUT_MS: count(30_000),
  SWITCHBOARD_TRUSTED_PROXIES: list.default([]),
  SWITCHBOARD_PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')).optional(),
  SWITCHBOARD_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  SWITCHBOARD_MAIL_FROM: z.string().min(3).max(200).default('Switchboard <switchboard@localhost>'),
  SWITCHBOARD_CONFIG: z.string().min(1).optional(),
  // OpenTelemetry's own names: the collector's OTLP/HTTP base URL traces go to until an administrator sets one.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().superRefine((url, ctx) => {
    const problem = collectorUrlProblem(url, true);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('switchboard'),
});

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export type LogLevel = z.infer<typeof EnvSchema>['SWITCHBOARD_LOG_LEVEL'];

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  secretKey: string | undefined;
  /** How long a tool call may take upstream before the caller gets a tool error. */
  mcpTimeoutMs: number;
  /** How long validating a server may take, from start to its tool list. */
  validationTimeoutMs: number;
  /** The bearer token `/metrics` asks of its scraper; unset, there is no `/metrics`. */
  metricsToken: string | undefined;
  /** Upstream processes and connections unused for this long are stopped. */
  mcpIdleMs: number;
  /** How often an open /mcp event stream carries a comment, so proxies and clients keep it open. */
  mcpKeepAliveMs: number;
  /** How long a 2026-era client may keep the tools/list it was given (`ttlMs`); list_changed says sooner. */
  mcpListTtlMs: number;
  /** How long the requestState the gateway issues with an input_required result (MRTR) may be retried with. */
  mcpInputTtlMs: number;
  introspection: boolean;
  graphiql: boolean;
  allowedOrigins: string[];
  /** Host header names accepted (DNS-rebinding protection); null accepts any. */
  allowedHosts: string[] | null;
  sessionTtlMs: number;
  logLevel: LogLevel;
  /** See AuditMode: when an audited request may return. */
  auditMode: AuditMode;
  /** Audit events older than this are pruned; 0 keeps them forever. */
  auditRetentionDays: number;
  /** How often usage is rolled up from the audit log; 0: only when it is read (and before pruning). */
  usageRollupSeconds: number;
  /** Loopback and private networks upstreams may be dialled in (link-local and metadata never are). */
  outboundAllow: string[];
  limits: Limits;
  /** Peers whose X-Forwarded-For names the client (a reverse proxy in front). */
  trustedProxies: string[];
  /** Where people reach this server (links in invitation mails); its own address when unset. */
  publicUrl: string | undefined;
  /** Mail goes out through this server; without one, invitation links are only returned and logged. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** A declarative configuration file (YAML, JSON or Claude Desktop's) applied at every start, as the bootstrap administrator. */
  configFile: string | undefined;
  /** Traces: where they go before a runtime setting exists (OTEL_EXPORTER_OTLP_ENDPOINT), and the service they name. */
  telemetry: { url: string | undefined; serviceName: string };
}

export interface Limits {
  mcpBodyBytes: number;
  /** The largest answer relayed from an upstream: a larger one becomes a tool error. */
  mcpResultBytes: number;
  /** Failed authentications per source (address) per minute, shared by instances. */
  authFailuresPerMinute: number;
  /** Login attempts per source per minute. */
  loginsPerMinute: number;
  /** Failed logins per account per 15 minutes, from any source. */
  loginFailuresPerAccount: number;
  /** Invitation mails (sent or resent) per sender per hour. */
  mailsPerHour: number;
  connectionsPerPrincipal: number;
  subscriptionsPerConnection: number;
  subscriptionsPerPrincipal: number;
  /** Slow clients: the time to send the headers, and the whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const development = e.NODE_ENV !== 'production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SWITCHBOARD_DATA_DIR),
    adminToken: e.SWITCHBOARD_ADMIN_TOKEN,
    secretKey: e.SWITCHBOARD_SECRET_KEY,
    mcpTimeoutMs: e.SWITCHBOARD_MCP_TIMEOUT_MS,
    validationTimeoutMs: e.SWITCHBOARD_VALIDATION_TIMEOUT_MS,
    metricsToken: e.SWITCHBOARD_METRICS_TOKEN,
    mcpIdleMs: e.SWITCHBOARD_MCP_IDLE_MS,
    mcpKeepAliveMs: e.SWITCHBOARD_MCP_KEEPALIVE_MS,
    mcpListTtlMs: e.SWITCHBOARD_MCP_LIST_TTL_MS,
    mcpInputTtlMs: e.SWITCHBOARD_MCP_INPUT_TTL_MS,
    introspection: e.SWITCHBOARD_INTROSPECTION ?? development,
    graphiql: development,
    allowedOrigins: e.SWITCHBOARD_ALLOWED_ORIGINS,
    allowedHosts: e.SWITCHBOARD_ALLOWED_HOSTS ?? (LOOPBACK.includes(e.HOST) ? LOOPBACK_NAMES : null),
    sessionTtlMs: e.SWITCHBOARD_SESSION_TTL_HOURS * 3_600_000,
    logLevel: e.SWITCHBOARD_LOG_LEVEL,
    auditMode: e.SWITCHBOARD_AUDIT_MODE,
    auditRetentionDays: e.SWITCHBOARD_AUDIT_RETENTION_DAYS,
    usageRollupSeconds: e.SWITCHBOARD_USAGE_ROLLUP_SECONDS,
    outboundAllow: e.SWITCHBOARD_OUTBOUND_ALLOW,
    limits: {
      mcpBodyBytes: e.SWITCHBOARD_MCP_MAX_BODY_BYTES,
      mcpResultBytes: e.SWITCHBOARD_MCP_MAX_RESULT_BYTES,
      authFailuresPerMinute: e.SWITCHBOARD_AUTH_FAILURES_PER_MINUTE,
      loginsPerMinute: e.SWITCHBOARD_LOGINS_PER_MINUTE,
      loginFailuresPerAccount: e.SWITCHBOARD_LOGIN_FAILURES_PER_ACCOUNT,
      mailsPerHour: e.SWITCHBOARD_MAILS_PER_HOUR,
      connectionsPerPrincipal: e.SWITCHBOARD_MAX_CONNECTIONS_PER_PRINCIPAL,
      subscriptionsPerConnection: e.SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      subscriptionsPerPrincipal: e.SWITCHBOARD_MAX_SUBSCRIPTIONS_PER_PRINCIPAL,
      headersTimeoutMs: e.SWITCHBOARD_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.SWITCHBOARD_REQUEST_TIMEOUT_MS,
    },
    trustedProxies: e.SWITCHBOARD_TRUSTED_PROXIES,
    publicUrl: e.SWITCHBOARD_PUBLIC_URL,
    smtpUrl: e.SWITCHBOARD_SMTP_URL,
    mailFrom: e.SWITCHBOARD_MAIL_FROM,
    configFile: e.SWITCHBOARD_CONFIG,
    telemetry: { url: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
  };
}
