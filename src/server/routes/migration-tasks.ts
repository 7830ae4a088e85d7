// Console routes for migration tasks. Input is validated before anything goes upstream.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { stopRequestSchema } from '../../api/audit';
import { batchStopRequestSchema } from '../../api/batch-stop';
import { logsQuerySchema } from '../../api/logs';
import { listQuerySchema, taskIdSchema, taskQuerySchema } from '../../api/migration-tasks';
import { CSRF_HEADER } from '../../api/session';
import { batchStopWithAudit, stopWithAudit, type StopContext } from '../audit/audited-stop';
import type { AuditStore } from '../audit/store';
import { jsonOf } from '../derived-memo';
import { ApiHttpError, toApiHttpError, type UpstreamOperation } from '../errors';
import { requirePermission } from '../plugins/auth';
import { assertSameOriginWithCsrf } from '../session';
import type { TargetRegistry } from '../targets';

type TaskParams = { taskId: string };
type TaskRequest = FastifyRequest<{ Params: TaskParams }>;

export function migrationTaskRoutes(targets: TargetRegistry, audit: AuditStore) {
  return async function register(app: FastifyInstance): Promise<void> {
    const canList = { preHandler: requirePermission('migrationTask:list') };
    const canGet = { preHandler: requirePermission('migrationTask:get') };
    const canStop = { preHandler: requirePermission('migrationTask:stop') };

    app.get('/api/migration-tasks', canList, async (request, reply) => {
      const query = parseQuery(listQuerySchema, request.query);
      const list = await upstream('list', () => targets.service(query.target).list(query));
      // A status filter over a list longer than the console scans: the answer covers its beginning.
      if (list.truncated) void reply.header('x-dcs-list-truncated', 'true');
      return json(reply, list);
    });

    app.get<{ Params: TaskParams }>('/api/migration-tasks/:taskId', canGet, async (request, reply) => {
      const { taskId, target } = parseTaskRequest(request);
      return json(reply, await upstream('get', () => targets.service(target).get(taskId)));
    });

    app.get<{ Params: TaskParams }>('/api/migration-tasks/:taskId/stats', canGet, async (request, reply) => {
      const { taskId, target } = parseTaskRequest(request);
      return json(reply, await upstream('stats', () => targets.service(target).stats(taskId)));
    });

    app.get<{ Params: TaskParams }>('/api/migration-tasks/:taskId/logs', canGet, async (request) => {
      const taskId = parseTaskId(request);
      const query = parseQuery(logsQuerySchema, request.query);
      return upstream('logs', () => targets.service(query.target).logs(taskId, query));
    });

    // Stops are recorded in the audit trail (see audit/audited-stop.ts); a request refused here,
    // before anything goes upstream, is not an attempt and leaves no record.
    app.post<{ Params: TaskParams }>('/api/migration-tasks/:taskId/stop', canStop, async (request) => {
      assertSameOriginWithCsrf(request, CSRF_HEADER);
      const { taskId, target } = parseTaskRequest(request);
      const body = stopRequestSchema.safeParse(request.body ?? {});
      if (!body.success) throw invalid('INVALID_BODY', 'Invalid stop request', body.error);
      return stopWithAudit(stopContext(request, target, body.data.reason), taskId);
    });

    app.post('/api/migration-tasks/batch-stop', canStop, async (request) => {
      assertSameOriginWithCsrf(request, CSRF_HEADER);
      const { target } = parseQuery(taskQuerySchema, request.query);
      const body = batchStopRequestSchema.safeParse(request.body ?? {});
      if (!body.success) throw invalid('INVALID_BODY', 'Invalid batch stop request', body.error);
      return batchStopWithAudit(stopContext(request, target, body.data.reason), body.data.task_ids);
    });

    function stopContext(request: FastifyRequest, target: string | undefined, reason: string | undefined): StopContext {
      return {
        audit,
        service: targets.service(target),
        log: request.log,
        user: request.principal.name,
        target: target ?? targets.defaultId,
        requestId: request.id,
        reason: reason || null,
      };
    }
  };
}

/** The answer as JSON; the text of a shared cached answer is reused, not rebuilt (derived-memo.ts). */
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

export function parseTaskId(request: TaskRequest): string {
  const parsed = taskIdSchema.safeParse(request.params.taskId);
  if (!parsed.success) {
    throw new ApiHttpError(400, 'INVALID_TASK_ID', 'The task id may contain only letters, digits and "-", 1 to 64 characters.');
  }
  return parsed.data;
}

function parseTaskRequest(request: TaskRequest): { taskId: string; target: string | undefined } {
  return { taskId: parseTaskId(request), target: parseQuery(taskQuerySchema, request.query).target };
}

/** Parses a query against its schema, refusing parameters the route does not know. */
export function parseQuery<S extends z.ZodObject>(schema: S, raw: unknown): z.infer<S> {
  const unknownKeys = Object.keys(raw as object).filter((key) => !Object.hasOwn(schema.shape, key));
  if (unknownKeys.length > 0) {
    throw new ApiHttpError(400, 'INVALID_QUERY', `Unknown query parameter: ${unknownKeys.join(', ').slice(0, 200)}.`, {
      details: unknownKeys.slice(0, 10).map((field) => ({ field: field.slice(0, 64), problem: 'not a parameter of this route' })),
    });
  }
  // `?limit=1&limit=2` arrives as an array: say so, rather than what the schema makes of it.
  const repeated = Object.entries(raw as object).filter(([, value]) => Array.isArray(value)).map(([key]) => key);
  if (repeated.length > 0) {
    throw new ApiHttpError(400, 'INVALID_QUERY', `Query parameter given more than once: ${repeated.join(', ').slice(0, 200)}.`, {
      details: repeated.slice(0, 10).map((field) => ({ field, problem: 'given more than once' })),
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid('INVALID_QUERY', 'Invalid query', parsed.error);
  return parsed.data;
}

function invalid(code: 'INVALID_QUERY' | 'INVALID_BODY', what: string, error: z.ZodError): ApiHttpError {
  const details = error.issues.slice(0, 10).map((issue) => ({ field: issue.path.join('.') || '(body)', problem: issue.message }));
  return new ApiHttpError(400, code, `${what}: ${details.map((d) => `${d.field} (${d.problem})`).join('; ')}.`, { details });
}

