import { http, HttpResponse } from 'msw';
import { canStop, CSRF_HEADER } from '../../../../api';
import { toSummary } from '../data';
import { db, findTask, statsFor } from '../db';
import { apiError } from './errors';

type Params = { taskId: string };

const notFound = (taskId: string) =>
  apiError(404, {
    code: 'TASK_NOT_FOUND',
    message: `Migration task ${taskId} was not found.`,
    upstream: { status: 400, error_code: 'DCS.4133', error_msg: 'The migration task does not exist.', request_id: 'up-4133' },
  });

export const migrationTaskHandlers = [
  http.get('/api/migration-tasks', ({ request }) => {
    const url = new URL(request.url);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const name = url.searchParams.get('name')?.toLowerCase();
    const statuses = url.searchParams.get('status')?.split(',');
    const matches = db.tasks
      .filter((t) => !name || (t.task_name ?? '').toLowerCase().includes(name))
      .filter((t) => !statuses || statuses.includes(t.status ?? ''));
    return HttpResponse.json({ count: matches.length, tasks: matches.slice(offset, offset + limit).map(toSummary) });
  }),

  http.get<Params>('/api/migration-tasks/:taskId', ({ params }) => {
    const task = findTask(params.taskId);
    if (!task) return notFound(params.taskId);
    if (task.status === 'TERMINATING') {
      const reads = (db.readsSinceStop.get(task.task_id) ?? 0) + 1;
      db.readsSinceStop.set(task.task_id, reads);
      if (reads >= db.stopCompletesAfterReads) task.status = 'TERMINATED';
    }
    return HttpResponse.json(task);
  }),

  http.get<Params>('/api/migration-tasks/:taskId/stats', ({ params }) => {
    const task = findTask(params.taskId);
    if (!task) return notFound(params.taskId);
    if (task.migration_type !== 'online_migration') {
      return apiError(400, { code: 'UPSTREAM_REJECTED', message: 'Progress exists for online migrations only.' });
    }
    return HttpResponse.json(statsFor(task.task_id));
  }),

  http.post<Params>('/api/migration-tasks/:taskId/stop', ({ params, request }) => {
    if (request.headers.get(CSRF_HEADER) !== db.session.csrf_token) {
      return apiError(403, { code: 'CSRF_REJECTED', message: 'Missing or wrong CSRF token.' });
    }
    const task = findTask(params.taskId);
    if (!task) return notFound(params.taskId);
    if (!canStop(task.status)) {
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
    db.readsSinceStop.set(task.task_id, 0);
    return HttpResponse.json(task);
  }),
];
