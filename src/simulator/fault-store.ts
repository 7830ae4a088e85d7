// The active faults. Each request asks for the newest fault that matches its route, is still
// live (uses left, window not over on the simulator clock) and wins its dice roll; older faults
// get their chance when a newer one's roll fails. The dice come from a PRNG seeded per
// simulator and re-seeded on reset, so a run with the same seed and requests is reproducible.
import type { FaultSpec } from './faults';
import { mulberry32, type Rng } from './random';

/** A fault as listed by GET /__simulator/faults. */
export interface Fault extends Omit<FaultSpec, 'times' | 'for_ms'> {
  id: number;
  /** Hits left; null = unlimited. */
  remaining: number | null;
  /** End of the for_ms window (ISO, simulator clock); null = none. */
  expires_at: string | null;
  /** Milliseconds of the window left; null = none. */
  remaining_ms: number | null;
  /** Requests this fault has hit so far. */
  hits: number;
}

interface Entry {
  id: number;
  spec: FaultSpec;
  remaining: number | null;
  expiresAtMs: number | null;
  hits: number;
}

/** Mixed into the seed so fault dice do not mirror the seed data's random stream. */
const DICE_SALT = 0x5eed_fa17;

export class FaultStore {
  private entries: Entry[] = [];
  private nextId = 1;
  private rng: Rng;

  constructor(
    private readonly seed: number,
    private readonly now: () => number,
  ) {
    this.rng = mulberry32(seed ^ DICE_SALT);
  }

  add(spec: FaultSpec): Fault {
    const entry: Entry = {
      id: this.nextId++,
      spec,
      remaining: spec.times,
      expiresAtMs: spec.for_ms === null ? null : this.now() + spec.for_ms,
      hits: 0,
    };
    this.entries.push(entry);
    return this.view(entry, this.now());
  }

  /** Removes every fault (the dice keep their position). */
  clear(): void {
    this.entries = [];
  }

  /** Removes every fault and re-seeds the dice (POST /__simulator/reset). */
  reset(): void {
    this.clear();
    this.rng = mulberry32(this.seed ^ DICE_SALT);
  }

  list(): Fault[] {
    const now = this.prune();
    return this.entries.map((e) => this.view(e, now));
  }

  /** The fault hitting this request (route template or UNMATCHED), consuming one use. */
  take(template: string): Fault | undefined {
    const now = this.prune();
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.spec.route !== null && entry.spec.route !== template) continue;
      // Roll only for partial faults, so certain ones do not move the dice.
      if (entry.spec.probability < 1 && !(this.rng() < entry.spec.probability)) continue;
      entry.hits += 1;
      if (entry.remaining !== null) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.entries.splice(i, 1);
      }
      return this.view(entry, now);
    }
    return undefined;
  }

  /** Drops faults whose window is over; returns the time it used. */
  private prune(): number {
    const now = this.now();
    this.entries = this.entries.filter((e) => e.expiresAtMs === null || now < e.expiresAtMs);
    return now;
  }

  private view(entry: Entry, now: number): Fault {
    const { times: _times, for_ms: _forMs, ...spec } = entry.spec;
    return {
      id: entry.id,
      ...spec,
      remaining: entry.remaining,
      expires_at: entry.expiresAtMs === null ? null : new Date(entry.expiresAtMs).toISOString(),
      remaining_ms: entry.expiresAtMs === null ? null : Math.max(0, entry.expiresAtMs - now),
      hits: entry.hits,
    };
  }
}
