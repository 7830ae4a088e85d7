// "Stop when caught up": the console watches an incremental migration and stops it once its offset
// has been at or below a threshold for N polls in a row. Server-side (closing the tab does not
// cancel it; watches survive a console restart) and audited like any stop.
//
// POST   /api/migration-tasks/{id}/stop-when-caught-up?target  body caughtUpRequestSchema → 201 watch
//        (operator; CSRF; counts against the stop rate limit)
// GET    /api/migration-tasks/{id}/stop-when-caught-up?target  → 200 { watch }: the latest one of the
//        task, active or finished, or null when none was ever set (viewer may read)
// DELETE /api/migration-tasks/{id}/stop-when-caught-up?target  → 200 the cancelled watch (operator; CSRF)
// GET    /api/stop-when-caught-up?target                       → { watches } the active ones, oldest first
//
// A poll reads the task (status) and its stats (offset). It counts as caught up only while the task
// is in incremental sync (INCRMIGEATING / INCRMIGRATING) with offset ≤ threshold; during the full
// sync it never counts (the offset says nothing there). A poll above the threshold resets the count.
// A poll the cloud fails neither counts nor resets: it is recorded (`last_error`,
// `consecutive_errors`), and CAUGHT_UP_MAX_CONSECUTIVE_ERRORS of them in a row end the watch.
import { z } from 'zod';
import { stopReasonSchema } from './audit';
import {
  CAUGHT_UP_POLL_INTERVAL_S_DEFAULT,
  CAUGHT_UP_POLL_INTERVAL_S_MAX,
  CAUGHT_UP_POLL_INTERVAL_S_MIN,
  CAUGHT_UP_POLLS_DEFAULT,
  CAUGHT_UP_POLLS_MAX,
  CAUGHT_UP_POLLS_MIN,
  CAUGHT_UP_THRESHOLD_DEFAULT,
  CAUGHT_UP_THRESHOLD_MAX,
} from './rules/caught-up';

export * from './rules/caught-up';

export const caughtUpRequestSchema = z.strictObject({
  /** A poll with offset ≤ threshold counts as caught up. */
  threshold: z.number().int().min(0).max(CAUGHT_UP_THRESHOLD_MAX).default(CAUGHT_UP_THRESHOLD_DEFAULT),
  consecutive_polls: z.number().int().min(CAUGHT_UP_POLLS_MIN).max(CAUGHT_UP_POLLS_MAX).default(CAUGHT_UP_POLLS_DEFAULT),
  poll_interval_s: z.number().int().min(CAUGHT_UP_POLL_INTERVAL_S_MIN).max(CAUGHT_UP_POLL_INTERVAL_S_MAX).default(CAUGHT_UP_POLL_INTERVAL_S_DEFAULT),
  /** Recorded in the audit trail with the schedule and with the stop. */
  reason: stopReasonSchema.optional(),
});

const text = z.string().nullable();

/** The last poll: what the cloud said, or the error it failed with. */
export const caughtUpPollSchema = z.object({
  at: z.string(),
  /** The task status read; null when the poll failed. */
  status: text,
  offset: z.number().nullable(),
  /** This poll found the task caught up. */
  caught_up: z.boolean(),
  /** The console error code (API_ERROR_CODES) and message of a failed poll; null otherwise. */
  error_code: text,
  error_message: text,
});

/** The stop the watch sent: its audit record. */
export const caughtUpStopSchema = z.object({
  audit_record_id: z.string(),
  at: z.string(),
  /** AUDIT_OUTCOMES: accepted, refused, failed, unknown. */
  outcome: z.string(),
  /** The status the cloud returned with an accepted stop. */
  status_after: text,
  /** The console error code of a stop that was not accepted. */
  error_code: text,
});

export const caughtUpWatchSchema = z.object({
  id: z.string(),
  task_id: z.string(),
  target: z.string(),
  /** One of CAUGHT_UP_STATES; open, as a newer server may add states. */
  state: z.string(),
  threshold: z.number().int(),
  consecutive_polls: z.number().int(),
  poll_interval_s: z.number().int(),
  reason: text,
  created_by: z.string(),
  /** Who set it, stably (see the audit record's user_subject); absent in watches set before subjects were kept. */
  created_by_subject: z.string().nullable().optional(),
  /** ISO 8601 UTC, like every time below. */
  created_at: z.string(),
  /** Polls in a row that found the task caught up so far (0…consecutive_polls). */
  polls_in_a_row: z.number().int().nonnegative(),
  /** Polls the cloud failed in a row (0…CAUGHT_UP_MAX_CONSECUTIVE_ERRORS). */
  consecutive_errors: z.number().int().nonnegative(),
  last_poll: caughtUpPollSchema.nullable(),
  /** The most recent failed poll, kept after later polls succeed; null if none failed. */
  last_error: caughtUpPollSchema.nullable(),
  /** When the next poll is due; null once the watch has ended. */
  next_poll_at: text,
  stop: caughtUpStopSchema.nullable(),
  /** Set when cancelled. */
  cancelled_by: text,
  /** One of CAUGHT_UP_FAILURE_CODES when failed; open. */
  failure_code: text,
  failure_message: text,
  /** When the watch ended (done, cancelled, failed). */
  finished_at: text,
});

export const caughtUpWatchListSchema = z.object({ watches: z.array(caughtUpWatchSchema) });

/** GET of one task's watch: null when none was ever set (a 200, not a 404 the browser would log). */
export const caughtUpWatchReadSchema = z.object({ watch: caughtUpWatchSchema.nullable() });

export type CaughtUpRequest = z.input<typeof caughtUpRequestSchema>;
export type CaughtUpPoll = z.infer<typeof caughtUpPollSchema>;
export type CaughtUpStop = z.infer<typeof caughtUpStopSchema>;
export type CaughtUpWatch = z.infer<typeof caughtUpWatchSchema>;
export type CaughtUpWatchList = z.infer<typeof caughtUpWatchListSchema>;
export type CaughtUpWatchRead = z.infer<typeof caughtUpWatchReadSchema>;
