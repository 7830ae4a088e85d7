// Samples of the progress history as chart points. Samples come from the console (and a newer
// console may add fields or send odd values): anything unreadable becomes a gap, never a crash.
import type { FullSyncEstimate, ProgressSample } from '../../../../../api';
import { ETA_UNKNOWN_REASONS } from '../../../../../api/rules';
import type { ChartPoint } from './line-chart';
import { translateTaskPage } from '../../lib/english-task-page';

type NumericField = 'offset' | 'full_migration_progress' | 'source_dbsize' | 'target_dbsize' | 'target_ops';

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Readable samples, oldest first (those without a readable time are left out). */
export function readableSamples(samples: readonly unknown[]): (ProgressSample & { time: number })[] {
  return samples
    .filter((s): s is ProgressSample => !!s && typeof s === 'object' && typeof (s as ProgressSample).at === 'string')
    .map((s) => ({ ...s, time: Date.parse(s.at) }))
    .filter((s) => Number.isFinite(s.time))
    .sort((a, b) => a.time - b.time);
}

export function pointsOf(samples: readonly (ProgressSample & { time: number })[], field: NumericField): ChartPoint[] {
  return samples.map((s) => ({ at: s.time, value: numberOrNull(s[field]) }));
}

/** The last readable value of a field, or null. */
export function latest(points: readonly ChartPoint[]): number | null {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const value = points[i]?.value;
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** "about 12 min left", "about 2 h 5 min left", "less than a minute left". */
export function etaText(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return translateTaskPage('etaUnderMinute');
  if (minutes < 60) return translateTaskPage('etaMinutes', { count: minutes });
  return translateTaskPage('etaHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** Why the ETA is unknown, in words; a code this console does not know is shown raw. */
export function etaUnknownText(reason: string | null): string {
  if (reason && (ETA_UNKNOWN_REASONS as readonly string[]).includes(reason)) {
    return translateTaskPage(`etaUnknown_${reason as (typeof ETA_UNKNOWN_REASONS)[number]}`);
  }
  return translateTaskPage('etaUnknownOther', { reason: reason ?? '—' });
}

export function hasEta(estimate: FullSyncEstimate | undefined): estimate is FullSyncEstimate & { eta_seconds: number } {
  return typeof estimate?.eta_seconds === 'number' && Number.isFinite(estimate.eta_seconds);
}
