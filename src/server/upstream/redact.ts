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
// that may quote a secret: `ak=... password=...`, `auth failed: requirepass ...`,
// `redis://:...@host`, `密码：...`. Every such text is scrubbed once, where it enters the console
// (dcs-wire.ts), before anything can forward or log it. Names and descriptions are the operators'
// own data and are left as they are, except that the console's own credentials are removed from
// anything the cloud returns.
//
// A phrasing nobody listed should rather be caught than missed: after a password word, the rest of
// the clause is the value. It is kept only when it reads as plain words ("password is wrong",
// "密码错误"), see PLAIN_WORDS. The password word itself stays, so the message still says what was there.

export const REDACTED = '[redacted]';

/** Fields of a DCS answer that hold text written by the cloud. */
const FREE_TEXT_FIELDS = new Set(['error_msg', 'error_ext_msg', 'error_message', 'message']);

/** Any casing (`[pP][aA]…`): the key pattern cannot take the `i` flag, as camelCase needs case. */
const anyCase = (pattern: string) => pattern.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
/** Words whose value may follow `=`, `:`, a space or "is": `requirepass x`, `AUTH x`, `token: x`. */
const STRONG_WORDS = anyCase(
  'pass(?:word|wd|phrase)|pwd|requirepass|masterauth|auth2?|secret(?:[_-]?(?:access[_-]?)?key)?|access[_-]?key(?:[_-]?id)?|private[_-]?key|api[_-]?key|credentials?|token|authorization',
);
/** Too common or too short to take a value after a mere space: only `pass=x`, `sk: x`. */
const WEAK_WORDS = anyCase('pass|sk|ak');
const CJK_WORDS = '访问密钥|密码|口令|密钥|秘钥|私钥|令牌|凭证|凭据|密碼|金鑰|密鑰|憑證|憑據';
/**
 * A key word alone, as the last part of `snake_case`, `kebab-case` or `dotted.name`, or as a
 * camelCase part (`redisPassword`); never inside a word (`passport`, `bypass`, `NOAUTH`).
 */
const KEY_SOURCE = String.raw`(?:(?<![A-Za-z0-9])|(?<=[a-z0-9])(?=[A-Z]))(?:(${STRONG_WORDS})|(${WEAK_WORDS}))(?![A-Za-z0-9_])|(${CJK_WORDS})`;
const KEY = new RegExp(KEY_SOURCE, 'g');
const NEXT_KEY = new RegExp(KEY_SOURCE, 'g');
const ASSIGN = /["'”’]?[ \t\u3000]*([=＝:：])[ \t\u3000]*/y;
const SPACED = /[ \t\u3000]+(?:(?:is|was|set to|changed to|reset to|updated to)[ \t\u3000]+)?/iy;
const CJK_JOIN = /[ \t\u3000]*(?:为|為|是)?[ \t\u3000]*/y;
/**
 * Where an unquoted value ends: a line end; Chinese clause punctuation; `.` `,` `;` before a space
 * or the end; closing brackets or quotes at the very end; the next `name=` (`password=x db=0`,
 * `pwd=x;user=y`). Not a bracket or quote inside a clause (`password for user "admin" is x`), nor
 * `!` or `?`, which passwords often end with.
 */
const CLAUSE_END = String.raw`[\r\n]|[，。；！？、]|[)\]}>"'\`]*[.,;]+(?=\s|$)|[)\]}>"'\`]+$|[ \t]*[&;][ \t]*(?=[A-Za-z_][\w.-]*[ \t]*[=＝])|[ \t]+(?=[A-Za-z_][\w.-]*[ \t]*[=＝])`;
const VALUE_END = new RegExp(CLAUSE_END, 'g');
/** After `=` the value is hidden whatever it says, so a closing bracket or quote may end it too. */
const ASSIGNED_END = new RegExp(String.raw`${CLAUSE_END}|[)\]}>"'\`]+(?=\s)`, 'g');
const KEY_NAME_ROOM = 64;
/** What may precede a key word that starts a new pair inside a value: `(requirepass=`, `username-password`. */
const KEY_LEAD = /^[("'{[]*((?:[A-Za-z0-9]+[_.-])*)$/;
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’', '「': '」', '『': '』' };
/** Chinese and full-width text (passwords are ASCII in practice): kept, and it ends an ASCII value. */
const CJK = String.raw`\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF`;
const CJK_OR_NOT = new RegExp(`[${CJK}]+|[^${CJK}]+`, 'g');
const CJK_START = new RegExp(`^[${CJK}]`);

/** `scheme://user:password@host`, any scheme; up to the last `@` of the run, as passwords hold `@`. */
const URI_USERINFO = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*:\/\/)(\S*)@/g;
/** `user:password@host` without a scheme, as a word of its own. */
const BARE_USERINFO = /(?<![^\s([{<"'=,;])([\w.-]*):(?!\/\/)(\S+)@(?=[A-Za-z0-9])/g;
/** `Authorization: SDK-HMAC-SHA256 Access=…, Signature=…` (the rest of the line), `Bearer …`, `Basic …`. */
const AUTH_HEADER = /(\bauthorization["']?\s*[:=\uFF1A]\s*)[^\r\n"']+/gi;
const AUTH_SCHEME = /(\b(?:bearer|basic)\s+)[\w.~+/=-]+/gi;
/** An error code as the cloud writes it (`DCS.4080`, `APIGW.0301`): part of a message, not a secret. */
const DCS_CODE = /^(?:DCS|APIGW)\.\d{4}$/;
/** Shorter values (a test's "t") would redact ordinary words. */
const MIN_KNOWN_SECRET = 6;

/**
 * Words that say what went wrong without being a secret. A value after a password word is kept only
 * if it is made of these, numbers of up to 3 digits and punctuation: any other word (a typo, a
 * name, an address, a password) hides the whole value.
 */
const PLAIN_WORDS = new Set(
  `a an the this that these those it its is are was were be been being am not no none nor or and but if then than so as at by for from in into of on onto to with without within via per over under about after before during until while
  i you we they me my your our their them user users username default account accounts
  has have had having do does did done can cannot could will would should must may might shall can't don't doesn't didn't isn't aren't wasn't won't couldn't
  need needs needed require requires required requirement requirements
  wrong incorrect invalid valid error errors err failed failure fail fails failing mismatch mismatched match matched matches
  expired expire expires expiry missing empty blank null nil unset set reset changed change updated update configured configure configuration config
  correct rejected reject refused denied accepted allowed disabled enabled locked unlocked success succeeded successful ok passed
  verification verify verified verifying validation validate validated check checked checking
  authentication authenticated authenticate authorization authorized unauthorized forbidden permission
  too short long length characters character chars letters letter digits digit numbers number special symbols
  uppercase lowercase least most contain contains containing complexity strength weak strong policy rule rules format
  please retry again later try contact administrator admin support sure
  pair pairs key keys value field fields parameter parameters param option options
  instance instances source target redis node nodes master replica slave cluster proxy server client connection connect connecting connected
  network host port database db task tasks migration migrate sync command
  new old current previous provided given supplied specified same different any all some one other
  sent send called call used use using header headers request response timeout
  wrongpass noauth noperm redacted found signature information iam ak sk aksk sdk hmac sha256 x date project url id api
  service internal session sessions cache data backup file files import online offline full incremental synchronization progress
  stop created started finished stopped deleted released requested`.split(/\s+/),
);

export type TextScrubber = (text: string) => string;

/**
 * A scrubber of free text: the value after a password-like word, the password of a URI,
 * authorization headers and bearer tokens, and `knownSecrets` (the console's own AK, SK and
 * tokens) wherever they appear. The value becomes `[redacted]`; the key stays.
 */
export function textScrubber(knownSecrets: readonly (string | undefined)[] = []): TextScrubber {
  const known = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_KNOWN_SECRET);
  const knownPattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;
  return (text) => {
    let out = (knownPattern ? text.replace(knownPattern, REDACTED) : text).replace(AUTH_HEADER, `$1${REDACTED}`).replace(AUTH_SCHEME, `$1${REDACTED}`);
    if (out.includes('@')) {
      // Most messages hold no `@`: the two searches below are the slowest, so they are skipped.
      out = out
        .replace(URI_USERINFO, (_match: string, scheme: string, info: string) => `${scheme}${redactUserinfo(info)}@`)
        .replace(BARE_USERINFO, (_match: string, user: string) => `${user}:${REDACTED}@`);
    }
    return scrubKeyedValues(out);
  };
}

function redactUserinfo(info: string): string {
  if (info === '') return info;
  const colon = info.indexOf(':');
  // No colon: some clients read `redis://secret@host` as the password, so all of it goes.
  return colon < 0 ? REDACTED : `${info.slice(0, colon + 1)}${REDACTED}`;
}

/** Every key word followed by a value: the value redacted, unless it reads as plain words. */
function scrubKeyedValues(text: string): string {
  let out = '';
  let copied = 0;
  KEY.lastIndex = 0;
  for (let key = KEY.exec(text); key; key = KEY.exec(text)) {
    const cjk = key[3] !== undefined;
    const separator = separatorAt(text, key.index + key[0].length, key[1] !== undefined, cjk);
    const value = separator && valueAt(text, separator.end, separator.assign);
    if (!separator || !value) continue;
    out += text.slice(copied, separator.end) + value.text;
    copied = value.end;
    KEY.lastIndex = value.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** After a key word: `=` or `:` (any word), a space or "is" (strong words), anything (Chinese words). */
function separatorAt(text: string, at: number, strong: boolean, cjk: boolean): { end: number; assign: boolean } | null {
  ASSIGN.lastIndex = at;
  const explicit = ASSIGN.exec(text);
  if (explicit) return { end: ASSIGN.lastIndex, assign: explicit[1] === '=' || explicit[1] === '＝' };
  const soft = cjk ? CJK_JOIN : strong ? SPACED : null;
  if (!soft) return null;
  soft.lastIndex = at;
  return soft.exec(text) ? { end: soft.lastIndex, assign: false } : null;
}

/**
 * The value at `start` with its secret parts redacted, and where it ends; null if nothing is hidden.
 * A quoted value is hidden whole. Otherwise each ASCII run is hidden unless it is plain words (after
 * `=` the first run always is); Chinese text between them stays (`密码为[redacted]的实例`).
 */
function valueAt(text: string, start: number, assign: boolean): { text: string; end: number } | null {
  const close = QUOTES[text[start] ?? ''];
  if (close) {
    const end = closingQuote(text, start + 1, close);
    if (end > start + 1) return { text: `${text[start]}${REDACTED}${close}`, end: end + 1 };
  }
  const end = valueEnd(text, start, assign);
  let out = '';
  let hidden = false;
  for (const [run] of text.slice(start, end).matchAll(CJK_OR_NOT)) {
    const first = out === '';
    const words = run.trim();
    const ascii = !CJK_START.test(run);
    const hide = words !== '' && ((assign && first) || (ascii && !plainWords(words)));
    const lead = run.length - run.trimStart().length;
    out += hide ? `${run.slice(0, lead)}${REDACTED}${run.slice(lead + words.length)}` : run;
    hidden ||= hide;
  }
  return hidden ? { text: out, end } : null;
}

/** The end of an unquoted value: the next key word that starts a pair of its own, or the clause end before it. */
function valueEnd(text: string, start: number, assign: boolean): number {
  let bound = text.length;
  NEXT_KEY.lastIndex = start;
  for (let key = NEXT_KEY.exec(text); key; key = NEXT_KEY.exec(text)) {
    if (!separatorAt(text, key.index + key[0].length, key[1] !== undefined, key[3] !== undefined)) continue;
    if (key[3] !== undefined) {
      bound = key.index;
      break;
    }
    // Only a word of its own, or after plain words (`username-password`), starts a new pair: in
    // `Mig4Auth2#` or `Tgt-secret` the key word is part of the password.
    let tokenStart = key.index;
    while (tokenStart > start && !/\s/.test(text[tokenStart - 1]!)) tokenStart--;
    const lead = KEY_LEAD.exec(text.slice(tokenStart, key.index));
    if (lead && lead[1]!.split(/[_.-]/).every((part) => part === '' || PLAIN_WORDS.has(part.toLowerCase()))) {
      bound = tokenStart;
      break;
    }
  }
  // Searched up to the next key (and the few characters of its `name=`), so that a long text with
  // many key words costs linear time.
  const window = text.slice(start, bound + KEY_NAME_ROOM);
  const clauseEnd = assign ? ASSIGNED_END : VALUE_END;
  // A value scrubbed before (`password=[redacted]`) is read whole: scrubbing twice changes nothing.
  clauseEnd.lastIndex = window.startsWith(REDACTED) ? REDACTED.length : 0;
  return start + Math.min(bound - start, clauseEnd.exec(window)?.index ?? Infinity);
}

/** Index of the quote that closes one opened just before `from` (ASCII quotes honour `\`), or -1. */
function closingQuote(text: string, from: number, close: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') return -1;
    if (c === '\\' && close.charCodeAt(0) < 128) i++;
    else if (c === close) return i;
  }
  return -1;
}

/** True when every word is in PLAIN_WORDS or a number of up to 3 digits, punctuation aside. */
function plainWords(text: string): boolean {
  return text.split(/\s+/).every((raw) => {
    const word = raw.replace(/’/g, "'").replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    return word === '' || /^\d{1,3}$/.test(word) || DCS_CODE.test(word) || word.toLowerCase().split(/[-/]/).every((part) => PLAIN_WORDS.has(part));
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
