import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { isChanging, migrationTaskListSchema, type MigrationTaskList } from '../../../../api';
import { apiClient } from '../../../lib/api-client';
import { taskKeys, type TaskListParams } from './query-keys';

export const LIST_POLL_MS = 5_000;

export function getMigrationTasks(params: TaskListParams, signal?: AbortSignal): Promise<MigrationTaskList> {
  return apiClient.get('/api/migration-tasks', migrationTaskListSchema, {
    signal,
    query: {
      offset: params.offset,
      limit: params.limit,
      name: params.name || undefined,
      status: params.status?.length ? params.status.join(',') : undefined,
    },
  });
}

/** Poll while any shown task can still change by itself; stop once all are settled. */
export function listRefetchInterval(data: MigrationTaskList | undefined): number | false {
  return data?.tasks.some((task) => isChanging(task.status)) ? LIST_POLL_MS : false;
}

export function getMigrationTasksQueryOptions(params: TaskListParams) {
  return queryOptions({
    queryKey: taskKeys.list(params),
    queryFn: ({ signal }) => getMigrationTasks(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => listRefetchInterval(query.state.data),
  });
}

export function useMigrationTasks(params: TaskListParams) {
  return useQuery(getMigrationTasksQueryOptions(params));
}
