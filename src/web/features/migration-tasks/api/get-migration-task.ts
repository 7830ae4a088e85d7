import { queryOptions, useQuery } from '@tanstack/react-query';
import { migrationTaskSchema, statusPhase, type MigrationTask } from '../../../../api';
import { apiClient } from '../../../lib/api-client';
import { taskKeys } from './query-keys';

export const DETAIL_POLL_STOPPING_MS = 2_000;
export const DETAIL_POLL_CHANGING_MS = 5_000;

export function getMigrationTask(taskId: string, signal?: AbortSignal): Promise<MigrationTask> {
  return apiClient.get(`/api/migration-tasks/${encodeURIComponent(taskId)}`, migrationTaskSchema, { signal });
}

/** 2 s while a stop is in progress, 5 s while data moves (or the status is unknown), else no polling. */
export function detailRefetchInterval(status: string | null | undefined): number | false {
  switch (statusPhase(status)) {
    case 'stopping':
      return DETAIL_POLL_STOPPING_MS;
    case 'migrating':
    case 'unknown':
      return DETAIL_POLL_CHANGING_MS;
    default:
      return false;
  }
}

export function getMigrationTaskQueryOptions(taskId: string) {
  return queryOptions({
    queryKey: taskKeys.detail(taskId),
    queryFn: ({ signal }) => getMigrationTask(taskId, signal),
    refetchInterval: (query) => (query.state.data ? detailRefetchInterval(query.state.data.status) : false),
  });
}

export function useMigrationTask(taskId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...getMigrationTaskQueryOptions(taskId), enabled: options.enabled ?? true });
}
