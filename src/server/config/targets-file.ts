// DCS_TARGETS_FILE: several regions and projects (and alert webhooks, read by config/alerts.ts). The
// file names which environment variables hold each target's credentials; it never holds a secret itself.
import { readFileSync } from 'node:fs';
import { TARGET_ID_PATTERN } from '../../api/rules/targets';
import { ConfigError, loadAuth, nonEmpty, parseEndpoint, parseProjectId, regionFromHost, type CloudTarget, type UpstreamAuth } from './parse';

const SECRET_KEYS = ['ak', 'sk', 'token', 'security_token', 'password', 'secret'];

type Json = Record<string, unknown>;

/** The file's JSON, or a ConfigError naming DCS_TARGETS_FILE. */
function readTargetsJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
    throw new ConfigError('DCS_TARGETS_FILE', `${path}: ${why}`);
  }
}

/** The file's `alerts` section as written (config/alerts.ts reads it); undefined when absent. */
export function targetsFileAlerts(path: string): unknown {
  const parsed = readTargetsJson(path);
  return Array.isArray(parsed) ? undefined : (parsed as Json | null)?.alerts;
}

export function loadTargetsFile(path: string, env: NodeJS.ProcessEnv): CloudTarget[] {
  const parsed = readTargetsJson(path);
  const list = Array.isArray(parsed) ? parsed : (parsed as Json | null)?.targets;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError('DCS_TARGETS_FILE', `${path}: expected {"targets": [ ... ]} with at least one target`);
  }
  const seen = new Set<string>();
  return list.map((item, index) => {
    const target = parseTarget(item, `DCS_TARGETS_FILE targets[${index}]`, env);
    if (seen.has(target.id)) throw new ConfigError(`DCS_TARGETS_FILE targets[${index}].id`, `"${target.id}" is used twice`);
    seen.add(target.id);
    return target;
  });
}

function parseTarget(item: unknown, where: string, env: NodeJS.ProcessEnv): CloudTarget {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ConfigError(where, 'must be an object');
  const t = item as Json;
  const id = str(t.id);
  if (!id || !TARGET_ID_PATTERN.test(id)) throw new ConfigError(`${where}.id`, 'must be 1–32 lower-case letters, digits or "-"');
  const endpointRaw = str(t.endpoint);
  if (!endpointRaw) throw new ConfigError(`${where}.endpoint`, 'is required');
  const endpoint = parseEndpoint(endpointRaw, `${where}.endpoint`);
  const projectId = parseProjectId(str(t.project_id), `${where}.project_id`, 'is required');
  const region = str(t.region) ?? regionFromHost(endpoint.hostname);
  if (!region) throw new ConfigError(`${where}.region`, 'is required when it cannot be read from the endpoint');
  const label = str(t.label) ?? `${region} (${id})`;
  return { id, label, endpoint, projectId, region, auth: parseCredentials(t.credentials, `${where}.credentials`, env) };
}

/**
 * `"default"` (or absent): the HUAWEICLOUD_SDK_* / DCS_AUTH_TOKEN variables.
 * `{ "ak_env", "sk_env", "security_token_env"? }` or `{ "token_env" }`: names of variables.
 */
function parseCredentials(value: unknown, where: string, env: NodeJS.ProcessEnv): UpstreamAuth {
  if (value === undefined || value === 'default') return loadAuth(env);
  if (typeof value !== 'object' || value === null) throw new ConfigError(where, 'must be "default" or an object naming environment variables');
  const c = value as Json;
  const inline = SECRET_KEYS.find((key) => key in c);
  if (inline) throw new ConfigError(`${where}.${inline}`, 'secrets do not belong in the targets file; name an environment variable with ak_env/sk_env/token_env');
  const fromEnv = (key: string): string | undefined => {
    const name = str(c[key]);
    if (name === undefined) return undefined;
    const secret = nonEmpty(env[name]);
    if (!secret) throw new ConfigError(`${where}.${key}`, `environment variable ${name} is not set`);
    return secret;
  };
  const token = fromEnv('token_env');
  const ak = fromEnv('ak_env');
  const sk = fromEnv('sk_env');
  const securityToken = fromEnv('security_token_env');
  if (token && (ak || sk)) throw new ConfigError(where, 'names both a token and an AK/SK; use one kind');
  if (token) return { kind: 'token', token };
  if (!ak || !sk) throw new ConfigError(where, 'needs ak_env and sk_env, or token_env');
  return securityToken ? { kind: 'aksk', ak, sk, securityToken } : { kind: 'aksk', ak, sk };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
