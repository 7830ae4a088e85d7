import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { MigrationTaskList } from '../../../../api';
import { isChanging } from '../../../../api/rules';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient } from '../../../lib/api-client';
import { taskKeys, type TaskListParams } from './query-keys';

export const LIST_POLL_MS = 5_000;
/**
 * A page where no task moves is still read now and then: tasks are created, started and fail
 * outside this page, and a filtered or empty page may be about to gain one. Cheap for the cloud:
 * the console keeps a list read about 1 s and shares identical reads, so however many tabs poll,
 * one list costs at most about one upstream read a second (200 tabs at 30 s: 6.7 console requests a second).
 */
export const LIST_POLL_QUIET_MS = 30_000;

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

/** Whether a task on the page can still change by itself (moving, stopping, or of unknown status). */
export function hasChangingTask(data: MigrationTaskList): boolean {
  return data.tasks.some((task) => isChanging(task.status));
}

/** Fast while a task on the page can change by itself; slowly otherwise (never not at all). */
export function listRefetchInterval(data: MigrationTaskList | undefined): number | false {
  if (!data) return false;
  return hasChangingTask(data) ? LIST_POLL_MS : LIST_POLL_QUIET_MS;
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
