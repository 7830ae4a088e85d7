// "Stop when caught up": the watch the console keeps server-side for an incremental migration.
import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaughtUpRequest, CaughtUpWatch, CaughtUpWatchRead } from '../../../../api';
import { apiClient } from '../../../lib/api-client';
import { SHAPES } from '../../../lib/response-shape';
import { AUDIT_QUERY_ROOT } from '../../../lib/audit-query-key';
import { caughtUpListKey, CAUGHT_UP_REFRESH_MS, getCaughtUpWatchesQueryOptions, isWatchActive } from './get-caught-up-watches';
import { taskKeys, type TaskRef } from './query-keys';

const path = (taskId: string) => `/api/migration-tasks/${encodeURIComponent(taskId)}/stop-when-caught-up`;

export { CAUGHT_UP_REFRESH_MS, isWatchActive };

/** The task's latest watch, or null when none was ever set (`{ watch: null }`). */
export async function getCaughtUpWatch({ targetId, taskId }: TaskRef, signal?: AbortSignal): Promise<CaughtUpWatch | null> {
  const read = await apiClient.get<CaughtUpWatchRead>(path(taskId), SHAPES.caughtUpWatchRead, { signal, query: { target: targetId } });
  return read.watch ?? null;
}

/** Read every 2 s while the watch acts (the countdown is drawn locally between reads). */
export function getCaughtUpWatchQueryOptions(ref: TaskRef) {
  return queryOptions({
    queryKey: taskKeys.caughtUp(ref),
    queryFn: ({ signal }) => getCaughtUpWatch(ref, signal),
    refetchInterval: (query) => (isWatchActive(query.state.data) ? CAUGHT_UP_REFRESH_MS : false),
  });
}

export function useCaughtUpWatch(ref: TaskRef, { enabled }: { enabled: boolean }) {
  return useQuery({ ...getCaughtUpWatchQueryOptions(ref), enabled });
}

/** Set or cancel (api-client adds the session's CSRF token); the answer is the watch, put in the cache. */
function useWatchMutation<V>(ref: TaskRef, send: (variables: V) => Promise<CaughtUpWatch>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (watch) => queryClient.setQueryData(taskKeys.caughtUp(ref), watch),
    onError: () => void queryClient.invalidateQueries({ queryKey: taskKeys.caughtUp(ref) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: AUDIT_QUERY_ROOT });
      void queryClient.invalidateQueries({ queryKey: caughtUpListKey(ref.targetId) });
    },
  });
}

export function useSetCaughtUpWatch(ref: TaskRef) {
  return useWatchMutation<CaughtUpRequest>(ref, (body) =>
    apiClient.post<CaughtUpWatch>(path(ref.taskId), body, SHAPES.caughtUpWatch, { query: { target: ref.targetId } }),
  );
}

export function useCancelCaughtUpWatch(ref: TaskRef) {
  return useWatchMutation<void>(ref, () =>
    apiClient.delete<CaughtUpWatch>(path(ref.taskId), SHAPES.caughtUpWatch, { query: { target: ref.targetId } }),
  );
}

/** Every target's active watches (Activity); a target read every 2 s while it has one. */
export function useArmedWatches(targetIds: readonly string[], { enabled }: { enabled: boolean }) {
  return useQueries({
    queries: targetIds.map((targetId) => ({ ...getCaughtUpWatchesQueryOptions(targetId, { whenNone: false }), enabled })),
  });
}
