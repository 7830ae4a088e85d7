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
