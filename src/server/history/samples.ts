// A cloud stats answer as a stored sample, and a task's samples as the history route's body. Shared
// by the history in memory (progress-history.ts) and the one read from the shared database.
import type { MigrationTaskStats } from '../../api/migration-tasks';
import type { ProgressHistory as ProgressHistoryBody, ProgressSample } from '../../api/history';
import { HISTORY_MIN_SPACING_S, HISTORY_RETENTION_S } from '../../api/rules/history';
import { estimateFullSync, type StoredSample } from './estimate';

export type HistoryBody = Omit<ProgressHistoryBody, 'background_interval_s'>;

export function sampleOf(stats: MigrationTaskStats, status: string | null, atMs: number): StoredSample {
  return {
    atMs,
    status,
    offset: toNumber(stats.offset),
    full_migration_progress: toNumber(stats.full_migration_progress),
    source_dbsize: toNumber(stats.source_dbsize),
    target_dbsize: toNumber(stats.target_dbsize),
    target_ops: toNumber(stats.target_ops),
    target_input_kbps: toNumber(stats.target_input_kbps),
    is_migrating: typeof stats.is_migrating === 'boolean' ? stats.is_migrating : null,
  };
}

/** The samples newer than `sinceIso` (all when absent), with the full-sync estimate of all of them. */
export function historyBody(target: string, taskId: string, samples: readonly StoredSample[], status: string | null, noStats: boolean, sinceIso: string | undefined): HistoryBody {
  const sinceMs = sinceIso === undefined ? -Infinity : Date.parse(sinceIso);
  return {
    task_id: taskId,
    target,
    samples: samples.filter((s) => s.atMs > sinceMs).map(toContract),
    full_sync: estimateFullSync(samples, status, noStats),
    retention_s: HISTORY_RETENTION_S,
    min_spacing_s: HISTORY_MIN_SPACING_S,
  };
}

export function historyKey(target: string, taskId: string): string {
  return `${target}\u0000${taskId}`;
}

/** The cloud sends numbers as strings or numbers (README §3.6); anything else is "not known". */
function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toContract({ atMs, ...rest }: StoredSample): ProgressSample {
  return { at: new Date(atMs).toISOString(), ...rest };
}
