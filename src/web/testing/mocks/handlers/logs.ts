// `GET /api/migration-tasks/:id/logs?offset&limit&level`: the task's migration log, newest first.
// Tests set a task's log with `setLogs` (any order; answered newest first).
import { http, HttpResponse } from 'msw';
import type { MigrationLog } from '../../../../api';
import { db } from '../db';
import { apiError } from './errors';

const perDb = new WeakMap<object, Map<string, MigrationLog[]>>();

function logs(): Map<string, MigrationLog[]> {
  let map = perDb.get(db);
  if (!map) perDb.set(db, (map = new Map()));
  return map;
}

export function setLogs(taskId: string, entries: MigrationLog[]) {
  logs().set(taskId, entries);
}

export function addLog(taskId: string, entry: MigrationLog) {
  logs().set(taskId, [...(logs().get(taskId) ?? []), entry]);
}

/** A log line `secondsAgo` before now. */
export function logLine(secondsAgo: number, level: string, message: string): MigrationLog {
  return {
    created_at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    log_level: level,
    message,
    log_code: level === 'ERROR' ? 'MIG.0500' : 'MIG.0100',
    keyword: [],
  };
}

export const logHandlers = [
  http.get<{ taskId: string }>('/api/migration-tasks/:taskId/logs', ({ params, request }) => {
    const url = new URL(request.url);
    const target = url.searchParams.get('target');
    if (!target || !db.tasks[target]) return apiError(400, { code: 'UNKNOWN_TARGET', message: `Unknown target ${target ?? ''}.` });
    if (!db.tasks[target]?.some((task) => task.task_id === params.taskId)) {
      return apiError(404, { code: 'TASK_NOT_FOUND', message: `Migration task ${params.taskId} was not found.` });
    }
    const level = url.searchParams.get('level');
    if (level !== null && level !== 'INFO' && level !== 'ERROR') {
      return apiError(400, { code: 'INVALID_QUERY', message: 'level: INFO or ERROR' });
    }
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const matching = (logs().get(params.taskId) ?? [])
      .filter((entry) => !level || entry.log_level === level)
      .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
    return HttpResponse.json({ count: matching.length, logs: matching.slice(offset, offset + limit) });
  }),
];
