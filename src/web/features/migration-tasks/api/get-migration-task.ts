import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MigrationTask } from '../../../../api';
import { statusPhase } from '../../../../api/rules';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient } from '../../../lib/api-client';
import { taskKeys, type TaskRef } from './query-keys';

export const DETAIL_POLL_STOPPING_MS = 2_000;
export const DETAIL_POLL_CHANGING_MS = 5_000;

export function getMigrationTask({ targetId, taskId }: TaskRef, signal?: AbortSignal): Promise<MigrationTask> {
  return apiClient.get<MigrationTask>(`/api/migration-tasks/${encodeURIComponent(taskId)}`, SHAPES.task, {
    signal,
    query: { target: targetId },
  });
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

export function getMigrationTaskQueryOptions(ref: TaskRef) {
  return queryOptions({
    queryKey: taskKeys.detail(ref),
    queryFn: ({ signal }) => getMigrationTask(ref, signal),
    refetchInterval: (query) => (query.state.data ? detailRefetchInterval(query.state.data.status) : false),
  });
}

export function useMigrationTask(ref: TaskRef, options: { enabled?: boolean } = {}) {
  return useQuery({ ...getMigrationTaskQueryOptions(ref), enabled: options.enabled ?? true });
}
