// The handlers that take a list of task ids in a JSON body: batch stop (#5) and delete (#8).
import { DCS_ERROR } from '../dcs/errors';
import { isValidTaskId } from '../dcs/ids';
import type { DcsDeleteMigrationTasksResponse, DcsStopResult } from '../dcs/types';
import { idListBody } from './params';
import { errorReply, MESSAGES, ok, type Reply } from './replies';
import type { TaskStore } from './state';

export interface BodyContext {
  store: TaskStore;
  requestId: string;
  body: Buffer;
}

export function batchStop(ctx: BodyContext): Reply {
  const ids = idListBody(ctx.body, 'migration_tasks');
  if (!Array.isArray(ids)) return errorReply(400, ids.code, ids.message, ctx.requestId);
  const results = ids.map((taskId): DcsStopResult => {
    if (!isValidTaskId(taskId)) return failed(taskId, DCS_ERROR.INVALID_TASK_ID, MESSAGES.invalidTaskId);
    const outcome = ctx.store.stop(taskId);
    if (outcome.ok) return { result: 'success', task_id: taskId };
    return outcome.reason === 'not_found'
      ? failed(taskId, DCS_ERROR.TASK_NOT_FOUND, MESSAGES.taskNotFound)
      : failed(taskId, DCS_ERROR.STATE_NOT_ALLOWED, MESSAGES.notAllowed);
  });
  return ok({ migration_tasks: results });
}

function failed(taskId: string, code: string, message: string): DcsStopResult {
  return { result: 'failed', task_id: taskId, error_code: code, error_msg: message };
}

/**
 * DELETE /migration-tasks/delete `{task_id_list}` → 200 `{task_id_list: [deleted ids]}`.
 * [assumed] Ids that are malformed, unknown or already deleted are skipped silently (the
 * response lists only what this call deleted); the body rules are those of batch stop.
 */
export function deleteTasks(ctx: BodyContext): Reply {
  const ids = idListBody(ctx.body, 'task_id_list');
  if (!Array.isArray(ids)) return errorReply(400, ids.code, ids.message, ctx.requestId);
  const response: DcsDeleteMigrationTasksResponse = { task_id_list: ctx.store.delete(ids.filter(isValidTaskId)) };
  return ok(response);
}
