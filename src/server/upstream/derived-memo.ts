// What the console derives from a cached upstream answer (secrets removed, checked against the
// contract), kept for exactly as long as that answer is. A cache hit hands back the same upstream
// object, so redaction and validation run once per upstream read instead of once per request.
//
// A kept result is shared by every request that gets it, so it is frozen (deeply): nobody can
// change what another request sends. Its JSON text is kept beside it (see `jsonOf`).

/** Distinct derivations kept per upstream object (e.g. pages of one cached list scan). */
const MAX_PER_SOURCE = 64;

export class DerivedMemo {
  private readonly kept = new WeakMap<object, Map<string, object>>();

  /** `derive()`'s result for (`source`, `key`): computed on first use, then the same frozen object. */
  get<T extends object>(source: object, key: string, derive: () => T): T {
    let bySource = this.kept.get(source);
    const found = bySource?.get(key);
    if (found !== undefined) return found as T;
    const value = deepFreeze(derive());
    if (!bySource) this.kept.set(source, (bySource = new Map()));
    if (bySource.size < MAX_PER_SOURCE) bySource.set(key, value);
    return value;
  }
}

const jsonText = new WeakMap<object, string>();

/**
 * The JSON text of `value`. A frozen value cannot change, so its text is computed once and reused;
 * anything else is serialized every time.
 */
export function jsonOf(value: object): string {
  const kept = jsonText.get(value);
  if (kept !== undefined) return kept;
  const text = JSON.stringify(value);
  if (Object.isFrozen(value)) jsonText.set(value, text);
  return text;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const field of Object.values(value)) deepFreeze(field);
  return value;
}
