// Progress-history values the browser needs at run time (no zod here: the browser bundle stays
// light). Schemas: src/api/history.ts.

/**
 * Why `eta_seconds` is null; the UI translates each code. Checked in this order:
 * - `settled`: the task no longer migrates (stopped, finished, failed, released): nothing to estimate;
 * - `no_stats`: the cloud keeps no progress stats for the task (a backup import: only online
 *   migrations have them), so the console has no samples to measure;
 * - `incremental_sync`: the task is in incremental sync, which never ends by itself;
 * - `full_sync_done`: the full sync has reached 100 %;
 * - `not_enough_samples`: fewer than two full-sync samples at least HISTORY_MIN_ETA_SPAN_S apart
 *   within the last HISTORY_RATE_WINDOW_S;
 * - `no_progress`: the full-sync percentage did not rise over that window.
 */
export const ETA_UNKNOWN_REASONS = ['settled', 'no_stats', 'incremental_sync', 'full_sync_done', 'not_enough_samples', 'no_progress'] as const;
export type EtaUnknownReason = (typeof ETA_UNKNOWN_REASONS)[number];

/** Samples older than this are dropped (3 hours). */
export const HISTORY_RETENTION_S = 3 * 60 * 60;
/** Stored samples are at least this far apart; a newer reading within it replaces the latest sample. */
export const HISTORY_MIN_SPACING_S = 10;
/** At most this many samples per task (retention / spacing). */
export const HISTORY_MAX_SAMPLES = HISTORY_RETENTION_S / HISTORY_MIN_SPACING_S;
/** The console samples, every this many seconds, tasks still migrating that someone looked at recently. */
export const HISTORY_BACKGROUND_INTERVAL_S = 15;
/** "Recently": a task is sampled in the background for this long after anyone last read it. */
export const HISTORY_VIEW_WINDOW_S = 15 * 60;
/** The full-sync rate and ETA are measured over the samples of this last stretch of time. */
export const HISTORY_RATE_WINDOW_S = 10 * 60;
/** The first and last sample of the rate window must be at least this far apart. */
export const HISTORY_MIN_ETA_SPAN_S = 20;
