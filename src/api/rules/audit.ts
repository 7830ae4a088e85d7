// Audit values the browser needs at run time (no zod here: the browser bundle stays light).
export const STOP_REASON_MAX = 500;

/** The longest task-name prefix `GET /api/audit?task_name=` takes (as the task list's `?name=`). */
export const AUDIT_TASK_NAME_MAX = 128;
/** The longest display name or subject `GET /api/audit?user=` takes. */
export const AUDIT_USER_MAX = 256;

export const AUDIT_ACTIONS = ['stop', 'batch-stop'] as const;

/**
 * - `pending`: the stop was sent and its outcome not yet recorded (a record left pending means the
 *   console ended while the call was in flight);
 * - `accepted`: the cloud accepted the stop;
 * - `refused`: the cloud answered and did not stop the task (status does not allow it, unknown
 *   task, permission, throttling);
 * - `failed`: the stop was not carried out: the cloud failed (5xx), or the console did not send it
 *   because the cloud does not know the task;
 * - `unknown`: the stop may or may not have been applied (timeout, connection lost, unreadable
 *   answer): check the task's status.
 */
export const AUDIT_OUTCOMES = ['pending', 'accepted', 'refused', 'failed', 'unknown'] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
