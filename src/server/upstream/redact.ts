// Strips secrets from whatever the cloud returned before it reaches the browser or a log line.
// The cloud returns Redis passwords in plaintext (shared/dcs-api/README.md §7).

/** Field names that hold secrets, wherever they sit in the tree. */
const SECRET_FIELD = /pass(word|wd)?$|^pwd$|secret|token|^sk$|credential|private_key/i;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/**
 * Deep copy without secret fields. An object that held a non-empty `password` gets
 * `password_set: true` (and `false` for an empty one), so the operator still knows one is set.
 */
export function redactSecrets<T>(value: T): T {
  return redact(value, 0) as T;
}

function redact(value: unknown, depth: number): unknown {
  if (depth > 64) return undefined; // the cloud never nests this deep; refuse to recurse forever
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (isSecretField(key)) {
      if (key.toLowerCase() === 'password') out.password_set = typeof field === 'string' && field.length > 0;
      continue;
    }
    out[key] = redact(field, depth + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Upstream free text. The cloud writes messages (error_msg, a task's error_message, log lines)
// that may quote a secret: `Internal error. ak=... password=...`. Every such text is scrubbed
// once, where it enters the console (dcs-wire.ts), before anything can forward or log it.
// Names and descriptions are the operators' own data and are left as they are, except that the
// console's own credentials are removed from anything the cloud returns.

export const REDACTED = '[redacted]';

/** Fields of a DCS answer that hold text written by the cloud. */
const FREE_TEXT_FIELDS = new Set(['error_msg', 'error_ext_msg', 'error_message', 'message']);

/** Key words whose value is a secret, alone or as the last part of a `snake_case` / `kebab-case` key. */
const SECRET_WORD = String.raw`(?:pass(?:word|wd)?|pwd|secret(?:[_-]?key)?|sk|ak|access[_-]?key(?:[_-]?id)?|token|authorization|credentials?)`;
const SECRET_KEY = String.raw`\b(?:[a-z0-9]+[_-])*${SECRET_WORD}`;
/** `key=value`, `key: value`, `"key": "value"`, `'key':'value'`; the value quoted or up to a separator. */
const KEY_VALUE = new RegExp(
  String.raw`(${SECRET_KEY}["']?\s*[:=\uFF1A]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&"'(){}\[\]<>]+)`,
  'gi',
);
/** `Authorization: SDK-HMAC-SHA256 Access=…, Signature=…` (the rest of the line), `Bearer …`, `Basic …`. */
const AUTH_HEADER = /(\bauthorization["']?\s*[:=\uFF1A]\s*)[^\r\n"']+/gi;
const AUTH_SCHEME = /(\b(?:bearer|basic)\s+)[\w.~+/=-]+/gi;
/** Shorter values (a test's "t") would redact ordinary words. */
const MIN_KNOWN_SECRET = 6;

export type TextScrubber = (text: string) => string;

/**
 * A scrubber of free text: secret-looking `key=value` pairs, authorization headers and bearer
 * tokens, and `knownSecrets` (the console's own AK, SK and tokens) wherever they appear. The
 * value becomes `[redacted]`; the key stays, so the message still says what was there.
 */
export function textScrubber(knownSecrets: readonly (string | undefined)[] = []): TextScrubber {
  const known = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_KNOWN_SECRET);
  const knownPattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;
  return (text) =>
    (knownPattern ? text.replace(knownPattern, REDACTED) : text)
      .replace(AUTH_HEADER, `$1${REDACTED}`)
      .replace(AUTH_SCHEME, `$1${REDACTED}`)
      .replace(KEY_VALUE, (_match: string, head: string, value: string) => {
        const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
        return `${head}${quote}${REDACTED}${quote}`;
      });
}

/** True when `text` holds one of `knownSecrets` (a cheap test on a whole answer before it is parsed). */
export function containsKnownSecret(text: string, knownSecrets: readonly (string | undefined)[]): boolean {
  return knownSecrets.some((s) => typeof s === 'string' && s.length >= MIN_KNOWN_SECRET && text.includes(s));
}

/**
 * Scrubs, in place, a freshly parsed DCS answer: every free-text field, and with `everyString`
 * every string at all (when the answer holds one of the console's own secrets: rare).
 */
export function scrubUpstreamJson(value: unknown, scrub: TextScrubber, everyString = false): void {
  walk(value, scrub, everyString, 0);
}

function walk(value: unknown, scrub: TextScrubber, everyString: boolean, depth: number): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  const container = value as Record<string, unknown>;
  for (const key of Object.keys(container)) {
    const field = container[key];
    if (typeof field === 'string') {
      if (everyString || FREE_TEXT_FIELDS.has(key)) container[key] = scrub(field);
    } else if (field !== null && typeof field === 'object') {
      walk(field, scrub, everyString, depth + 1);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
