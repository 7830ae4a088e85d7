import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MigrationTask } from '../../../../api';
import { isSettled, statusPhase } from '../../../../api/rules';
import { isApiError } from '../../../lib/api-client';
import { DETAIL_POLL_STOPPING_MS, getMigrationTaskQueryOptions } from '../api/get-migration-task';
import { taskKeys, taskRefOfDetailKey, type TaskRef } from '../api/query-keys';
import { stopKey, useStopEntries, useStopTracker } from '../lib/stop-tracker';
import { notifyStopOutcomeLearned, notifyStopSettled } from './stop-notifications';

/**
 * Follows every task this tab stopped until it settles, then tells the operator once. A stop whose
 * answer was lost is followed until a read of the task made after the loss shows whether it was
 * applied (stopping or stopped) or not (anything else); failed reads are simply tried again.
 * It reads the detail cache of the task's own target (which the task page may be polling already)
 * and refreshes it every 2 s, reusing an answer younger than that so two views do not double the
 * requests. It lives in the layout, so it keeps following after a target switch or a closed dialog.
 */
export function StopFollower() {
  const tracker = useStopTracker();
  const queryClient = useQueryClient();
  const entries = useStopEntries();
  const pendingKey = [...entries.entries()]
    .filter(([, e]) => e.settledAt === undefined)
    .map(([key]) => key)
    .join(',');

  useEffect(() => {
    if (!pendingKey) return;
    const keys = new Set(pendingKey.split(','));
    const refs = [...tracker.getSnapshot().entries()]
      .filter(([key]) => keys.has(key))
      .map(([, { targetId, taskId }]): TaskRef => ({ targetId, taskId }));
    const entryOf = (ref: TaskRef) => tracker.getSnapshot().get(stopKey(ref));
    const finish = (ref: TaskRef, outcome: { status: string | null | undefined; lost?: boolean }) => {
      if (!tracker.settle(ref, outcome)) return;
      const entry = entryOf(ref);
      if (entry && !entry.batchId) notifyStopSettled(entry); // a batch's own notification tells its end
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
    };
    const check = (ref: TaskRef) => {
      const state = queryClient.getQueryState<MigrationTask>(taskKeys.detail(ref));
      const task = state?.data;
      const entry = entryOf(ref);
      if (!task || !entry || entry.settledAt !== undefined) return;
      if (entry.outcome === 'unknown') {
        if (state.dataUpdatedAt <= (entry.unknownSince ?? 0)) return; // read before the answer was lost
        const phase = statusPhase(task.status);
        const applied = phase === 'stopping' || phase === 'stopped';
        if (tracker.learn(ref, { applied, status: task.status })) {
          const learned = entryOf(ref);
          if (learned && !learned.batchId) notifyStopOutcomeLearned(learned);
          void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
        }
        if (!applied) return;
      }
      if (isSettled(task.status)) finish(ref, { status: task.status });
    };
    const poll = () => {
      for (const ref of refs) {
        queryClient
          .fetchQuery({ ...getMigrationTaskQueryOptions(ref), staleTime: DETAIL_POLL_STOPPING_MS - 500 })
          .then(() => check(ref))
          .catch((error: unknown) => {
            // Anything else (a cloud error, a cancelled read) is tried again at the next tick.
            if (isApiError(error) && error.code === 'TASK_NOT_FOUND') finish(ref, { status: null, lost: true });
          });
      }
    };
    refs.forEach(check);
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      const ref = taskRefOfDetailKey(event.query.queryKey);
      if (event.type === 'updated' && ref && keys.has(stopKey(ref))) check(ref);
    });
    const timer = setInterval(poll, DETAIL_POLL_STOPPING_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [pendingKey, queryClient, tracker]);

  return null;
}
