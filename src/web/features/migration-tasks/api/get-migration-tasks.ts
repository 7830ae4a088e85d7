import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { MigrationTaskList } from '../../../../api';
import { isChanging } from '../../../../api/rules';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient } from '../../../lib/api-client';
import { taskKeys, type TaskListParams } from './query-keys';

export const LIST_POLL_MS = 5_000;

export function getMigrationTasks(
  targetId: string,
  params: TaskListParams,
  signal?: AbortSignal,
): Promise<MigrationTaskList> {
  return apiClient.get<MigrationTaskList>('/api/migration-tasks', SHAPES.taskList, {
    signal,
    query: {
      target: targetId,
      offset: params.offset,
      limit: params.limit,
      name: params.name || undefined,
      status: params.status?.length ? params.status.join(',') : undefined,
      sort: params.sort,
    },
  });
}

/** Poll while any shown task can still change by itself; stop once all are settled. */
export function listRefetchInterval(data: MigrationTaskList | undefined): number | false {
  return data?.tasks.some((task) => isChanging(task.status)) ? LIST_POLL_MS : false;
}

export function getMigrationTasksQueryOptions(targetId: string, params: TaskListParams) {
  return queryOptions({
    queryKey: taskKeys.list(targetId, params),
    queryFn: ({ signal }) => getMigrationTasks(targetId, params, signal),
    // Keep the previous page while the next loads, but never another target's rows.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === targetId ? keepPreviousData(previous) : undefined,
    refetchInterval: (query) => listRefetchInterval(query.state.data),
  });
}

export function useMigrationTasks(targetId: string, params: TaskListParams) {
  return useQuery(getMigrationTasksQueryOptions(targetId, params));
}
