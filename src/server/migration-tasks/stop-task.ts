// The stop use case: stop and batch stop, each recorded through the audit trail port (AuditTrail,
// audit/store.ts). What the task was is read first, the attempt is committed as `pending` before
// the cloud is called, and its outcome is committed before the route answers. Each finished record
// is also one structured log line `{ event: 'audit', ... }`. Used by the stop routes and by the
// stop-when-caught-up watcher.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditOutcome } from '../../api/audit';
import type { BatchStopResponse, BatchStopResult } from '../../api/batch-stop';
import type { ApiErrorCode } from '../../api/errors';
import type { MigrationTask } from '../../api/migration-tasks';
import { DCS_ERROR } from '../../dcs/errors';
import { LIST_LIMIT_MAX } from '../../dcs/ids';
import { ApiHttpError, toApiHttpError, type UpstreamOperation } from '../errors';
import { DcsUpstreamError, type UpstreamExchange } from '../upstream/dcs-client';
import type { AuditAttempt, AuditRecord, AuditResult, AuditTrail } from '../audit/store';
import type { MigrationTaskService } from './service';

/**
 * How long the console waits for the task's name and status before a stop. A slower answer is
 * not awaited: the stop goes out and the record says "not known" (null) for both.
 */
export const PRE_READ_BUDGET_MS = 2000;

export interface StopContext {
  /** Where attempts and outcomes are recorded (the audit slice's store). */
  audit: AuditTrail;
  service: MigrationTaskService;
  log: FastifyBaseLogger;
  /** The display name recorded, and who that is (principalKey: stable across name changes). */
  user: string;
  subject: string;
  /** The target id the request resolved to. */
  target: string;
  requestId: string;
  reason: string | null;
  /** The action recorded; default `stop` (a stop-when-caught-up watch records `caught-up-stop`). */
  action?: 'stop' | 'caught-up-stop';
  /** Receives each finished record (the watch keeps its id and outcome). */
  recorded?: (record: AuditRecord) => void;
}

type Before = { task_name: string | null; status_before: string | null };
const NOT_KNOWN: Before = { task_name: null, status_before: null };

/** `POST /api/migration-tasks/{id}/stop`, recorded. Throws the ApiHttpError to answer with. */
export async function stopTask(ctx: StopContext, taskId: string): Promise<MigrationTask> {
  const read = await withinBudget(ctx.service.get(taskId, { fresh: true })); // the real status, not a cached one
  let before = NOT_KNOWN;
  if (read.kind === 'ok') {
    before = { task_name: read.value.task_name ?? null, status_before: read.value.status ?? null };
  } else if (read.kind === 'error') {
    const error = asApiError(read.error, 'get');
    if (error?.code === 'TASK_NOT_FOUND') {
      // The cloud does not know the task: the stop is not sent, the attempt is still recorded.
      const [pending] = await begin(ctx, [attempt(ctx, taskId, NOT_KNOWN, ctx.action ?? 'stop', null)]);
      await finish(ctx, [{ ...failure(error, 'failed'), id: pending!.id }]);
      throw error;
    }
    logPreReadFailure(ctx, taskId, read.error, error);
  } else {
    ctx.log.warn({ event: 'audit.pre_read_late', task_id: taskId }, 'the task was not read in time before its stop; status (and name, unless read earlier) are recorded as not known');
  }
  // Not read now: the record keeps the name the console last read (the status stays not known: an
  // old status would claim what the task was at the stop).
  if (before.task_name === null) before = { ...before, task_name: ctx.service.lastKnownName(taskId) };

  const [pending] = await begin(ctx, [attempt(ctx, taskId, before, ctx.action ?? 'stop', null)]);
  const exchange: UpstreamExchange = {};
  let task: MigrationTask;
  try {
    task = await ctx.service.stop(taskId, exchange);
  } catch (thrown) {
    const error = asApiError(thrown, 'stop');
    await finish(ctx, [{ ...(error ? failure(error) : internalFailure()), id: pending!.id }]);
    throw error ?? thrown;
  }
  await finish(ctx, [
    {
      id: pending!.id,
      outcome: 'accepted',
      status_after: task.status ?? null,
      error_code: null,
      upstream_error_code: null,
      upstream_request_id: exchange.requestId ?? null,
    },
  ]);
  return task;
}

/**
 * `POST /api/migration-tasks/batch-stop`, one record per task sharing a batch id. Names and
 * statuses come from one list call (the first 1000 tasks of the project), not one read per task,
 * so a batch of 50 does not spend the cloud's request quota before the stop itself.
 */
export async function batchStopTasks(ctx: StopContext, taskIds: string[]): Promise<BatchStopResponse> {
  const read = await withinBudget(ctx.service.list({ offset: 0, limit: LIST_LIMIT_MAX }, { fresh: true }));
  const known = new Map<string, Before>();
  if (read.kind === 'ok') {
    for (const task of read.value.tasks) known.set(task.task_id, { task_name: task.task_name ?? null, status_before: task.status ?? null });
  } else if (read.kind === 'error') {
    logPreReadFailure(ctx, null, read.error, asApiError(read.error, 'list'));
  } else {
    ctx.log.warn({ event: 'audit.pre_read_late' }, 'the tasks were not read in time before the batch stop; names and statuses are recorded as not known');
  }

  const batchId = randomUUID();
  const pending = await begin(
    ctx,
    taskIds.map((taskId) => attempt(ctx, taskId, known.get(taskId) ?? NOT_KNOWN, 'batch-stop', batchId)),
  );
  const exchange: UpstreamExchange = {};
  let response: BatchStopResponse;
  try {
    response = await ctx.service.batchStop(taskIds, exchange);
  } catch (thrown) {
    const error = asApiError(thrown, 'batch-stop');
    const result = error ? failure(error) : internalFailure();
    await finish(
      ctx,
      pending.map(({ id }) => ({ ...result, id })),
    );
    throw error ?? thrown;
  }
  const verdicts = new Map(response.results.map((r) => [r.task_id, r]));
  await finish(
    ctx,
    pending.map(({ id, task_id }) => ({ ...verdict(verdicts.get(task_id), exchange.requestId ?? null), id })),
  );
  return response;
}

function attempt(ctx: StopContext, taskId: string, before: Before, action: AuditAttempt['action'], batchId: string | null): AuditAttempt {
  return {
    user: ctx.user,
    subject: ctx.subject,
    target: ctx.target,
    task_id: taskId,
    ...before,
    reason: ctx.reason,
    action,
    batch_id: batchId,
    request_id: ctx.requestId,
  };
}

async function begin(ctx: StopContext, attempts: AuditAttempt[]): Promise<AuditRecord[]> {
  try {
    return await ctx.audit.begin(attempts);
  } catch (error) {
    ctx.log.error({ event: 'audit.write_failed', err: error, attempts }, 'a stop attempt could not be written to the audit trail; the stop was not sent');
    throw new ApiHttpError(500, 'INTERNAL', 'The console could not write the audit record, so it did not send the stop. An administrator must check the audit database.');
  }
}

/** Commits outcomes, then writes each record as a log line; the route answers only after this. */
async function finish(ctx: StopContext, results: AuditResult[]): Promise<void> {
  let records: AuditRecord[];
  try {
    records = await ctx.audit.finish(results);
  } catch (error) {
    // The log pipeline still gets the outcome; the database keeps the attempt as pending.
    ctx.log.error({ event: 'audit.write_failed', err: error, results }, 'the outcome of a stop could not be written to the audit trail');
    throw new ApiHttpError(
      500,
      'INTERNAL',
      'The stop was sent to the cloud, but the console could not record its outcome in the audit trail. Check the task status; an administrator must check the audit database.',
    );
  }
  for (const record of records) {
    ctx.log.info({ event: 'audit', ...record }, `audit: ${record.action} ${record.task_id} ${record.outcome}`);
    ctx.recorded?.(record);
  }
}

/** An upstream or console error as the operator sees it; anything else (a bug) is null. */
function asApiError(error: unknown, operation: UpstreamOperation): ApiHttpError | null {
  return error instanceof ApiHttpError || error instanceof DcsUpstreamError ? toApiHttpError(error, operation) : null;
}

/** Outcome of a stop call that failed as a whole. */
function failure(error: ApiHttpError, outcome: Exclude<AuditOutcome, 'pending' | 'accepted'> = outcomeOf(error)): Omit<AuditResult, 'id'> {
  return {
    outcome,
    status_after: null,
    error_code: error.code,
    upstream_error_code: error.extra.upstream?.error_code ?? null,
    upstream_request_id: error.extra.upstream?.request_id ?? null,
  };
}

function internalFailure(): Omit<AuditResult, 'id'> {
  return { outcome: 'unknown', status_after: null, error_code: 'INTERNAL', upstream_error_code: null, upstream_request_id: null };
}

const REFUSALS = new Set<ApiErrorCode>(['STOP_NOT_ALLOWED', 'TASK_NOT_FOUND', 'UPSTREAM_REJECTED', 'UPSTREAM_FORBIDDEN', 'UPSTREAM_AUTH_FAILED', 'UPSTREAM_THROTTLED']);

/**
 * The cloud answered 4xx: refused. A 5xx from the service: failed, except a gateway's 502/504,
 * which may come after the service acted: unknown. Timeouts, lost connections and unreadable
 * answers: unknown.
 */
export function outcomeOf(error: ApiHttpError): Exclude<AuditOutcome, 'pending' | 'accepted'> {
  if (REFUSALS.has(error.code)) return 'refused';
  if (error.code === 'UPSTREAM_ERROR') {
    const status = error.extra.upstream?.status;
    return status === 502 || status === 504 ? 'unknown' : 'failed';
  }
  return 'unknown';
}

const BATCH_ERROR_CODES: Record<string, ApiErrorCode> = {
  [DCS_ERROR.STATE_NOT_ALLOWED]: 'STOP_NOT_ALLOWED',
  [DCS_ERROR.TASK_NOT_FOUND]: 'TASK_NOT_FOUND',
};

/** Outcome of one task of a batch the cloud answered. */
function verdict(result: BatchStopResult | undefined, upstreamRequestId: string | null): Omit<AuditResult, 'id'> {
  const base = { status_after: null, upstream_request_id: upstreamRequestId };
  if (result?.result === 'success') return { ...base, outcome: 'accepted', error_code: null, upstream_error_code: null };
  if (result?.result === 'failed') {
    const upstreamCode = result.error_code ?? null;
    return { ...base, outcome: 'refused', error_code: (upstreamCode && BATCH_ERROR_CODES[upstreamCode]) || 'UPSTREAM_REJECTED', upstream_error_code: upstreamCode };
  }
  return { ...base, outcome: 'unknown', error_code: null, upstream_error_code: result?.error_code ?? null };
}

type Read<T> = { kind: 'ok'; value: T } | { kind: 'error'; error: unknown } | { kind: 'late' };

/** Waits at most `budgetMs`; a late answer is dropped (never an unhandled rejection). */
export async function withinBudget<T>(promise: Promise<T>, budgetMs = PRE_READ_BUDGET_MS): Promise<Read<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Read<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late' }), budgetMs);
  });
  const settled = promise.then(
    (value): Read<T> => ({ kind: 'ok', value }),
    (error: unknown): Read<T> => ({ kind: 'error', error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

function logPreReadFailure(ctx: StopContext, taskId: string | null, thrown: unknown, error: ApiHttpError | null): void {
  const message = 'the task could not be read before its stop; status (and name, unless read earlier) are recorded as not known';
  if (error) ctx.log.warn({ event: 'audit.pre_read_failed', task_id: taskId ?? undefined, code: error.code }, message);
  else ctx.log.error({ event: 'audit.pre_read_failed', task_id: taskId ?? undefined, err: thrown }, message);
}
