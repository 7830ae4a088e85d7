// Reads the console's configuration from the environment. A misconfiguration stops start-up with
// one line naming the variable; secrets are never echoed.
import { isIP } from 'node:net';
import { PROJECT_ID_PATTERN } from '../dcs/ids';
import { loadTargetsFile } from './targets-file';

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
  logLevel: string;
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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv): ConsoleConfig {
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  if (isIP(host) === 0 && host !== 'localhost') throw new ConfigError('HOST', `"${host}" is not an IP address`);
  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    host,
    port: integer(env, 'PORT', 8080, 0, 65535),
    targets: loadTargets(env),
    upstreamConnectTimeoutMs: integer(env, 'DCS_CONNECT_TIMEOUT_MS', 3000, 100, 60_000),
    upstreamTimeoutMs: integer(env, 'DCS_TIMEOUT_MS', 10_000, 100, 120_000),
    logLevel,
  };
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

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}
