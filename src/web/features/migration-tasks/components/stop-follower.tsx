import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isSettled, type MigrationTask } from '../../../../api';
import { isApiError } from '../../../lib/api-client';
import { DETAIL_POLL_STOPPING_MS, getMigrationTaskQueryOptions } from '../api/get-migration-task';
import { taskKeys } from '../api/query-keys';
import { useStopEntries, useStopTracker } from '../lib/stop-tracker';
import { notifyStopSettled } from './stop-notifications';

/**
 * Follows every task this tab stopped until it settles, then tells the operator once.
 * It reads the detail cache (which the task page may be polling already) and refreshes it
 * every 2 s, reusing an answer younger than that so two views do not double the requests.
 */
export function StopFollower() {
  const tracker = useStopTracker();
  const queryClient = useQueryClient();
  const entries = useStopEntries();
  const pending = [...entries.values()].filter((e) => e.settledAt === undefined).map((e) => e.taskId);
  const pendingKey = pending.join(',');

  useEffect(() => {
    if (!pendingKey) return;
    const ids = pendingKey.split(',');
    const finish = (taskId: string, outcome: { status: string | null | undefined; lost?: boolean }) => {
      if (!tracker.settle(taskId, outcome)) return;
      const entry = tracker.getSnapshot().get(taskId);
      if (entry) notifyStopSettled(entry);
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
    };
    const check = (taskId: string) => {
      const task = queryClient.getQueryData<MigrationTask>(taskKeys.detail(taskId));
      if (task && isSettled(task.status)) finish(taskId, { status: task.status });
    };
    ids.forEach(check);
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      const [, kind, id] = event.query.queryKey as readonly unknown[];
      if (event.type === 'updated' && kind === 'detail' && typeof id === 'string' && ids.includes(id)) check(id);
    });
    const timer = setInterval(() => {
      for (const taskId of ids) {
        queryClient
          .fetchQuery({ ...getMigrationTaskQueryOptions(taskId), staleTime: DETAIL_POLL_STOPPING_MS - 500 })
          .then(() => check(taskId))
          .catch((error: unknown) => {
            if (isApiError(error) && error.code === 'TASK_NOT_FOUND') finish(taskId, { status: null, lost: true });
          });
      }
    }, DETAIL_POLL_STOPPING_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [pendingKey, queryClient, tracker]);

  return null;
}
