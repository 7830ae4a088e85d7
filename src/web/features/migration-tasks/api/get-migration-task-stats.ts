import { queryOptions, useQuery } from '@tanstack/react-query';
import { isChanging, migrationTaskStatsSchema, type MigrationTaskStats } from '../../../../api';
import { apiClient } from '../../../lib/api-client';
import { taskKeys } from './query-keys';

export const STATS_POLL_MS = 5_000;

export function getMigrationTaskStats(taskId: string, signal?: AbortSignal): Promise<MigrationTaskStats> {
  return apiClient.get(`/api/migration-tasks/${encodeURIComponent(taskId)}/stats`, migrationTaskStatsSchema, {
    signal,
  });
}

/** Progress exists for online migrations only; it is polled while the task can still change. */
export function getMigrationTaskStatsQueryOptions(taskId: string, taskStatus: string | null | undefined) {
  return queryOptions({
    queryKey: taskKeys.stats(taskId),
    queryFn: ({ signal }) => getMigrationTaskStats(taskId, signal),
    refetchInterval: isChanging(taskStatus) ? STATS_POLL_MS : false,
    retry: false,
  });
}

export function useMigrationTaskStats(
  taskId: string,
  { taskStatus, enabled }: { taskStatus: string | null | undefined; enabled: boolean },
) {
  return useQuery({ ...getMigrationTaskStatsQueryOptions(taskId, taskStatus), enabled });
}
