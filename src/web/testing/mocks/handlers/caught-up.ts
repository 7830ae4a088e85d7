// `POST/GET/DELETE /api/migration-tasks/:id/stop-when-caught-up` (GET: `{ watch }`, null when none): the console's server-side watch
// that stops an incremental migration once it has caught up. Tests read and change the watches
// with `watchOf` / `setWatch` (e.g. to play a poll, or the end of the watch).
import { http, HttpResponse } from 'msw';
import { canStop, caughtUpRequestSchema, CSRF_HEADER, type CaughtUpWatch } from '../../../../api';
import { CAUGHT_UP_ACTIVE_STATES } from '../../../../api/rules';
import { db } from '../db';
import { apiError } from './errors';

const perDb = new WeakMap<object, Map<string, CaughtUpWatch>>();

function watches(): Map<string, CaughtUpWatch> {
  let map = perDb.get(db);
  if (!map) perDb.set(db, (map = new Map()));
  return map;
}

export const watchOf = (taskId: string) => watches().get(taskId);

export function setWatch(watch: CaughtUpWatch) {
  watches().set(watch.task_id, watch);
}

/** A waiting watch as the console answers right after it was set. */
export function waitingWatch(taskId: string, target: string, fields: Partial<CaughtUpWatch> = {}): CaughtUpWatch {
  const now = Date.now();
  return {
    id: `watch-${taskId.slice(0, 8)}`,
    task_id: taskId,
    target,
    state: 'waiting',
    threshold: 0,
    consecutive_polls: 3,
    poll_interval_s: 5,
    reason: null,
    created_by: db.session.user.name,
    created_at: new Date(now).toISOString(),
    polls_in_a_row: 0,
    consecutive_errors: 0,
    last_poll: null,
    last_error: null,
    next_poll_at: new Date(now + 5000).toISOString(),
    stop: null,
    cancelled_by: null,
    failure_code: null,
    failure_message: null,
    finished_at: null,
    ...fields,
  };
}

const isActive = (watch: CaughtUpWatch | undefined) => !!watch && (CAUGHT_UP_ACTIVE_STATES as readonly string[]).includes(watch.state);

function guard(request: Request): Response | null {
  if (request.headers.get(CSRF_HEADER) !== db.session.csrf_token) {
    return apiError(403, { code: 'CSRF_REJECTED', message: 'Missing or wrong CSRF token.' });
  }
  if (!db.session.allowed_actions.includes('migrationTask:stop')) {
    return apiError(403, { code: 'FORBIDDEN', message: 'Your role does not allow this (migrationTask:stop).' });
  }
  return null;
}

function taskOf(request: Request, taskId: string) {
  const target = new URL(request.url).searchParams.get('target') ?? '';
  const task = db.tasks[target]?.find((t) => t.task_id === taskId);
  return { target, task };
}

type Params = { taskId: string };

export const caughtUpHandlers = [
  // The active watches of one target (the first without `?target`), oldest first.
  http.get('/api/stop-when-caught-up', ({ request }) => {
    const target = new URL(request.url).searchParams.get('target') ?? 'sim-region-1';
    const active = [...watches().values()].filter((watch) => watch.target === target && isActive(watch));
    return HttpResponse.json({ watches: active.sort((a, b) => a.created_at.localeCompare(b.created_at)) });
  }),
  http.get<Params>('/api/migration-tasks/:taskId/stop-when-caught-up', ({ params }) => HttpResponse.json({ watch: watchOf(params.taskId) ?? null })),

  http.post<Params>('/api/migration-tasks/:taskId/stop-when-caught-up', async ({ params, request }) => {
    const refused = guard(request);
    if (refused) return refused;
    const { target, task } = taskOf(request, params.taskId);
    if (!task) return apiError(404, { code: 'TASK_NOT_FOUND', message: `Migration task ${params.taskId} was not found.` });
    const body = caughtUpRequestSchema.safeParse(await request.json().catch(() => undefined));
    if (!body.success) return apiError(400, { code: 'INVALID_BODY', message: body.error.message });
    if (task.migration_method !== 'incremental_migration') {
      return apiError(409, { code: 'NOT_INCREMENTAL_MIGRATION', message: 'Only an incremental online migration can catch up.' });
    }
    if (!canStop(task.status)) return apiError(409, { code: 'TASK_NOT_STOPPABLE', message: 'The task cannot be stopped in its status.' });
    if (isActive(watchOf(params.taskId))) {
      return apiError(409, { code: 'CAUGHT_UP_WATCH_EXISTS', message: 'A watch is already active for this task.' });
    }
    const { reason, ...settings } = body.data;
    const watch = waitingWatch(params.taskId, target, {
      ...settings,
      reason: reason ?? null,
      next_poll_at: new Date(Date.now() + settings.poll_interval_s * 1000).toISOString(),
    });
    setWatch(watch);
    return HttpResponse.json(watch, { status: 201 });
  }),

  http.delete<Params>('/api/migration-tasks/:taskId/stop-when-caught-up', ({ params, request }) => {
    const refused = guard(request);
    if (refused) return refused;
    const watch = watchOf(params.taskId);
    if (!watch) return apiError(404, { code: 'CAUGHT_UP_WATCH_NOT_FOUND', message: 'No stop-when-caught-up watch was set for this task.' });
    if (!isActive(watch)) return apiError(409, { code: 'CAUGHT_UP_WATCH_FINISHED', message: 'This watch has already ended.' });
    const cancelled: CaughtUpWatch = {
      ...watch,
      state: 'cancelled',
      cancelled_by: db.session.user.name,
      finished_at: new Date().toISOString(),
      next_poll_at: null,
    };
    setWatch(cancelled);
    return HttpResponse.json(cancelled);
  }),
];
