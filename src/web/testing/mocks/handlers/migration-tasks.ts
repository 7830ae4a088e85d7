import { http, HttpResponse } from 'msw';
import {
  batchStopRequestSchema,
  canStop,
  CSRF_HEADER,
  statusesMatching,
  statusPhase,
  stopRequestSchema,
  type AuditRecord,
  type BatchStopResult,
  type MigrationTask,
} from '../../../../api';
import { toSummary } from '../data';
import { db, statsFor } from '../db';
import { apiError } from './errors';

type Params = { taskId: string };

const notFound = (taskId: string) =>
  apiError(404, {
    code: 'TASK_NOT_FOUND',
    message: `Migration task ${taskId} was not found.`,
    upstream: { status: 400, error_code: 'DCS.4133', error_msg: 'The migration task does not exist.', request_id: 'up-4133' },
  });

/**
 * The tasks of the request's `?target=`. Stricter than the console, which falls back to the first
 * target: here a request without a target fails, so a page that forgets it cannot pass a test.
 */
function targetTasks(request: Request): MigrationTask[] | Response {
  const target = new URL(request.url).searchParams.get('target');
  if (!target) return apiError(400, { code: 'INVALID_QUERY', message: 'mock: the page sent no ?target=' });
  const tasks = db.tasks[target];
  if (!tasks) return apiError(400, { code: 'UNKNOWN_TARGET', message: `Unknown target ${target}.` });
  return tasks;
}

function withTask(request: Request, taskId: string, answer: (task: MigrationTask) => Response): Response {
  const tasks = targetTasks(request);
  if (tasks instanceof Response) return tasks;
  const task = tasks.find((t) => t.task_id === taskId);
  return task ? answer(task) : notFound(taskId);
}

export const migrationTaskHandlers = [
  http.get('/api/migration-tasks', ({ request }) => {
    const tasks = targetTasks(request);
    if (tasks instanceof Response) return tasks;
    const url = new URL(request.url);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const name = url.searchParams.get('name')?.toLowerCase();
    const statuses = url.searchParams.get('status')?.split(',').flatMap(statusesMatching);
    const matches = sortedLike(
      url.searchParams.get('sort'),
      tasks
        .filter((t) => !name || (t.task_name ?? '').toLowerCase().includes(name))
        .filter((t) => !statuses || statuses.includes(t.status ?? '')),
    );
    const withSince = (task: MigrationTask) => {
      const since = db.statusSince.get(task.task_id);
      return { ...toSummary(task), console_status_since: since?.at ?? null, console_status_change_seen: since?.seen ?? false };
    };
    return HttpResponse.json({ count: matches.length, tasks: matches.slice(offset, offset + limit).map(withSince) });
  }),

  http.get<Params>('/api/migration-tasks/:taskId', ({ params, request }) =>
    withTask(request, params.taskId, (task) => {
      if (task.status === 'TERMINATING') {
        const reads = (db.readsSinceStop.get(task) ?? 0) + 1;
        db.readsSinceStop.set(task, reads);
        if (reads >= db.stopCompletesAfterReads) task.status = 'TERMINATED';
      }
      return HttpResponse.json(task);
    }),
  ),

  http.get<Params>('/api/migration-tasks/:taskId/stats', ({ params, request }) =>
    withTask(request, params.taskId, (task) => {
      if (task.migration_type !== 'online_migration') {
        return apiError(400, { code: 'UPSTREAM_REJECTED', message: 'Progress exists for online migrations only.' });
      }
      return HttpResponse.json(statsFor(task.task_id));
    }),
  ),

  http.post('/api/migration-tasks/batch-stop', async ({ request }) => {
    const refused = refuseStop(request);
    if (refused) return refused;
    const body = batchStopRequestSchema.safeParse(await readJson(request));
    if (!body.success) return apiError(400, { code: 'INVALID_BODY', message: 'mock: the body is not { task_ids, reason? }' });
    const tasks = targetTasks(request);
    if (tasks instanceof Response) return tasks;
    const target = new URL(request.url).searchParams.get('target') ?? '';
    const batchId = `mock-batch-${attempts + 1}`;
    const results = body.data.task_ids.map((taskId): BatchStopResult => {
      const task = tasks.find((t) => t.task_id === taskId);
      if (!task) return { task_id: taskId, result: 'failed', error_code: 'DCS.4133', error_msg: 'The migration task does not exist.' };
      const attempt = Object.assign(recordAttempt(target, task, body.data.reason ?? null), { action: 'batch-stop', batch_id: batchId });
      if (!canStop(task.status)) {
        Object.assign(attempt, { outcome: 'refused', upstream_error_code: 'DCS.4957' });
        return { task_id: taskId, result: 'failed', error_code: 'DCS.4957', error_msg: 'The operation is not allowed in the current state of the task.' };
      }
      task.status = 'TERMINATING';
      db.readsSinceStop.set(task, 0);
      Object.assign(attempt, { outcome: 'accepted', status_after: 'TERMINATING' });
      return { task_id: taskId, result: 'success' };
    });
    return HttpResponse.json({ results });
  }),

  http.post<Params>('/api/migration-tasks/:taskId/stop', async ({ params, request }) => {
    const refused = refuseStop(request);
    if (refused) return refused;
    const body = stopRequestSchema.safeParse(await readJson(request));
    if (!body.success) return apiError(400, { code: 'INVALID_BODY', message: 'mock: the stop body is not { reason? }' });
    const target = new URL(request.url).searchParams.get('target') ?? '';
    return withTask(request, params.taskId, (task) => {
      const attempt = recordAttempt(target, task, body.data.reason ?? null);
      if (!canStop(task.status)) {
        Object.assign(attempt, { outcome: 'refused', error_code: 'STOP_NOT_ALLOWED', upstream_error_code: 'DCS.4957' });
        return apiError(400, {
          code: 'STOP_NOT_ALLOWED',
          message: 'The cloud refused to stop the task in its current status.',
          upstream: {
            status: 400,
            error_code: 'DCS.4957',
            error_msg: 'This operation is not allowed in the current task state.',
            request_id: 'up-req-4957',
          },
        });
      }
      task.status = 'TERMINATING';
      db.readsSinceStop.set(task, 0);
      Object.assign(attempt, { outcome: 'accepted', status_after: 'TERMINATING' });
      return HttpResponse.json(task);
    });
  }),
];

/** The console's checks before any stop: the CSRF token, then the role. */
function refuseStop(request: Request): Response | null {
  if (request.headers.get(CSRF_HEADER) !== db.session.csrf_token) {
    return apiError(403, { code: 'CSRF_REJECTED', message: 'Missing or wrong CSRF token.' });
  }
  if (!db.session.allowed_actions.includes('migrationTask:stop')) {
    return apiError(403, { code: 'FORBIDDEN', message: 'Your role does not allow this (migrationTask:stop).' });
  }
  return null;
}

/** The body as JSON; an empty body is `{}`, an unreadable one undefined. */
async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

const PHASE_RANK: Record<string, number> = { migrating: 0, stopping: 1, pending: 2, failed: 3, succeeded: 4, stopped: 5, gone: 6, unknown: 7 };

/** `?sort=` as the console applies it (src/server/list-sort.ts), in short. */
function sortedLike(sort: string | null, tasks: MigrationTask[]): MigrationTask[] {
  const name = (t: MigrationTask) => t.task_name ?? '';
  const created = (t: MigrationTask) => Date.parse(t.created_at ?? '') || 0;
  const changed = (t: MigrationTask) => Date.parse(db.statusSince.get(t.task_id)?.at ?? '') || 0;
  const compare: Record<string, (a: MigrationTask, b: MigrationTask) => number> = {
    newest: (a, b) => created(b) - created(a),
    oldest: (a, b) => created(a) - created(b),
    changed: (a, b) => changed(b) - changed(a),
    name_asc: (a, b) => name(a).localeCompare(name(b), 'en', { numeric: true }),
    name_desc: (a, b) => name(b).localeCompare(name(a), 'en', { numeric: true }),
    status: (a, b) => (PHASE_RANK[statusPhase(a.status)] ?? 7) - (PHASE_RANK[statusPhase(b.status)] ?? 7),
  };
  const by = sort ? compare[sort] : undefined;
  return by ? [...tasks].sort(by) : tasks;
}

let attempts = 0;

/** Every stop attempt lands in the audit trail, as on the console. */
function recordAttempt(target: string, task: MigrationTask, reason: string | null): AuditRecord {
  attempts += 1;
  const at = new Date().toISOString();
  const attempt: AuditRecord = {
    id: `mock-attempt-${attempts}`,
    at,
    user: db.session.user.name,
    target,
    task_id: task.task_id,
    task_name: task.task_name ?? null,
    status_before: task.status ?? null,
    reason,
    action: 'stop',
    batch_id: null,
    outcome: 'pending',
    status_after: null,
    error_code: null,
    upstream_error_code: null,
    upstream_request_id: null,
    request_id: `req-stop-${attempts}`,
    finished_at: at,
  };
  db.audit.push(attempt);
  return attempt;
}
