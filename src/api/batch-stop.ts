// `POST /api/migration-tasks/batch-stop`: stop up to 50 tasks at once. The cloud only says whether
// each stop request was accepted; a task has stopped once its status reads TERMINATED.
import { z } from 'zod';
import { stopReasonSchema } from './audit';
import { taskIdSchema } from './migration-tasks';
import { BATCH_STOP_MAX } from './rules/migration-tasks';

export const batchStopRequestSchema = z.strictObject({
  task_ids: z
    .array(taskIdSchema)
    .min(1, 'at least one task id')
    .max(BATCH_STOP_MAX, `at most ${BATCH_STOP_MAX} task ids`)
    .refine((ids) => new Set(ids).size === ids.length, 'task ids must not repeat'),
  /** Recorded in the audit trail with every task of the batch. */
  reason: stopReasonSchema.optional(),
});

export const batchStopResultSchema = z.looseObject({
  task_id: z.string(),
  /** "success" | "failed" from the cloud; open, since the cloud may add values. */
  result: z.string(),
  error_code: z.string().nullish(),
  error_msg: z.string().nullish(),
});

export const batchStopResponseSchema = z.object({ results: z.array(batchStopResultSchema) });

export type BatchStopRequest = z.infer<typeof batchStopRequestSchema>;
export type BatchStopResult = z.infer<typeof batchStopResultSchema>;
export type BatchStopResponse = z.infer<typeof batchStopResponseSchema>;
