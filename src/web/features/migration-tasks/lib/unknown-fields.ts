// Fields the cloud sent that this UI does not know yet, so operators still see them. Anything
// that looks like a secret is dropped, at any depth, even though the server should never send it.
import { CONSOLE_INSTANCE_FIELDS, MIGRATION_TASK_FIELDS } from '../../../../api/rules';

const SENSITIVE_KEY = /pass(word|wd)?|secret|token|credential|private_?key|^(ak|sk)$/i;
const SAFE_KEYS = new Set(['password_set']);

export function isSensitiveKey(key: string): boolean {
  return !SAFE_KEYS.has(key) && SENSITIVE_KEY.test(key);
}

/** Detail fields the page shows in its own sections. */
export const KNOWN_TASK_FIELDS = new Set<string>([...MIGRATION_TASK_FIELDS, 'error_message']);
export const KNOWN_INSTANCE_FIELDS = new Set<string>(CONSOLE_INSTANCE_FIELDS);

export function unknownFields(record: object, known: ReadonlySet<string>): [string, unknown][] {
  return Object.entries(record).filter(([key]) => !known.has(key) && !isSensitiveKey(key));
}

/** JSON with secret-looking keys removed at every depth. */
export function redactedJson(value: unknown): string {
  const json = JSON.stringify(value, (key, v: unknown) => (key && isSensitiveKey(key) ? undefined : v), 2);
  return json ?? String(value);
}
