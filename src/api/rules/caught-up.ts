// "Stop when caught up" values the browser needs at run time (no zod here: the browser bundle
// stays light). Schemas: src/api/caught-up.ts.

/** Offset (incremental lag) at or below which a poll counts as caught up. */
export const CAUGHT_UP_THRESHOLD_DEFAULT = 0;
export const CAUGHT_UP_THRESHOLD_MAX = 1_000_000_000;
/** How many polls in a row must find the task caught up before it is stopped. */
export const CAUGHT_UP_POLLS_DEFAULT = 3;
export const CAUGHT_UP_POLLS_MIN = 1;
export const CAUGHT_UP_POLLS_MAX = 20;
/** Seconds between polls. */
export const CAUGHT_UP_POLL_INTERVAL_S_DEFAULT = 5;
export const CAUGHT_UP_POLL_INTERVAL_S_MIN = 2;
export const CAUGHT_UP_POLL_INTERVAL_S_MAX = 300;
/** After this many polls in a row fail (cloud errors), the watch gives up: state `failed`, code UPSTREAM_ERRORS. */
export const CAUGHT_UP_MAX_CONSECUTIVE_ERRORS = 5;
/** At most this many watches wait at once (all users, all targets). */
export const CAUGHT_UP_MAX_ACTIVE_WATCHES = 100;

/**
 * - `waiting`: polling; stops the task once `consecutive_polls` polls in a row found it caught up;
 * - `stopping`: the stop is being sent (through the audited stop, as the operator who scheduled it);
 * - `done`: the cloud accepted the stop;
 * - `cancelled`: someone cancelled the watch;
 * - `failed`: the watch ended without a stop accepted; `failure_code` says why.
 */
export const CAUGHT_UP_STATES = ['waiting', 'stopping', 'done', 'cancelled', 'failed'] as const;
export type CaughtUpState = (typeof CAUGHT_UP_STATES)[number];
/** States in which the watch still acts: a second watch of the task is refused. Only `waiting` can be cancelled. */
export const CAUGHT_UP_ACTIVE_STATES: readonly CaughtUpState[] = ['waiting', 'stopping'];

/**
 * `failure_code` of a failed watch:
 * - `UPSTREAM_ERRORS`: CAUGHT_UP_MAX_CONSECUTIVE_ERRORS polls in a row failed;
 * - `TASK_NOT_FOUND`: the cloud no longer knows the task;
 * - `TASK_NOT_STOPPABLE`: the task's status no longer allows a stop (someone stopped it, it failed…);
 * - `STOP_FAILED`: the stop was sent and not accepted (`stop` holds the audit outcome and error code);
 * - `CONSOLE_RESTARTED`: the console ended while the stop was being sent; check the task's status.
 */
export const CAUGHT_UP_FAILURE_CODES = ['UPSTREAM_ERRORS', 'TASK_NOT_FOUND', 'TASK_NOT_STOPPABLE', 'STOP_FAILED', 'CONSOLE_RESTARTED'] as const;
export type CaughtUpFailureCode = (typeof CAUGHT_UP_FAILURE_CODES)[number];

/**
 * Error codes (the `error.code` of a non-2xx answer) of the stop-when-caught-up routes, besides the
 * common ones (INVALID_*, UNKNOWN_TARGET, FORBIDDEN, CSRF_REJECTED, RATE_LIMITED, TASK_NOT_FOUND,
 * UPSTREAM_*):
 * - `NOT_INCREMENTAL_MIGRATION` (409): only an incremental online migration can catch up;
 * - `TASK_NOT_STOPPABLE` (409): the task's status does not allow a stop (src/dcs/status rules);
 * - `CAUGHT_UP_WATCH_EXISTS` (409): a watch is already active for this task; cancel it first;
 * - `CAUGHT_UP_WATCH_LIMIT` (503): CAUGHT_UP_MAX_ACTIVE_WATCHES watches are already waiting;
 * - `CAUGHT_UP_WATCH_NOT_FOUND` (404): no watch was ever set for this task (or it was purged);
 * - `CAUGHT_UP_WATCH_FINISHED` (409): DELETE on a watch that is no longer waiting (its stop is being
 *   sent, or it is done, cancelled or failed).
 */
export const CAUGHT_UP_ERROR_CODES = [
  'NOT_INCREMENTAL_MIGRATION',
  'TASK_NOT_STOPPABLE',
  'CAUGHT_UP_WATCH_EXISTS',
  'CAUGHT_UP_WATCH_LIMIT',
  'CAUGHT_UP_WATCH_NOT_FOUND',
  'CAUGHT_UP_WATCH_FINISHED',
] as const;
export type CaughtUpErrorCode = (typeof CAUGHT_UP_ERROR_CODES)[number];

/**
 * Audit actions of the watch (records in `GET /api/audit`, besides `stop` and `batch-stop`):
 * - `caught-up-schedule`: an operator set the watch (outcome `accepted`);
 * - `caught-up-stop`: the watch stopped the task: the same record as a stop, user = who scheduled;
 * - `caught-up-cancel`: the watch was cancelled (outcome `accepted`, user = who cancelled) or gave up
 *   (user `console`, outcome `failed`, error_code = the failure code).
 */
export const CAUGHT_UP_AUDIT_ACTIONS = ['caught-up-schedule', 'caught-up-stop', 'caught-up-cancel'] as const;
export type CaughtUpAuditAction = (typeof CAUGHT_UP_AUDIT_ACTIONS)[number];

/** The audit user of what the console does by itself (a watch giving up). */
export const CAUGHT_UP_CONSOLE_ACTOR = 'console';
