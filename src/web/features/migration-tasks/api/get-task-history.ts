import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ProgressHistory } from '../../../../api';
import { isChanging } from '../../../../api/rules';
import { apiClient } from '../../../lib/api-client';
import { SHAPES } from '../../../lib/response-shape';
import { taskKeys, type TaskRef } from './query-keys';

/** The console samples every 10 s at most (HISTORY_MIN_SPACING_S): reading more often shows nothing new. */
export const HISTORY_POLL_MS = 15_000;

export function getTaskHistory({ targetId, taskId }: TaskRef, signal?: AbortSignal): Promise<ProgressHistory> {
  return apiClient.get<ProgressHistory>(`/api/migration-tasks/${encodeURIComponent(taskId)}/history`, SHAPES.taskHistory, {
    signal,
    query: { target: targetId },
  });
}

/** Refreshed while the task moves; once settled, the history no longer changes. */
export function getTaskHistoryQueryOptions(ref: TaskRef, taskStatus: string | null | undefined) {
  return queryOptions({
    queryKey: taskKeys.history(ref),
    queryFn: ({ signal }) => getTaskHistory(ref, signal),
    refetchInterval: isChanging(taskStatus) ? HISTORY_POLL_MS : false,
  });
}

/**
 * Read once more when the task settles: polling stops there, and the console's history has by
 * then recorded the final status (and the estimate says "settled"), maybe a last sample too.
 */
export function useTaskHistory(ref: TaskRef, { taskStatus, enabled }: { taskStatus: string | null | undefined; enabled: boolean }) {
  const query = useQuery({ ...getTaskHistoryQueryOptions(ref, taskStatus), enabled });
  const changing = isChanging(taskStatus);
  const wasChanging = useRef(changing);
  const { refetch } = query;
  useEffect(() => {
    if (wasChanging.current && !changing && enabled) void refetch();
    wasChanging.current = changing;
  }, [changing, enabled, refetch]);
  return query;
}
