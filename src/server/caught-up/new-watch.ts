// A new watch from a schedule request, after the task was read: only an incremental migration
// whose status allows a stop (src/dcs/status) can be watched.
import type { CaughtUpRequest, CaughtUpWatch } from '../../api/caught-up';
import type { MigrationTask } from '../../api/migration-tasks';
import { canStop, stopUnavailableReason } from '../../dcs/status';
import { watchError } from './errors';
import { randomUUID } from 'node:crypto';

export interface ScheduleInput {
  target: string;
  taskId: string;
  /** Validated: every field set (defaults applied). */
  request: Required<Omit<CaughtUpRequest, 'reason'>> & { reason?: string };
  user: string;
  /** principalKey of the user: recorded with each of the watch's audit records. */
  subject: string;
  requestId: string;
}

export function newWatch(input: ScheduleInput, task: MigrationTask, nowIso: string): CaughtUpWatch {
  if (task.migration_method !== 'incremental_migration') {
    throw watchError(409, 'NOT_INCREMENTAL_MIGRATION', 'Only an incremental migration catches up; this task migrates its data once (full migration or backup import).');
  }
  if (!canStop(task.status)) {
    throw watchError(409, 'TASK_NOT_STOPPABLE', stopUnavailableReason(task.status) ?? 'This task cannot be stopped.');
  }
  const { threshold, consecutive_polls, poll_interval_s, reason } = input.request;
  return {
    id: randomUUID(),
    task_id: input.taskId,
    target: input.target,
    state: 'waiting',
    threshold,
    consecutive_polls,
    poll_interval_s,
    reason: reason || null,
    created_by: input.user,
    created_by_subject: input.subject,
    created_at: nowIso,
    polls_in_a_row: 0,
    consecutive_errors: 0,
    last_poll: null,
    last_error: null,
    next_poll_at: nowIso, // the first poll is due at once
    stop: null,
    cancelled_by: null,
    failure_code: null,
    failure_message: null,
    finished_at: null,
  };
}
