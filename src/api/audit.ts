// The audit trail of stop attempts: the optional reason an operator gives with a stop, and
// `GET /api/audit?task_id&task_name&user&target&since&until&offset&limit` → `{ count, records }`, newest first.
// The task page's "Stopped by X, T ago: reason" is `GET /api/audit?task_id=X&limit=1`.
import { z } from 'zod';
import { taskIdSchema } from './migration-tasks';
import { AUDIT_TASK_NAME_MAX, AUDIT_USER_MAX, STOP_REASON_MAX } from './rules/audit';
import { targetIdSchema } from './targets';
import { refuseInvisible } from './text';

export * from './rules/audit';

/**
 * Why the operator stops (free text from the dialog). One line: trimmed; at most 500 characters; no
 * invisible or control character (tabs and line breaks included, except at the ends, which trimming
 * drops; see rules/text.ts), so it cannot forge, break or disguise a log line or the audit trail.
 * Empty after trimming means "no reason".
 */
export const stopReasonSchema = z
  .string()
  .superRefine(refuseInvisible(true))
  .trim()
  .max(STOP_REASON_MAX, `at most ${STOP_REASON_MAX} characters`);

/** `POST /api/migration-tasks/{id}/stop` body: empty, `{}` or `{ reason }`; nothing else. */
export const stopRequestSchema = z.strictObject({ reason: stopReasonSchema.optional() });


const nullableText = z.string().nullable();

export const auditRecordSchema = z.object({
  id: z.string(),
  /** When the attempt began (ISO 8601, UTC). */
  at: z.string(),
  /** The display name. */
  user: z.string(),
  /** Who the user is, stably (oidc: issuer + sub; proxy: the user header); null in older records. */
  user_subject: nullableText.optional(),
  /** The console target id (region + project). */
  target: z.string(),
  task_id: z.string(),
  /** Null when the console could not read the task before stopping it. */
  task_name: nullableText,
  status_before: nullableText,
  reason: nullableText,
  /** One of AUDIT_ACTIONS; open, so an older page can show a newer server's records. */
  action: z.string(),
  /** Shared by the records of one batch stop. */
  batch_id: nullableText,
  /** One of AUDIT_OUTCOMES; open as above. */
  outcome: z.string(),
  /** The status the cloud returned with an accepted stop (a batch stop returns none). */
  status_after: nullableText,
  /** The console error code (API_ERROR_CODES) of a stop that was not accepted. */
  error_code: nullableText,
  /** The cloud's error code, e.g. DCS.4957. */
  upstream_error_code: nullableText,
  upstream_request_id: nullableText,
  /** The console request id (x-request-id of the stop request, request_id of its error). */
  request_id: z.string(),
  finished_at: nullableText,
});

export const auditListSchema = z.object({
  count: z.number().int().nonnegative(),
  records: z.array(auditRecordSchema),
});

export const AUDIT_LIMIT_DEFAULT = 50;
export const AUDIT_LIMIT_MAX = 200;

/** An ISO 8601 instant with a zone (`Z` or `±hh:mm`), normalised to UTC `…Z` with milliseconds. */
const instantSchema = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 date-time with a zone, e.g. 2025-01-31T08:00:00Z' })
  .transform((value) => new Date(value).toISOString());

/**
 * `since` is inclusive, `until` exclusive. Filters combine with AND.
 * - `task_name`: the records whose task name starts with it, ignoring case (`%` and `_` are plain
 *   characters, not wildcards); records without a name never match.
 * - `user`: exactly the display name or exactly the stable subject (`user_subject`).
 * Both are taken as given (not trimmed), 1 to their maximum long, without invisible or control characters.
 */
export const auditQuerySchema = z
  .object({
    task_id: taskIdSchema.optional(),
    task_name: z.string().min(1).max(AUDIT_TASK_NAME_MAX).superRefine(refuseInvisible()).optional(),
    user: z.string().min(1).max(AUDIT_USER_MAX).superRefine(refuseInvisible()).optional(),
    target: targetIdSchema.optional(),
    since: instantSchema.optional(),
    until: instantSchema.optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).default(AUDIT_LIMIT_DEFAULT),
  })
  .refine((q) => q.since === undefined || q.until === undefined || q.since < q.until, {
    message: 'since must be before until',
    path: ['until'],
  });

export type StopRequest = z.infer<typeof stopRequestSchema>;
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditList = z.infer<typeof auditListSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
