// Alert webhooks: ALERT_WEBHOOK_URL (then _2, _3 …, each with its own _FORMAT and _SECRET),
// ALERT_EVENTS, and the targets file's `alerts: { webhooks: [...] }`. A webhook URL often is a
// credential itself (Slack, WeCom, DingTalk put their token in it), so no message repeats a URL or
// a secret: they name the variable or the place in the file.
import { createHash } from 'node:crypto';
import { targetsFileAlerts } from './targets-file';
import { ALERT_EVENTS, ALERT_FORMATS, ConfigError, nonEmpty, type AlertConfig, type AlertEventKind, type AlertFormat, type AlertWebhook } from './parse';

/** json receivers verify an HMAC: a short key is guessable. */
export const ALERT_JSON_SECRET_MIN = 16;
/** Formats whose service signs nothing: the URL is the secret. */
const UNSIGNED_FORMATS: readonly AlertFormat[] = ['slack', 'wecom'];
const NUMBERED = /^ALERT_WEBHOOK_(URL|FORMAT|SECRET)_(\d+)$/;
const FILE_KEYS = ['url', 'url_env', 'format', 'secret_env', 'events'];

type Json = Record<string, unknown>;

export function loadAlertConfig(env: NodeJS.ProcessEnv): AlertConfig {
  const events = parseEvents(env.ALERT_EVENTS, 'ALERT_EVENTS') ?? ALERT_EVENTS;
  const webhooks = [...fromEnvironment(env, events), ...fromTargetsFile(env, events)];
  if (webhooks.length === 0 && nonEmpty(env.ALERT_EVENTS)) throw new ConfigError('ALERT_EVENTS', 'is set but no webhook is: set ALERT_WEBHOOK_URL');
  const seen = new Map<string, string>();
  for (const webhook of webhooks) {
    const first = seen.get(webhook.id);
    if (first) throw new ConfigError(webhook.source, `is the same webhook (URL and format) as ${first}`);
    seen.set(webhook.id, webhook.source);
  }
  return { webhooks };
}

/** ALERT_WEBHOOK_URL, ALERT_WEBHOOK_URL_2 … in order; a _FORMAT or _SECRET without its URL is a typo, refused. */
function fromEnvironment(env: NodeJS.ProcessEnv, events: readonly AlertEventKind[]): AlertWebhook[] {
  const numbers = new Set<number>();
  for (const name of Object.keys(env)) {
    const match = NUMBERED.exec(name);
    if (!match || nonEmpty(env[name]) === undefined) continue;
    const n = Number(match[2]);
    if (n < 2 || String(n) !== match[2]) throw new ConfigError(name, `is not used: the first webhook is ALERT_WEBHOOK_${match[1]}, then _2, _3 …`);
    numbers.add(n);
  }
  const suffixes: string[] = [];
  if (nonEmpty(env.ALERT_WEBHOOK_URL) || nonEmpty(env.ALERT_WEBHOOK_FORMAT) || nonEmpty(env.ALERT_WEBHOOK_SECRET)) suffixes.push('');
  for (const n of [...numbers].sort((a, b) => a - b)) suffixes.push(`_${n}`);
  return suffixes.map((suffix) => {
    const urlName = `ALERT_WEBHOOK_URL${suffix}`;
    const rawUrl = nonEmpty(env[urlName]);
    if (!rawUrl) throw new ConfigError(urlName, `is required when ALERT_WEBHOOK_FORMAT${suffix} or ALERT_WEBHOOK_SECRET${suffix} is set`);
    const formatName = `ALERT_WEBHOOK_FORMAT${suffix}`;
    const format = parseFormat(nonEmpty(env[formatName]), formatName);
    const secret = parseSecret(nonEmpty(env[`ALERT_WEBHOOK_SECRET${suffix}`]), `ALERT_WEBHOOK_SECRET${suffix}`, format);
    return webhook(urlName, parseWebhookUrl(rawUrl, urlName), format, secret, events);
  });
}

/** DCS_TARGETS_FILE's `alerts.webhooks`: like the targets' credentials, secrets are named by variable (secret_env). */
function fromTargetsFile(env: NodeJS.ProcessEnv, events: readonly AlertEventKind[]): AlertWebhook[] {
  const path = nonEmpty(env.DCS_TARGETS_FILE);
  const section = path ? targetsFileAlerts(path) : undefined;
  if (section === undefined) return [];
  const where = 'DCS_TARGETS_FILE alerts';
  if (typeof section !== 'object' || section === null || !Array.isArray((section as Json).webhooks)) {
    throw new ConfigError(where, 'must be {"webhooks": [{"url": …, "format": …, "secret_env": …}]}');
  }
  return ((section as Json).webhooks as unknown[]).map((item, index) => {
    const at = `${where}.webhooks[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ConfigError(at, 'must be an object');
    const entry = item as Json;
    if ('secret' in entry) throw new ConfigError(`${at}.secret`, 'secrets do not belong in the targets file; name an environment variable with secret_env');
    const unknown = Object.keys(entry).find((key) => !FILE_KEYS.includes(key));
    if (unknown) throw new ConfigError(`${at}.${unknown}`, `is not a webhook setting (expected ${FILE_KEYS.join(', ')})`);
    const fromEnv = (key: string): string | undefined => {
      if (entry[key] === undefined) return undefined;
      const name = str(entry[key]);
      const value = name === undefined ? undefined : nonEmpty(env[name]);
      if (!value) throw new ConfigError(`${at}.${key}`, name ? `environment variable ${name} is not set` : 'must name an environment variable');
      return value;
    };
    const inlineUrl = entry.url === undefined ? undefined : str(entry.url);
    if (entry.url !== undefined && !inlineUrl) throw new ConfigError(`${at}.url`, 'must be a URL');
    const envUrl = fromEnv('url_env');
    if (inlineUrl && envUrl) throw new ConfigError(at, 'gives both url and url_env; use one');
    if (!inlineUrl && !envUrl) throw new ConfigError(at, 'needs url or url_env');
    if (entry.format !== undefined && typeof entry.format !== 'string') throw new ConfigError(`${at}.format`, `must be one of ${ALERT_FORMATS.join(', ')}`);
    const format = parseFormat(str(entry.format), `${at}.format`);
    const secret = parseSecret(fromEnv('secret_env'), `${at}.secret_env`, format);
    const own = entry.events === undefined ? null : parseEventList(entry.events, `${at}.events`);
    const url = parseWebhookUrl((inlineUrl ?? envUrl)!, inlineUrl ? `${at}.url` : `${at}.url_env`);
    return webhook(at, url, format, secret, own ?? events);
  });
}

function webhook(source: string, url: URL, format: AlertFormat, secret: string | null, events: readonly AlertEventKind[]): AlertWebhook {
  const id = `wh-${createHash('sha256').update(`${format}\n${url.href}`).digest('hex').slice(0, 12)}`;
  return { id, source, url, format, secret, events, toJSON: () => ({ id, source, format, host: url.host }) };
}

function parseFormat(raw: string | undefined, where: string): AlertFormat {
  if (raw === undefined) return 'json';
  const format = raw.toLowerCase();
  if (!(ALERT_FORMATS as readonly string[]).includes(format)) throw new ConfigError(where, `must be one of ${ALERT_FORMATS.join(', ')}, got "${raw.slice(0, 40)}"`);
  return format as AlertFormat;
}

function parseSecret(secret: string | undefined, where: string, format: AlertFormat): string | null {
  if (secret === undefined) return null;
  if (UNSIGNED_FORMATS.includes(format)) throw new ConfigError(where, `is not used by the ${format} format (its webhook URL is the secret); unset it`);
  if (format === 'json' && secret.length < ALERT_JSON_SECRET_MIN) {
    throw new ConfigError(where, `must be at least ${ALERT_JSON_SECRET_MIN} characters (e.g. \`openssl rand -hex 32\`)`);
  }
  return secret;
}

/** http(s), no credentials in it; the URL itself is never repeated (it may hold a token). */
function parseWebhookUrl(raw: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(where, 'is not a URL (expected e.g. https://hooks.example.com/alerts)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(where, `must be an http:// or https:// URL, not ${url.protocol}//…`);
  if (url.username || url.password) throw new ConfigError(where, 'must not contain credentials (user:password@); json webhooks are signed with a secret instead');
  if (url.hash) throw new ConfigError(where, 'must not have a #fragment');
  return url;
}

function parseEvents(raw: string | undefined, where: string): AlertEventKind[] | null {
  const value = nonEmpty(raw);
  return value === undefined ? null : parseEventList(value.split(','), where);
}

function parseEventList(value: unknown, where: string): AlertEventKind[] {
  const expected = `a list of ${ALERT_EVENTS.join(', ')}`;
  if (!Array.isArray(value)) throw new ConfigError(where, `must be ${expected}`);
  if (value.some((item) => typeof item !== 'string')) throw new ConfigError(where, `must be ${expected}`);
  const names = (value as string[]).map((item) => item.trim()).filter(Boolean);
  const wrong = names.find((name) => !(ALERT_EVENTS as readonly string[]).includes(name));
  if (wrong !== undefined) throw new ConfigError(where, `"${wrong.slice(0, 40)}" is not an event; expected ${expected}`);
  if (names.length === 0) throw new ConfigError(where, `names no event; expected ${expected}`);
  return [...new Set(names as AlertEventKind[])];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
