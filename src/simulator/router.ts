// DCS route matching and handlers (README §2). Authentication and fault injection happen
// before these run (server.ts); here only the service itself.
import { DCS_ERROR } from '../dcs/errors';
import { isValidTaskId, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, LIST_LIMIT_MIN } from '../dcs/ids';
import type { DcsListMigrationLogsResponse } from '../dcs/types';
import { batchStop, deleteTasks } from './batch';
import { taskLogs } from './logs';
import type { SimTask } from './model';
import { intParam } from './params';
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
  logs: 'GET /migration-task/{id}/logs',
  syncStop: 'POST /migration-task/{id}/sync-stop',
  deleteTasks: 'DELETE /migration-tasks/delete',
} as const;
export type RouteName = keyof typeof ROUTES;
export type RouteTemplate = (typeof ROUTES)[RouteName];
export const ROUTE_TEMPLATES: readonly string[] = Object.values(ROUTES);
/** Counter key for requests that match no DCS route. */
export const UNMATCHED = 'UNMATCHED';

/** `/logs` paging. The range is undocumented (README §9); [assumed] 1–100, default 10. */
export const LOG_LIMIT_MIN = 1;
export const LOG_LIMIT_MAX = 100;
export const LOG_LIMIT_DEFAULT = 10;
const LOG_LEVELS: readonly string[] = ['INFO', 'ERROR'];

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

/** GET or POST sub-resources of one task: `/migration-task/{id}/<action>`. */
const TASK_ACTIONS: Record<string, { method: string; name: RouteName }> = {
  stats: { method: 'GET', name: 'stats' },
  logs: { method: 'GET', name: 'logs' },
  stop: { method: 'POST', name: 'stop' },
  'sync-stop': { method: 'POST', name: 'syncStop' },
};

export function matchRoute(method: string, path: string): RouteMatch | null {
  const m = /^\/v2\/([^/]*)\/(.+?)\/?$/.exec(path);
  if (!m) return null;
  const projectId = m[1]!;
  const [resource, id, action, ...extra] = m[2]!.split('/');
  const route = (name: RouteName, taskId?: string): RouteMatch => ({ name, template: ROUTES[name], projectId, taskId });
  if (extra.length > 0) return null;
  if (resource === 'migration-tasks' && action === undefined) {
    if (id === undefined) return method === 'GET' ? route('list') : null;
    return id === 'delete' && method === 'DELETE' ? route('deleteTasks') : null;
  }
  if (resource !== 'migration-task' || id === undefined) return null;
  if (action === undefined) {
    if (method === 'POST' && id === 'batch-stop') return route('batchStop');
    return method === 'GET' ? route('detail', id) : null;
  }
  const known = Object.hasOwn(TASK_ACTIONS, action) ? TASK_ACTIONS[action] : undefined;
  return known && known.method === method ? route(known.name, id) : null;
}

export interface DcsContext {
  store: TaskStore;
  requestId: string;
  query: URLSearchParams;
  body: Buffer;
}

type Fail = (status: number, code: string, message: string) => Reply;

export function handleDcs(route: RouteMatch, ctx: DcsContext): Reply {
  const fail: Fail = (status, code, message) => errorReply(status, code, message, ctx.requestId);
  if (route.name === 'list') return list(ctx, fail);
  if (route.name === 'batchStop') return batchStop(ctx);
  if (route.name === 'deleteTasks') return deleteTasks(ctx);

  const taskId = route.taskId ?? '';
  if (!isValidTaskId(taskId)) return fail(400, DCS_ERROR.INVALID_TASK_ID, MESSAGES.invalidTaskId);
  if (route.name === 'stop' || route.name === 'syncStop') {
    // sync-stop (#4) is documented only as "stop synchronization of a data migration task"; how
    // it differs from stop is not. [assumed] It stops the (incremental) sync with the same state
    // rules as stop (stoppable → TERMINATING → TERMINATED after the stop delay, TERMINATING
    // unchanged, anything else 400 DCS.4957) but answers 204 with an empty body, as documented.
    const outcome = ctx.store.stop(taskId, route.name === 'stop' ? 'stop' : 'sync-stop');
    if (outcome.ok) return route.name === 'stop' ? ok(toDetail(outcome.task)) : { status: 204, body: undefined };
    return outcome.reason === 'not_found'
      ? fail(400, DCS_ERROR.TASK_NOT_FOUND, MESSAGES.taskNotFound)
      : fail(400, DCS_ERROR.STATE_NOT_ALLOWED, MESSAGES.notAllowed);
  }
  const task = ctx.store.get(taskId);
  if (!task) return fail(400, DCS_ERROR.TASK_NOT_FOUND, MESSAGES.taskNotFound);
  if (route.name === 'detail') return ok(toDetail(task));
  if (route.name === 'logs') return logs(task, ctx, fail);
  // Stats exist for online migrations only (README §2 #6). What the cloud answers for a
  // backup import is undocumented; we answer 400 DCS.4957 (operation not allowed for the task).
  if (task.migration_type !== 'online_migration') return fail(400, DCS_ERROR.STATE_NOT_ALLOWED, MESSAGES.statsOnlineOnly);
  return ok(statsFor(task, ctx.store.now()));
}

function list(ctx: DcsContext, fail: Fail): Reply {
  const offset = intParam(ctx.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset === null) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid offset.');
  const limit = intParam(ctx.query, 'limit', LIST_LIMIT_DEFAULT, LIST_LIMIT_MIN, LIST_LIMIT_MAX);
  if (limit === null) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid limit.');
  const name = ctx.query.get('name') ?? undefined;
  const { count, tasks } = ctx.store.list({ offset, limit, name });
  return ok({ count, migration_tasks: tasks.map(toListItem) });
}

/** `/logs?offset&limit&log_level`: newest first; log_num counts every entry of that level. */
function logs(task: SimTask, ctx: DcsContext, fail: Fail): Reply {
  const offset = intParam(ctx.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset === null) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid offset.');
  const limit = intParam(ctx.query, 'limit', LOG_LIMIT_DEFAULT, LOG_LIMIT_MIN, LOG_LIMIT_MAX);
  if (limit === null) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid limit.');
  const levels = ctx.query.getAll('log_level');
  const level = levels[0];
  if (levels.length > 1 || (level !== undefined && !LOG_LEVELS.includes(level))) return fail(400, DCS_ERROR.INVALID_PARAM, 'Invalid log_level.');
  const all = taskLogs(task, ctx.store.now());
  const matching = level === undefined ? all : all.filter((entry) => entry.log_level === level);
  const response: DcsListMigrationLogsResponse = { log_num: matching.length, migration_logs: matching.slice(offset, offset + limit) };
  return ok(response);
}
