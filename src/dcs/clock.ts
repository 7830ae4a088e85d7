// The one clock the console, the simulator and their tests read time from. Production passes
// nothing and gets the system clock; a test passes a ManualClock (dcs/testing/manual-clock.ts)
// and moves time itself, so no result depends on when or how fast the test runs.

/** Milliseconds since the epoch. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
