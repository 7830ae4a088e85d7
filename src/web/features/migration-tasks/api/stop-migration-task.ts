import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MigrationTask, MigrationTaskList, StopRequest } from '../../../../api';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient, isApiError } from '../../../lib/api-client';
import { AUDIT_QUERY_ROOT } from '../../../lib/audit-query-key';
import { sessionQueryKey } from '../../../lib/session';
import { isStopOutcomeUnknown } from '../lib/stop-outcome';
import { taskKeys, type TaskRef } from './query-keys';

/** What the stop dialog sends: the task, and why (optional, recorded in the audit trail). */
export interface StopVariables extends TaskRef {
  reason?: string;
}

/** The stop body: `{ reason }` with the reason trimmed, `{}` without one. */
export function stopRequestBody(reason: string | undefined): StopRequest {
  const trimmed = reason?.trim();
  return trimmed ? { reason: trimmed } : {};
}

/** The stop; api-client adds the session's CSRF token. */
export function stopMigrationTask({ targetId, taskId, reason }: StopVariables): Promise<MigrationTask> {
  return apiClient.post<MigrationTask>(`/api/migration-tasks/${encodeURIComponent(taskId)}/stop`, stopRequestBody(reason), SHAPES.task, {
    query: { target: targetId },
  });
}

interface StopCallbacks {
  /** With the task the cloud returned. */
  onStopped?: (task: MigrationTask) => void;
  /** The stop was sent at `sentAt` but its answer was lost: the cloud may or may not have applied it. */
  onOutcomeUnknown?: (sentAt: number) => void;
}

/**
 * The stop mutation, never retried. The callbacks run even if the component that asked has
 * unmounted meanwhile. Only the stopped task's target's caches are touched.
 */
export function useStopMigrationTask({ onStopped, onOutcomeUnknown }: StopCallbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...taskKeys.all, 'stop'],
    mutationFn: (variables: StopVariables) => stopMigrationTask(variables),
    onMutate: () => ({ sentAt: Date.now() }),
    onSuccess: (task, { targetId, taskId }) => {
      const ref = { targetId, taskId };
      // Show what the cloud returned at once, then let polling follow the task.
      queryClient.setQueryData(taskKeys.detail(ref), task);
      queryClient.setQueriesData<MigrationTaskList>({ queryKey: taskKeys.lists(ref.targetId) }, (old) =>
        old
          ? { ...old, tasks: old.tasks.map((t) => (t.task_id === ref.taskId ? { ...t, status: task.status } : t)) }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.stats(ref) });
      onStopped?.(task);
    },
    onError: (error, { targetId, taskId }, context) => {
      const ref = { targetId, taskId };
      const detail = { queryKey: taskKeys.detail(ref) };
      if (isStopOutcomeUnknown(error)) {
        onOutcomeUnknown?.(context?.sentAt ?? Date.now());
        // Reads already running may predate the stop: drop them, and read the task afresh.
        void queryClient.cancelQueries(detail).then(() => queryClient.invalidateQueries(detail));
      } else {
        // A refusal (DCS.4957), a cloud error or a vanished task: fetch the task's real status again.
        void queryClient.invalidateQueries(detail);
      }
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
      if (isApiError(error) && error.code === 'CSRF_REJECTED') {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      }
    },
    // Every attempt is recorded, whatever its outcome: the task page's "last stop" and the activity.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: AUDIT_QUERY_ROOT });
    },
  });
}
