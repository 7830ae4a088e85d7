// What the progress figures of an online migration say about the target. One rule for every place
// that shows the offset: during the full sync the offset is 0 before anything is in sync, so "in
// sync" is only claimed once the full sync has reached 100 %.
import type { MigrationTaskStats } from '../../../../api';
import { toNumber } from '../../../lib/format';

type ProgressLike = Pick<MigrationTaskStats, 'full_migration_progress' | 'offset'>;

/** The full sync's progress as a number, or null when the cloud did not say (or said nonsense). */
function fullSyncPercent(stats: ProgressLike): number | null {
  return toNumber(stats.full_migration_progress);
}

/** True when the full sync is known to be below 100 %: keys not yet copied are missing from the target. */
export function isFullSyncUnfinished(stats: ProgressLike): boolean {
  const percent = fullSyncPercent(stats);
  return percent !== null && percent < 100;
}

/** True only when the full sync has finished and the incremental lag (offset) is 0. */
export function isInSync(stats: ProgressLike): boolean {
  const percent = fullSyncPercent(stats);
  return percent !== null && percent >= 100 && toNumber(stats.offset) === 0;
}

/**
 * How to show the offset: `fullSyncUnfinished` (the offset means nothing yet), `inSync`, or
 * `value` (the figure as the cloud gave it, 0 included when the full sync's progress is unknown).
 */
export type OffsetReading = 'fullSyncUnfinished' | 'inSync' | 'value';

export function offsetReading(stats: ProgressLike): OffsetReading {
  if (isFullSyncUnfinished(stats)) return 'fullSyncUnfinished';
  return isInSync(stats) ? 'inSync' : 'value';
}
