// A small in-memory cache of upstream reads: each answer is kept for `ttlMs` (DCS_CACHE_TTL_MS),
// at most `maxEntries` answers and `maxBytes` in all (least recently used dropped first), and an
// answer larger than `maxEntryBytes` is not kept at all. Sizes are the upstream JSON's length.
// Each entry has a scope (`list`, or `task:<id>`) so a stop can drop exactly what it changed.
import { performance } from 'node:perf_hooks';

export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
  maxEntryBytes: number;
}

interface Entry {
  value: unknown;
  scope: string;
  bytes: number;
  expiresAt: number;
}

export class ReadCache {
  /** In order of use: the least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly limits: CacheLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The kept answer, or undefined when there is none or it is older than the TTL. */
  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry); // now the most recently used
    this.bytes += entry.bytes;
    return entry.value;
  }

  set(key: string, scope: string, value: unknown, bytes: number): void {
    if (this.ttlMs <= 0 || bytes > this.limits.maxEntryBytes) return;
    this.remove(key);
    this.entries.set(key, { value, scope, bytes, expiresAt: this.now() + this.ttlMs });
    this.bytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** Drops every entry whose scope is in `scopes`. */
  drop(scopes: ReadonlySet<string>): void {
    for (const [key, entry] of this.entries) if (scopes.has(entry.scope)) this.remove(key);
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
