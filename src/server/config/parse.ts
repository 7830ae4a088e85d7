// The configuration's vocabulary and the small parsers shared by config/index.ts and targets-file.ts:
// the config types, ConfigError, and endpoint, project-id and credential parsing. It imports no
// other server file, so auth/ and upstream/ can take their types from here without a cycle.
import { PROJECT_ID_PATTERN } from '../../dcs/ids';
import type { AuthMode } from '../../api/session';

export type UpstreamAuth =
  | { kind: 'aksk'; ak: string; sk: string; securityToken?: string }
  | { kind: 'token'; token: string };

export interface CloudTarget {
  /** Stable id used in URLs (`?target=`). */
  id: string;
  label: string;
  endpoint: URL;
  projectId: string;
  region: string;
  auth: UpstreamAuth;
}

export interface ConsoleConfig {
  host: string;
  port: number;
  /** null: no DCS_ENDPOINT or DCS_TARGETS_FILE, so the composition root starts the embedded simulators. */
  targets: CloudTarget[] | null;
  upstreamConnectTimeoutMs: number;
  upstreamTimeoutMs: number;
  /** Attempts of an upstream read (GET), the first included; stops are never retried. */
  upstreamRetryAttempts: number;
  /** How long an upstream read's answer is reused (DCS_CACHE_TTL_MS, default 1000); 0: no cache. */
  upstreamCacheTtlMs: number;
  /** How often the overview reads each target's list, s (OVERVIEW_SCAN_INTERVAL_S, default 30). */
  overviewScanIntervalS: number;
  logLevel: string;
  /** DATABASE_URL (postgres://…): the audit trail lives there, shared by every instance; null: SQLite under DATA_DIR. */
  databaseUrl: string | null;
  /** Who may use the console: sign-in mode, role mapping, session secret, stop rate limit. */
  auth: AuthConfig;
  /** Webhooks told of failed tasks, stops and watches (ALERT_*, the targets file's `alerts`). */
  alerts: AlertConfig;
}

/** What the console alerts on (ALERT_EVENTS); the README's "Alerts" says when each is sent. */
export const ALERT_EVENTS = ['task_failed', 'stop_terminated', 'stop_failed', 'watch_fired', 'watch_failed'] as const;
export type AlertEventKind = (typeof ALERT_EVENTS)[number];
/** The body a webhook receives (ALERT_WEBHOOK_FORMAT). */
export const ALERT_FORMATS = ['json', 'slack', 'feishu', 'dingtalk', 'wecom'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

export interface AlertWebhook {
  /** A hash of format and URL: the same on every instance with the same settings, never the URL (it may hold a token). */
  id: string;
  /** Where it is configured, for messages: ALERT_WEBHOOK_URL_2, DCS_TARGETS_FILE alerts.webhooks[0]. */
  source: string;
  url: URL;
  format: AlertFormat;
  /** The signing key (json, feishu, dingtalk); null: unsigned. */
  secret: string | null;
  events: readonly AlertEventKind[];
  /** What a log line or JSON.stringify shows: never the URL or the secret. */
  toJSON(): { id: string; source: string; format: AlertFormat; host: string };
}

export interface AlertConfig {
  webhooks: AlertWebhook[];
}

export type { AuthMode };

/** Which identity-provider groups make a user an operator or a viewer. */
export interface RoleMapping {
  /** The claim (oidc) that holds the groups: AUTH_ROLES_CLAIM, default `groups`. */
  claim: string;
  operatorGroups: string[];
  viewerGroups: string[];
}

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string | null;
  /** How the console authenticates at the token endpoint; `none` for a public client (PKCE only). */
  tokenAuthMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** The console's `/auth/callback` as the browser reaches it; registered at the provider. */
  redirectUrl: URL;
  /** null: `openid profile email`, plus the roles claim when the provider lists it as a scope. */
  scopes: string[] | null;
}

export interface ProxyAuthConfig {
  /** Lower-case header names. */
  userHeader: string;
  groupsHeader: string;
  /** IPs and CIDRs of the proxies whose identity headers are believed. */
  trusted: string[];
}

export interface AuthConfig {
  mode: AuthMode;
  /** HMAC key of the session and CSRF cookies (SESSION_SECRET, or random per process for none/proxy). */
  sessionSecret: string;
  /** The console's address as browsers see it (PUBLIC_URL); https there means Secure cookies and HSTS. */
  publicUrl: URL | null;
  roles: RoleMapping;
  oidc: OidcConfig | null;
  proxy: ProxyAuthConfig | null;
  /** oidc: how long a server-side session lasts (SESSION_IDLE_TIMEOUT_MIN, SESSION_MAX_AGE_H). */
  session: SessionPolicy;
  /** Stop and batch-stop requests per user per minute. */
  stopRateLimit: number;
  /** Sign-in starts (GET /auth/login) per client address per minute (LOGIN_RATE_LIMIT). */
  loginRateLimit: number;
  /** METRICS_TOKEN: the bearer token GET /metrics and GET /readyz require; null: both are public. */
  metricsToken: string | null;
  /**
   * Host names (lower case, `name` or `name:port`) the console answers to besides PUBLIC_URL's and
   * the loopback names (ALLOWED_HOSTS); always empty with AUTH_MODE=none, which answers to loopback only.
   */
  allowedHosts: string[];
}

/** oidc: a session ends after `idleTimeoutMs` without a request, and `maxAgeMs` after sign-in at the latest. */
export interface SessionPolicy {
  idleTimeoutMs: number;
  maxAgeMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export function parseProjectId(value: string | undefined, where: string, missing: string): string {
  if (!value) throw new ConfigError(where, missing);
  if (!PROJECT_ID_PATTERN.test(value)) throw new ConfigError(where, 'must be 32 lower-case hex characters');
  return value;
}

export function parseEndpoint(raw: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(where, 'is not a URL (expected e.g. https://dcs.ap-southeast-1.myhuaweicloud.com)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(where, 'must be an https:// URL');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConfigError(where, 'plain http:// is allowed only for loopback addresses; use https://');
  }
  if (url.username || url.password) throw new ConfigError(where, 'must not contain credentials');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError(where, 'must be the bare endpoint, without a path or query');
  }
  return url;
}

export function loadAuth(env: NodeJS.ProcessEnv): UpstreamAuth {
  const ak = nonEmpty(env.HUAWEICLOUD_SDK_AK) ?? nonEmpty(env.CLOUD_SDK_AK);
  const sk = nonEmpty(env.HUAWEICLOUD_SDK_SK) ?? nonEmpty(env.CLOUD_SDK_SK);
  const securityToken = nonEmpty(env.HUAWEICLOUD_SDK_SECURITY_TOKEN);
  const token = nonEmpty(env.DCS_AUTH_TOKEN);
  if (token && (ak || sk)) throw new ConfigError('DCS_AUTH_TOKEN', 'is set together with an AK/SK; set only one kind of credentials');
  if (token) return { kind: 'token', token };
  if (!ak && !sk) throw new ConfigError('HUAWEICLOUD_SDK_AK', 'credentials are required when DCS_ENDPOINT is set (AK/SK or DCS_AUTH_TOKEN)');
  if (!ak) throw new ConfigError('HUAWEICLOUD_SDK_AK', 'is missing while an SK is set');
  if (!sk) throw new ConfigError('HUAWEICLOUD_SDK_SK', 'is missing while an AK is set');
  return securityToken ? { kind: 'aksk', ak, sk, securityToken } : { kind: 'aksk', ak, sk };
}

/** `dcs.ap-southeast-1.myhuaweicloud.com` → `ap-southeast-1`. */
export function regionFromHost(hostname: string): string | null {
  return /^dcs\.([a-z0-9-]+)\.myhuaweicloud\.(com|cn)$/.exec(hostname)?.[1] ?? null;
}

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
