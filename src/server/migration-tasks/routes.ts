// Console routes for migration tasks. Input is validated before anything goes upstream; the CSRF
// check of the stops is the auth plugin's (one check for every state-changing route). Reads of a
// task's detail and stats are told to other slices as task events (events.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stopRequestSchema } from '../../api/audit';
import { batchStopRequestSchema } from '../../api/batch-stop';
import { logsQuerySchema } from '../../api/logs';
import { listQuerySchema, taskQuerySchema } from '../../api/migration-tasks';
import type { AuditTrail } from '../audit/store';
import { requirePermission } from '../auth/plugin';
import { principalKey } from '../auth/principal';
import { toApiHttpError, type UpstreamOperation } from '../errors';
import { invalidInput, parseQuery, parseTaskId, type TaskRequest } from '../http/validation';
import type { StatusSinceSource } from '../overview/observed';
import type { TargetRegistry } from '../targets/registry';
import { jsonOf } from '../upstream/derived-memo';
import { withStatusSince } from './status-since';
import type { TaskEvents } from './events';
import { batchStopTasks, stopTask, type StopContext } from './stop-task';

type TaskParams = { taskId: string };

export interface MigrationTaskDeps {
  targets: TargetRegistry;
  /** Where stops are recorded. */
  audit: AuditTrail;
  /** Told of every detail and stats answer. */
  events: TaskEvents;
  /** The console's record of status changes (the task observer): each listed task's "last changed", and the `changed` order. */
  statusSince?: StatusSinceSource;
}

export function migrationTaskRoutes({ targets, audit, events, statusSince }: MigrationTaskDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    const canList = { preHandler: requirePermission('migrationTask:list') };
    const canGet = { preHandler: requirePermission('migrationTask:get') };
    // Counted against STOP_RATE_LIMIT (auth/stop-rate-limit.ts).
    const canStop = { preHandler: requirePermission('migrationTask:stop'), config: { stopRateLimited: true } };

    app.get('/api/migration-tasks', canList, async (request, reply) => {
      const query = parseQuery(listQuerySchema, request.query);
      const since = statusSince?.statusSince(query.target ?? targets.defaultId);
      const list = withStatusSince(await upstream('list', () => targets.service(query.target).list(query, undefined, since)), since);
      // A status filter over a list longer than the console scans: the answer covers its beginning.
      if (list.truncated) void reply.header('x-dcs-list-truncated', 'true');
      return json(reply, list);
    });

    app.get<{ Params: TaskParams }>('/api/migration-tasks/:taskId', canGet, async (request, reply) => {
      const { taskId, target } = parseTaskRequest(request);
      const task = await upstream('get', () => targets.service(target).get(taskId));
      events.emit('taskRead', { target: target ?? targets.defaultId, taskId, task, reader: principalKey(request.principal) }, request.log);
      return json(reply, task);
    });

    app.get<{ Params: TaskParams }>('/api/migration-tasks/:taskId/stats', canGet, async (request, reply) => {
      const { taskId, target } = parseTaskRequest(request);
      const stats = await upstream('stats', () => targets.service(target).stats(taskId));
      events.emit('statsRead', { target: target ?? targets.defaultId, taskId, stats, reader: principalKey(request.principal) }, request.log);
      return json(reply, stats);
    });

    app.get<{ Params: TaskParams }>('/api/migration-tasks/:taskId/logs', canGet, async (request) => {
      const taskId = parseTaskId(request);
      const query = parseQuery(logsQuerySchema, request.query);
      return upstream('logs', () => targets.service(query.target).logs(taskId, query));
    });

    // Stops are recorded in the audit trail (the stop use case, stop-task.ts); a request refused
    // here, before anything goes upstream, is not an attempt and leaves no record.
    app.post<{ Params: TaskParams }>('/api/migration-tasks/:taskId/stop', canStop, async (request) => {
      const { taskId, target } = parseTaskRequest(request);
      const body = stopRequestSchema.safeParse(request.body ?? {});
      if (!body.success) throw invalidInput('INVALID_BODY', 'Invalid stop request', body.error);
      return stopTask(stopContext(request, target, body.data.reason), taskId);
    });

    app.post('/api/migration-tasks/batch-stop', canStop, async (request) => {
      const { target } = parseQuery(taskQuerySchema, request.query);
      const body = batchStopRequestSchema.safeParse(request.body ?? {});
      if (!body.success) throw invalidInput('INVALID_BODY', 'Invalid batch stop request', body.error);
      return batchStopTasks(stopContext(request, target, body.data.reason), body.data.task_ids);
    });

    function stopContext(request: FastifyRequest, target: string | undefined, reason: string | undefined): StopContext {
      return {
        audit,
        service: targets.service(target),
        log: request.log,
        user: request.principal.name,
        subject: principalKey(request.principal),
        target: target ?? targets.defaultId,
        requestId: request.id,
        reason: reason || null,
      };
    }
  };
}

/** The answer as JSON; the text of a shared cached answer is reused, not rebuilt (upstream/derived-memo.ts). */
function json(reply: FastifyReply, value: object): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(jsonOf(value));
}

async function upstream<T>(operation: UpstreamOperation, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApiHttpError(error, operation);
  }
}

function parseTaskRequest(request: TaskRequest): { taskId: string; target: string | undefined } {
  return { taskId: parseTaskId(request), target: parseQuery(taskQuerySchema, request.query).target };
}
