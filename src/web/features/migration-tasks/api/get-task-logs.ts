import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { MigrationLogList } from '../../../../api';
import { apiClient } from '../../../lib/api-client';
import { SHAPES } from '../../../lib/response-shape';
import { taskKeys, type TaskRef } from './query-keys';

export const LOGS_PAGE_SIZE = 20;
export const LOGS_FOLLOW_MS = 5_000;

export interface LogsPageParams {
  level?: string;
  offset: number;
}

export function getTaskLogs({ targetId, taskId }: TaskRef, { level, offset }: LogsPageParams, signal?: AbortSignal) {
  return apiClient.get<MigrationLogList>(`/api/migration-tasks/${encodeURIComponent(taskId)}/logs`, SHAPES.taskLogs, {
    signal,
    query: { target: targetId, offset, limit: LOGS_PAGE_SIZE, level },
  });
}

/** Newest first, a page at a time ("load more"); `follow` refetches every page while the task runs. */
export function getTaskLogsQueryOptions(ref: TaskRef, level: string | undefined, follow: boolean) {
  return infiniteQueryOptions({
    queryKey: taskKeys.logsPage(ref, level),
    queryFn: ({ pageParam, signal }) => getTaskLogs(ref, { level, offset: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.logs.length, 0);
      return last.logs.length > 0 && loaded < last.count ? loaded : undefined;
    },
    refetchInterval: follow ? LOGS_FOLLOW_MS : false,
  });
}

export function useTaskLogs(ref: TaskRef, level: string | undefined, follow: boolean) {
  return useInfiniteQuery(getTaskLogsQueryOptions(ref, level, follow));
}
