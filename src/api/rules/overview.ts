// The overview's rules the browser needs at run time (no zod here: the browser bundle stays light).
// Types and the body: src/api/overview.ts.

/** Each target's task list is read at most once per this while nothing moves, however many overviews are open. */
export const OVERVIEW_SCAN_INTERVAL_S = 30;
/** A task that failed (FAILED, MIGRATION_FAILED) within this many hours needs attention. */
export const OVERVIEW_FAILED_WINDOW_H = 24;
/** A task stopping (TERMINATING) for longer than this many minutes needs attention. */
export const OVERVIEW_STOPPING_LONG_MIN = 10;
/** Incremental lag "rising": strictly higher in each of this many latest progress samples. */
export const OVERVIEW_LAG_RISING_SAMPLES = 3;

/**
 * Why a task is listed under "needs attention":
 * - `failed`: FAILED or MIGRATION_FAILED, seen within OVERVIEW_FAILED_WINDOW_H;
 * - `stopping_long`: TERMINATING for longer than OVERVIEW_STOPPING_LONG_MIN;
 * - `lag_rising`: the incremental lag (offset) rose over the last OVERVIEW_LAG_RISING_SAMPLES samples;
 * - `watch_waiting`: a stop-when-caught-up watch is armed and waiting.
 */
export const ATTENTION_KINDS = ['failed', 'stopping_long', 'lag_rising', 'watch_waiting'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
