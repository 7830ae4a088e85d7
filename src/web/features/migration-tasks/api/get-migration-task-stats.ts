import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MigrationTaskStats } from '../../../../api';
import { isChanging } from '../../../../api/rules';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient } from '../../../lib/api-client';
import { taskKeys, type TaskRef } from './query-keys';

export const STATS_POLL_MS = 5_000;

export function getMigrationTaskStats({ targetId, taskId }: TaskRef, signal?: AbortSignal): Promise<MigrationTaskStats> {
  return apiClient.get<MigrationTaskStats>(`/api/migration-tasks/${encodeURIComponent(taskId)}/stats`, SHAPES.taskStats, {
    signal,
    query: { target: targetId },
  });
}

/** Progress exists for online migrations only; it is polled while the task can still change. */
export function getMigrationTaskStatsQueryOptions(ref: TaskRef, taskStatus: string | null | undefined) {
  return queryOptions({
    queryKey: taskKeys.stats(ref),
    queryFn: ({ signal }) => getMigrationTaskStats(ref, signal),
    // The task's status, not this query's last answer, decides: polling goes on after an error.
    refetchInterval: isChanging(taskStatus) ? STATS_POLL_MS : false,
  });
}

export function useMigrationTaskStats(
  ref: TaskRef,
  { taskStatus, enabled }: { taskStatus: string | null | undefined; enabled: boolean },
) {
  return useQuery({ ...getMigrationTaskStatsQueryOptions(ref, taskStatus), enabled });
}
