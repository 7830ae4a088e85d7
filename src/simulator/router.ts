// DCS route matching and handlers (README §2). Authentication and fault injection happen
// before these run (server.ts); here only the service itself.
import { DCS_ERROR } from '../dcs/errors';
import { isValidTaskId, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, LIST_LIMIT_MIN } from '../dcs/ids';
import type { DcsStopResult } from '../dcs/types';
import { errorReply, MESSAGES, ok, type Reply } from './replies';
import type { TaskStore } from './state';
import { statsFor } from './stats';
import { toDetail, toListItem } from './wire';

export const ROUTES = {
  list: 'GET /migration-tasks',
  detail: 'GET /migration-task/{id}',
  stats: 'GET /migration-task/{id}/stats',
  stop: 'POST /migration-task/{id}/stop',
  batchStop: 'POST /migration-task/batch-stop',
} as const;
export type RouteName = keyof typeof ROUTES;
export type RouteTemplate = (typeof ROUTES)[RouteName];
export const ROUTE_TEMPLATES: readonly string[] = Object.values(ROUTES);
/** Counter key for requests that match no DCS route. */
export const UNMATCHED = 'UNMATCHED';

export interface RouteMatch {
  name: RouteName;
  template: RouteTemplate;
  projectId: string;
  taskId?: string;
}

/** Percent-decodes each path segment (what the client signed); null if the encoding is broken. */
export function decodePath(raw: string): string | null {
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
}

export function matchRoute(method: string, path: string): RouteMatch | null {
  const m = /^\/v2\/([^/]*)\/(.+?)\/?$/.exec(path);
  if (!m) return null;
  const projectId = m[1]!;
  const [resource, id, action, ...extra] = m[2]!.split('/');
  const route = (name: RouteName, taskId?: string): RouteMatch => ({ name, template: ROUTES[name], projectId, taskId });
  if (extra.length > 0) return null;
  if (resource === 'migration-tasks' && id === undefined) return method === 'GET' ? route('list') : null;
  if (resource !== 'migration-task' || id === undefined) return null;
  if (action === undefined) {
    if (method === 'POST' && id === 'batch-stop') return route('batchStop');
    return method === 'GET' ? route('detail', id) : null;
  }
  if (action === 'stats' && method === 'GET') return route('stats', id);
  if (action === 'stop' && method === 'POST') return route('stop', id);
  return null;
}

export interface DcsContext {
  store: TaskStore;
  requestId: string;
  query: URLSearchParams;
  body: Buffer;
}

export function handleDcs(route: RouteMatch, ctx: DcsContext): Reply {
  const fail = (status: number, code: string, message: string) => errorReply(status, code, message, ctx.requestId);
  if (route.name === 'list') return list(ctx, fail);
  if (route.name === 'batchStop') return batchStop(ctx, fail);

  const taskId = route.taskId ?? '';
  if (!isValidTaskId(taskId)) return fail(400, DCS_ERROR.INVALID_TASK_ID, MESSAGES.invalidTaskId);
  if (route.name === 'stop') {
    const outcome = ctx.store.stop(taskId);
    if (outcome.ok) return ok(toDetail(outcome.task));
    return outcome.reason === 'not_found'
      ? fail(400, DCS_ERROR.TASK_NOT_FOUND, MESSAGES.taskNotFound)
      : fail(400, DCS_ERROR.STATE_NOT_ALLOWED, MESSAGES.notAllowed);
  }
  const task = ctx.store.get(taskId);
  if (!task) return fail(400, DCS_ERROR.TASK_NOT_FOUND, MESSAGES.taskNotFound);
  if (route.name === 'detail') return ok(toDetail(task));
  // Stats exist for online migrations only (README §2 #6). What the cloud answers for a
  // backup import is undocumented; we answer 400 DCS.4957 (operation not allowed for the task).
  if (task.migration_type !== 'online_migration') return fail(400, DCS_ERROR.STATE_NOT_ALLOWED, MESSAGES.statsOnlineOnly);
  return ok(statsFor(task, ctx.store.now()));
}

type Fail = (status: number, code: string, message: string) => Reply;

function list(ctx: DcsContext, fail: Fail): Reply {
  const offset = intParam(ctx.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset === null) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid offset.');
  const limit = intParam(ctx.query, 'limit', LIST_LIMIT_DEFAULT, LIST_LIMIT_MIN, LIST_LIMIT_MAX);
  if (limit === null) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid limit.');
  const name = ctx.query.get('name') ?? undefined;
  const { count, tasks } = ctx.store.list({ offset, limit, name });
  return ok({ count, migration_tasks: tasks.map(toListItem) });
}

/** A non-negative decimal integer within [min, max]; absent → fallback; anything else → null. */
function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | null {
  const values = query.getAll(name);
  if (values.length === 0) return fallback;
  const raw = values[0]!;
  if (values.length > 1 || !/^\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

function batchStop(ctx: DcsContext, fail: Fail): Reply {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') return fail(400, DCS_ERROR.EMPTY_BODY, MESSAGES.emptyBody);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(400, DCS_ERROR.INVALID_JSON, MESSAGES.invalidJson);
  }
  const ids = (parsed as { migration_tasks?: unknown } | null)?.migration_tasks;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid migration_tasks.');
  }
  const results = (ids as string[]).map((taskId): DcsStopResult => {
    if (!isValidTaskId(taskId)) return failed(taskId, DCS_ERROR.INVALID_TASK_ID, MESSAGES.invalidTaskId);
    const outcome = ctx.store.stop(taskId);
    if (outcome.ok) return { result: 'success', task_id: taskId };
    return outcome.reason === 'not_found'
      ? failed(taskId, DCS_ERROR.TASK_NOT_FOUND, MESSAGES.taskNotFound)
      : failed(taskId, DCS_ERROR.STATE_NOT_ALLOWED, MESSAGES.notAllowed);
  });
  return ok({ migration_tasks: results });
}

function failed(taskId: string, code: string, message: string): DcsStopResult {
  return { result: 'failed', task_id: taskId, error_code: code, error_msg: message };
}
