// A clock that moves only when a test moves it. Server, simulator and the test share one, so a
// task settles (TERMINATING → TERMINATED), progress grows and signatures stay fresh exactly when
// the test says so, never because the machine was slow or the date is different.
import type { Clock } from '../clock';

/** 2025-01-15T08:30:00Z: a fixed start, so no test depends on today's date. */
export const MANUAL_CLOCK_START_MS = Date.UTC(2025, 0, 15, 8, 30, 0);

export class ManualClock {
  private ms: number;

  constructor(startMs: number = MANUAL_CLOCK_START_MS) {
    this.ms = startMs;
  }

  /** The clock as a function, for options that take a Clock. */
  readonly now: Clock = () => this.ms;

  advance(ms: number): number {
    if (!(ms >= 0)) throw new Error(`a clock only moves forward (got ${ms} ms)`);
    this.ms += ms;
    return this.ms;
  }
}
