// Reads the console's configuration from the environment. A misconfiguration stops start-up with
// one line naming the variable; secrets are never echoed.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../api/rules/overview';
import { AUTH_MODES } from '../../api/rules/session';
import { trustedAddressList } from '../auth/proxy';
import { loadAlertConfig } from './alerts';
import { loadTargetsFile } from './targets-file';
import {
  ConfigError,
  isLoopback,
  loadAuth,
  nonEmpty,
  parseEndpoint,
  parseProjectId,
  regionFromHost,
  type AuthConfig,
  type AuthMode,
  type CloudTarget,
  type ConsoleConfig,
  type OidcConfig,
  type ProxyAuthConfig,
  type RoleMapping,
} from './parse';

export * from './parse';
export { loadAlertConfig } from './alerts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv): ConsoleConfig {
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  if (isIP(host) === 0 && host !== 'localhost') throw new ConfigError('HOST', `"${host}" is not an IP address`);
  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const targets = loadTargets(env);
  return {
    host,
    port,
    targets,
    upstreamConnectTimeoutMs: integer(env, 'DCS_CONNECT_TIMEOUT_MS', 3000, 100, 60_000),
    upstreamTimeoutMs: integer(env, 'DCS_TIMEOUT_MS', 10_000, 100, 120_000),
    upstreamRetryAttempts: integer(env, 'DCS_RETRY_ATTEMPTS', 3, 1, 10),
    upstreamCacheTtlMs: integer(env, 'DCS_CACHE_TTL_MS', 1000, 0, 60_000),
    overviewScanIntervalS: integer(env, 'OVERVIEW_SCAN_INTERVAL_S', OVERVIEW_SCAN_INTERVAL_S, 5, 600),
    logLevel,
    databaseUrl: parseDatabaseUrl(nonEmpty(env.DATABASE_URL)),
    auth: loadAuthConfig(env, { host, port, cloud: targets !== null }),
    alerts: loadAlertConfig(env),
  };
}

const SESSION_SECRET_MIN = 32;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
/** A DNS name, an IPv4 address or a bracketed IPv6 address, optionally with a port. */
const ALLOWED_HOST_ENTRY = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** The sign-in settings. `cloud`: real targets are configured, so AUTH_MODE must be chosen explicitly. */
export function loadAuthConfig(env: NodeJS.ProcessEnv, where: { host: string; port: number; cloud: boolean }): AuthConfig {
  const rawMode = nonEmpty(env.AUTH_MODE);
  if (rawMode === undefined && where.cloud) {
    throw new ConfigError('AUTH_MODE', 'must be set (oidc, proxy or none) when DCS_ENDPOINT or DCS_TARGETS_FILE is set: the console can stop real tasks');
  }
  const mode = (rawMode ?? 'none').toLowerCase() as AuthMode;
  if (!AUTH_MODES.includes(mode)) throw new ConfigError('AUTH_MODE', `must be one of ${AUTH_MODES.join(', ')}`);
  if (mode === 'none' && !isLoopback(where.host)) {
    throw new ConfigError('AUTH_MODE', `is none (no sign-in, everyone is an operator), which is allowed only when HOST is a loopback address, not ${where.host}; use AUTH_MODE=oidc or proxy`);
  }

  const publicUrl = parsePublicUrl(nonEmpty(env.PUBLIC_URL));
  const secret = nonEmpty(env.SESSION_SECRET);
  if (secret !== undefined && secret.length < SESSION_SECRET_MIN) {
    throw new ConfigError('SESSION_SECRET', `must be at least ${SESSION_SECRET_MIN} characters (e.g. \`openssl rand -base64 48\`)`);
  }
  if (mode === 'oidc' && secret === undefined) {
    throw new ConfigError('SESSION_SECRET', `is required with AUTH_MODE=oidc (at least ${SESSION_SECRET_MIN} characters, the same on every instance)`);
  }

  const roles: RoleMapping = {
    claim: nonEmpty(env.AUTH_ROLES_CLAIM) ?? 'groups',
    operatorGroups: list(env.AUTH_OPERATOR_GROUPS),
    viewerGroups: list(env.AUTH_VIEWER_GROUPS),
  };
  if (mode !== 'none' && roles.operatorGroups.length === 0 && roles.viewerGroups.length === 0) {
    throw new ConfigError('AUTH_OPERATOR_GROUPS', `(or AUTH_VIEWER_GROUPS) must name at least one group with AUTH_MODE=${mode}; otherwise nobody may do anything`);
  }

  const oidc = mode === 'oidc' ? loadOidc(env, publicUrl, where) : null;
  return {
    mode,
    sessionSecret: secret ?? randomBytes(32).toString('base64url'),
    // With oidc the redirect URL says where browsers reach the console (https → Secure cookies, HSTS).
    publicUrl: publicUrl ?? (oidc ? new URL(oidc.redirectUrl.origin) : null),
    roles,
    oidc,
    proxy: mode === 'proxy' ? loadProxy(env) : null,
    session: {
      // At least 5 min: the last-seen time is written at most once a minute (auth/session-store.ts).
      idleTimeoutMs: integer(env, 'SESSION_IDLE_TIMEOUT_MIN', 60, 5, 7 * 24 * 60) * 60_000,
      maxAgeMs: integer(env, 'SESSION_MAX_AGE_H', 8, 1, 30 * 24) * 3_600_000,
    },
    stopRateLimit: integer(env, 'STOP_RATE_LIMIT', 10, 1, 10_000),
    loginRateLimit: integer(env, 'LOGIN_RATE_LIMIT', 20, 1, 10_000),
    metricsToken: parseMetricsToken(nonEmpty(env.METRICS_TOKEN)),
    allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS, mode),
  };
}

/** DATABASE_URL: a PostgreSQL connection URL; its password is never repeated in an error. */
function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (e.g. postgres://console@db.example.com:5432/console)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must be a postgres:// URL, not ${url.protocol}//…`);
  }
  if (!url.hostname || url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'must name a host and a database (postgres://user@host:5432/database)');
  return raw;
}

/** `ALLOWED_HOSTS`: names (and optional ports) browsers may use to reach the console; see http/host-guard.ts. */
function parseAllowedHosts(raw: string | undefined, mode: AuthMode): string[] {
  const entries = list(raw).map((entry) => entry.toLowerCase().replace(/\.(?=$|:\d+$)/, ''));
  if (entries.length > 0 && mode === 'none') {
    throw new ConfigError('ALLOWED_HOSTS', 'cannot be used with AUTH_MODE=none, which answers only to localhost, 127.0.0.1 and [::1]');
  }
  for (const entry of entries) {
    if (!ALLOWED_HOST_ENTRY.test(entry)) {
      throw new ConfigError('ALLOWED_HOSTS', `must list host names, each optionally with :port (e.g. console.example.com,console.internal:8080), not "${entry}"`);
    }
  }
  return entries;
}

const METRICS_TOKEN_MIN = 16;
/** What an HTTP client can send as `Authorization: Bearer <token>` (RFC 6750 b64token). */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** METRICS_TOKEN: unset means /metrics and /readyz stay public. The value is never echoed. */
function parseMetricsToken(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (raw.length < METRICS_TOKEN_MIN || raw.length > 512) {
    throw new ConfigError('METRICS_TOKEN', `must be ${METRICS_TOKEN_MIN} to 512 characters (e.g. \`openssl rand -hex 32\`)`);
  }
  if (!BEARER_TOKEN.test(raw)) throw new ConfigError('METRICS_TOKEN', 'may hold only letters, digits and - . _ ~ + / (then = padding): it is sent as a bearer token');
  return raw;
}

/** AUTH_MODE=none with a fresh random secret: what the app uses when it is given no auth settings. */
export function demoAuthConfig(): AuthConfig {
  return loadAuthConfig({}, { host: '127.0.0.1', port: 0, cloud: false });
}

function loadOidc(env: NodeJS.ProcessEnv, publicUrl: URL | null, where: { host: string; port: number }): OidcConfig {
  const rawIssuer = nonEmpty(env.AUTH_OIDC_ISSUER);
  if (!rawIssuer) throw new ConfigError('AUTH_OIDC_ISSUER', 'is required with AUTH_MODE=oidc (the provider\'s issuer URL)');
  const issuer = parseHttpsUrl(rawIssuer, 'AUTH_OIDC_ISSUER');
  if (issuer.search || issuer.hash) throw new ConfigError('AUTH_OIDC_ISSUER', 'must be the issuer URL, without a query or fragment');
  const clientId = nonEmpty(env.AUTH_OIDC_CLIENT_ID);
  if (!clientId) throw new ConfigError('AUTH_OIDC_CLIENT_ID', 'is required with AUTH_MODE=oidc');
  const clientSecret = nonEmpty(env.AUTH_OIDC_CLIENT_SECRET) ?? null;
  const rawMethod = nonEmpty(env.AUTH_OIDC_TOKEN_AUTH_METHOD);
  let tokenAuthMethod: OidcConfig['tokenAuthMethod'] = clientSecret ? 'client_secret_basic' : 'none';
  if (rawMethod !== undefined) {
    if (rawMethod !== 'client_secret_basic' && rawMethod !== 'client_secret_post' && rawMethod !== 'none') {
      throw new ConfigError('AUTH_OIDC_TOKEN_AUTH_METHOD', 'must be client_secret_basic, client_secret_post or none');
    }
    if (rawMethod !== 'none' && !clientSecret) throw new ConfigError('AUTH_OIDC_CLIENT_SECRET', `is required with AUTH_OIDC_TOKEN_AUTH_METHOD=${rawMethod}`);
    tokenAuthMethod = rawMethod;
  }

  let redirectUrl: URL;
  const rawRedirect = nonEmpty(env.AUTH_OIDC_REDIRECT_URL);
  if (rawRedirect) {
    redirectUrl = parseHttpsUrl(rawRedirect, 'AUTH_OIDC_REDIRECT_URL');
    if (redirectUrl.pathname !== '/auth/callback' || redirectUrl.search || redirectUrl.hash) {
      throw new ConfigError('AUTH_OIDC_REDIRECT_URL', "must be the console's /auth/callback (e.g. https://console.example.com/auth/callback)");
    }
  } else if (publicUrl) {
    redirectUrl = new URL('/auth/callback', publicUrl);
  } else if (isLoopback(where.host) && where.port !== 0) {
    redirectUrl = new URL(`http://${where.host.includes(':') ? `[${where.host}]` : where.host}:${where.port}/auth/callback`);
  } else {
    throw new ConfigError('AUTH_OIDC_REDIRECT_URL', 'or PUBLIC_URL is required with AUTH_MODE=oidc (the address browsers use to reach the console)');
  }

  const rawScopes = nonEmpty(env.AUTH_OIDC_SCOPES);
  const scopes = rawScopes ? rawScopes.split(/[\s,]+/).filter(Boolean) : null;
  if (scopes && !scopes.includes('openid')) throw new ConfigError('AUTH_OIDC_SCOPES', 'must include openid');
  return { issuer, clientId, clientSecret, tokenAuthMethod, redirectUrl, scopes };
}

function loadProxy(env: NodeJS.ProcessEnv): ProxyAuthConfig {
  const header = (name: string, fallback: string) => {
    const value = (nonEmpty(env[name]) ?? fallback).toLowerCase();
    if (!HEADER_NAME.test(value)) throw new ConfigError(name, 'must be an HTTP header name');
    return value;
  };
  const trusted = list(env.AUTH_PROXY_TRUSTED);
  const entries = trusted.length > 0 ? trusted : ['127.0.0.1', '::1'];
  try {
    trustedAddressList(entries);
  } catch (error) {
    throw new ConfigError('AUTH_PROXY_TRUSTED', (error as Error).message);
  }
  const userHeader = header('AUTH_PROXY_USER_HEADER', 'x-forwarded-user');
  const groupsHeader = header('AUTH_PROXY_GROUPS_HEADER', 'x-forwarded-groups');
  if (userHeader === groupsHeader) throw new ConfigError('AUTH_PROXY_GROUPS_HEADER', 'must differ from AUTH_PROXY_USER_HEADER');
  return { userHeader, groupsHeader, trusted: entries };
}

function parsePublicUrl(raw: string | undefined): URL | null {
  if (!raw) return null;
  const url = parseHttpsUrl(raw, 'PUBLIC_URL');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError('PUBLIC_URL', 'must be the bare origin browsers use (e.g. https://console.example.com), without a path');
  }
  return url;
}

/** An https URL, or http to a loopback address (local development and tests). */
function parseHttpsUrl(raw: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(where, 'is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ConfigError(where, 'must be an https:// URL (plain http:// is allowed only for loopback addresses)');
  }
  if (url.username || url.password) throw new ConfigError(where, 'must not contain credentials');
  return url;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function loadTargets(env: NodeJS.ProcessEnv): CloudTarget[] | null {
  const file = nonEmpty(env.DCS_TARGETS_FILE);
  const raw = nonEmpty(env.DCS_ENDPOINT);
  if (file && raw) throw new ConfigError('DCS_TARGETS_FILE', 'is set together with DCS_ENDPOINT; use one or the other');
  if (file) return loadTargetsFile(file, env);
  if (!raw) return null;
  const endpoint = parseEndpoint(raw, 'DCS_ENDPOINT');
  const projectId = parseProjectId(nonEmpty(env.DCS_PROJECT_ID), 'DCS_PROJECT_ID', 'is required when DCS_ENDPOINT is set');
  const region = nonEmpty(env.DCS_REGION) ?? regionFromHost(endpoint.hostname);
  if (!region) throw new ConfigError('DCS_REGION', 'is required when it cannot be read from DCS_ENDPOINT');
  return [{ id: 'default', label: region, endpoint, projectId, region, auth: loadAuth(env) }];
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}
