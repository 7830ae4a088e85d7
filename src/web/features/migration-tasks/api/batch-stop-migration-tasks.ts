import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BatchStopResponse, BatchStopResult } from '../../../../api';
import { BATCH_STOP_MAX } from '../../../../api/rules';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient, isApiError } from '../../../lib/api-client';
import { AUDIT_QUERY_ROOT } from '../../../lib/audit-query-key';
import { sessionQueryKey } from '../../../lib/session';
import { isStopOutcomeUnknown } from '../lib/stop-outcome';
import { stopRequestBody } from './stop-migration-task';
import { getMigrationTaskQueryOptions } from './get-migration-task';
import { taskKeys } from './query-keys';

/**
 * What became of one task of a batch stop. accepted / refused: the cloud's verdict for the task.
 * unknown: sent, but no verdict came back (the answer was lost, or the cloud left the task out).
 * failed: the whole request was refused before anything was applied. not-sent: an earlier batch
 * failed, so this one was not sent.
 */
export type BatchTaskOutcome =
  | { kind: 'accepted' }
  | { kind: 'refused'; code: string | null; message: string | null }
  | { kind: 'unknown'; sentAt: number }
  | { kind: 'failed'; error: unknown }
  | { kind: 'not-sent' };

export interface BatchStopProgress {
  /** 1-based number of the batch being sent, or the last one sent once done. */
  batch: number;
  batches: number;
  outcomes: ReadonlyMap<string, BatchTaskOutcome>;
}

export interface BatchStopVariables {
  targetId: string;
  taskIds: string[];
  reason?: string;
  onProgress?: (progress: BatchStopProgress) => void;
  /** Once per batch, with what became of its tasks (for following the accepted ones). */
  onBatchAnswered?: (answered: [taskId: string, outcome: BatchTaskOutcome][]) => void;
}

/** One batch; api-client adds the session's CSRF token. */
export function batchStopMigrationTasks({
  targetId,
  taskIds,
  reason,
}: {
  targetId: string;
  taskIds: string[];
  reason?: string;
}): Promise<BatchStopResponse> {
  return apiClient.post<BatchStopResponse>(
    '/api/migration-tasks/batch-stop',
    { task_ids: taskIds, ...stopRequestBody(reason) },
    SHAPES.batchStop,
    { query: { target: targetId } },
  );
}

/** `items` in consecutive groups of at most `size` (the console takes at most BATCH_STOP_MAX ids a call). */
export function inBatches<T>(items: readonly T[], size: number = BATCH_STOP_MAX): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

function verdictOf(result: BatchStopResult | undefined, sentAt: number): BatchTaskOutcome {
  if (result?.result === 'success') return { kind: 'accepted' };
  if (result?.result === 'failed') return { kind: 'refused', code: result.error_code ?? null, message: result.error_msg ?? null };
  return { kind: 'unknown', sentAt };
}

/**
 * Stops the tasks batch after batch, one request at a time, reporting after each. The first
 * request-level failure ends the run: the tasks of later batches are not sent (the operator
 * decides again, with the report in front of them). Never retried.
 */
export function useBatchStopMigrationTasks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...taskKeys.all, 'batch-stop'],
    mutationFn: async ({ targetId, taskIds, reason, onProgress, onBatchAnswered }: BatchStopVariables) => {
      const batches = inBatches(taskIds);
      const outcomes = new Map<string, BatchTaskOutcome>();
      const report = (batch: number) => onProgress?.({ batch, batches: batches.length, outcomes: new Map(outcomes) });
      const answered = (ids: string[]) => onBatchAnswered?.(ids.map((id) => [id, outcomes.get(id)!]));
      for (const [index, ids] of batches.entries()) {
        report(index + 1);
        const sentAt = Date.now();
        try {
          const { results } = await batchStopMigrationTasks({ targetId, taskIds: ids, reason });
          const byId = new Map(results.map((r) => [r.task_id, r]));
          for (const id of ids) outcomes.set(id, verdictOf(byId.get(id), sentAt));
        } catch (error) {
          const outcome: BatchTaskOutcome = isStopOutcomeUnknown(error) ? { kind: 'unknown', sentAt } : { kind: 'failed', error };
          for (const id of ids) outcomes.set(id, outcome);
          for (const later of batches.slice(index + 1).flat()) outcomes.set(later, { kind: 'not-sent' });
          if (isApiError(error) && error.code === 'CSRF_REJECTED') void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
          answered(ids);
          report(index + 1);
          break;
        }
        // Read the tasks again before the next batch goes: the report and the list show their status now
        // (a refused task's too: it tells why the cloud refused).
        for (const id of ids) void queryClient.prefetchQuery(getMigrationTaskQueryOptions({ targetId, taskId: id }));
        void queryClient.invalidateQueries({ queryKey: taskKeys.lists(targetId) });
        answered(ids);
        report(index + 1);
      }
      return { batches: batches.length, outcomes: outcomes as ReadonlyMap<string, BatchTaskOutcome> };
    },
    // Every attempt is recorded in the audit trail, whatever its outcome.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: AUDIT_QUERY_ROOT });
    },
  });
}
