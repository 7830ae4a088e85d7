import { useMutation, useQueryClient } from '@tanstack/react-query';
import { migrationTaskSchema, type MigrationTask, type MigrationTaskList } from '../../../../api';
import { apiClient, isApiError } from '../../../lib/api-client';
import { getSessionQueryOptions, sessionQueryKey } from '../../session/api/get-session';
import { taskKeys, type TaskRef } from './query-keys';

export function stopMigrationTask({ targetId, taskId, csrfToken }: TaskRef & { csrfToken: string }): Promise<MigrationTask> {
  return apiClient.post(`/api/migration-tasks/${encodeURIComponent(taskId)}/stop`, {}, migrationTaskSchema, {
    csrfToken,
    query: { target: targetId },
  });
}

/**
 * The stop mutation. `onStopped` runs with the task the cloud returned, even if the component
 * that asked has unmounted meanwhile. Only the stopped task's target's caches are touched.
 */
export function useStopMigrationTask({ onStopped }: { onStopped?: (task: MigrationTask) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...taskKeys.all, 'stop'],
    mutationFn: async (ref: TaskRef) => {
      const session = await queryClient.ensureQueryData(getSessionQueryOptions());
      return stopMigrationTask({ ...ref, csrfToken: session.csrf_token });
    },
    onSuccess: (task, ref) => {
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
    onError: (error, ref) => {
      // A refusal (DCS.4957), a timeout or a vanished task: fetch the task's real status again.
      void queryClient.invalidateQueries({ queryKey: taskKeys.detail(ref) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(ref.targetId) });
      if (isApiError(error) && error.code === 'CSRF_REJECTED') {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      }
    },
  });
}
