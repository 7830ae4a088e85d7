// The full-sync rate and ETA from a task's samples (deltas over the last HISTORY_RATE_WINDOW_S).
// Pure: the same samples always give the same estimate.
import type { FullSyncEstimate } from '../../api/history';
import { HISTORY_MIN_ETA_SPAN_S, HISTORY_RATE_WINDOW_S, type EtaUnknownReason } from '../../api/rules/history';
import { isIncrementalSync, statusPhase } from '../../dcs/status';

/** A sample as kept in memory: the contract's fields with the time as a number. */
export interface StoredSample {
  atMs: number;
  status: string | null;
  offset: number | null;
  full_migration_progress: number | null;
  source_dbsize: number | null;
  target_dbsize: number | null;
  target_ops: number | null;
  target_input_kbps: number | null;
  is_migrating: boolean | null;
}

/**
 * The rate is percent gained per minute between the first and last sample of the window. The
 * percent is coarse (whole numbers), so when it has not moved but target keys have, the ETA comes
 * from the keys still missing (source − target) at the keys-per-second rate.
 */
export function estimateFullSync(samples: readonly StoredSample[], status: string | null, noStats = false): FullSyncEstimate {
  const latest = samples.at(-1);
  const progress = latest?.full_migration_progress ?? null;
  const unknown = (reason: EtaUnknownReason, rates: Partial<FullSyncEstimate> = {}): FullSyncEstimate => ({
    progress,
    percent_per_min: null,
    keys_per_s: null,
    eta_seconds: null,
    eta_unknown_reason: reason,
    measured_from: null,
    measured_to: null,
    ...rates,
  });

  if ((status !== null && statusPhase(status) !== 'migrating' && statusPhase(status) !== 'unknown') || latest?.is_migrating === false) {
    return unknown('settled');
  }
  if (noStats) return unknown('no_stats');
  if (isIncrementalSync(status)) return unknown('incremental_sync');
  if (progress !== null && progress >= 100) return unknown('full_sync_done');

  const measured = samples.filter((s) => s.full_migration_progress !== null && s.atMs >= latest!.atMs - HISTORY_RATE_WINDOW_S * 1000);
  const first = measured[0];
  const last = measured.at(-1);
  if (!first || !last || (last.atMs - first.atMs) / 1000 < HISTORY_MIN_ETA_SPAN_S) return unknown('not_enough_samples');

  const spanS = (last.atMs - first.atMs) / 1000;
  const percentPerMin = round(((last.full_migration_progress! - first.full_migration_progress!) / spanS) * 60);
  const keysPerS = first.target_dbsize !== null && last.target_dbsize !== null ? round((last.target_dbsize - first.target_dbsize) / spanS) : null;
  const rates = { percent_per_min: percentPerMin, keys_per_s: keysPerS, measured_from: iso(first.atMs), measured_to: iso(last.atMs) };

  let eta: number | null = null;
  if (percentPerMin > 0) {
    eta = ((100 - last.full_migration_progress!) / percentPerMin) * 60;
  } else if (keysPerS !== null && keysPerS > 0 && last.source_dbsize !== null && last.target_dbsize !== null && last.source_dbsize > last.target_dbsize) {
    eta = (last.source_dbsize - last.target_dbsize) / keysPerS;
  }
  if (eta === null) return unknown('no_progress', rates);
  return { ...unknown('no_progress', rates), eta_seconds: Math.max(0, Math.round(eta)), eta_unknown_reason: null };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
