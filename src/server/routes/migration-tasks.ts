// Console routes for migration tasks. Input is validated before anything goes upstream.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { listQuerySchema, taskIdSchema } from '../../api/migration-tasks';
import { CSRF_HEADER } from '../../api/session';
import { ApiHttpError, toApiHttpError, type UpstreamOperation } from '../errors';
import type { MigrationTaskService } from '../migration-task-service';
import { requirePermission } from '../plugins/auth';
import { assertSameOriginWithCsrf } from '../session';

type TaskParams = { taskId: string };
const LIST_QUERY_KEYS = new Set(Object.keys(listQuerySchema.shape));

export function migrationTaskRoutes(service: MigrationTaskService) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/migration-tasks', { preHandler: requirePermission('migrationTask:list') }, async (request) => {
      const query = parseListQuery(request.query);
      return upstream('list', () => service.list(query));
    });

    app.get<{ Params: TaskParams }>(
      '/api/migration-tasks/:taskId',
      { preHandler: requirePermission('migrationTask:get') },
      async (request) => {
        const taskId = parseTaskId(request);
        return upstream('get', () => service.get(taskId));
      },
    );

    app.get<{ Params: TaskParams }>(
      '/api/migration-tasks/:taskId/stats',
      { preHandler: requirePermission('migrationTask:get') },
      async (request) => {
        const taskId = parseTaskId(request);
        return upstream('stats', () => service.stats(taskId));
      },
    );

    app.post<{ Params: TaskParams }>(
      '/api/migration-tasks/:taskId/stop',
      { preHandler: requirePermission('migrationTask:stop') },
      async (request) => {
        assertSameOriginWithCsrf(request, CSRF_HEADER);
        const taskId = parseTaskId(request);
        assertEmptyOrObjectBody(request.body);
        const task = await upstream('stop', () => service.stop(taskId));
        request.log.info({ event: 'migration_task.stop', task_id: taskId, status: task.status, user: request.principal.name }, 'stop accepted by the cloud');
        return task;
      },
    );
  };
}

async function upstream<T>(operation: UpstreamOperation, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApiHttpError(error, operation);
  }
}

function parseTaskId(request: FastifyRequest<{ Params: TaskParams }>): string {
  const parsed = taskIdSchema.safeParse(request.params.taskId);
  if (!parsed.success) {
    throw new ApiHttpError(400, 'INVALID_TASK_ID', 'The task id may contain only letters, digits and "-", 1 to 64 characters.');
  }
  return parsed.data;
}

function parseListQuery(raw: unknown): z.infer<typeof listQuerySchema> {
  const unknownKeys = Object.keys(raw as object).filter((key) => !LIST_QUERY_KEYS.has(key));
  if (unknownKeys.length > 0) {
    throw new ApiHttpError(400, 'INVALID_QUERY', `Unknown query parameter: ${unknownKeys.join(', ')}.`, {
      details: unknownKeys.map((field) => ({ field, problem: 'not a parameter of this route' })),
    });
  }
  const parsed = listQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message }));
  throw new ApiHttpError(400, 'INVALID_QUERY', `Invalid query: ${details.map((d) => `${d.field} (${d.problem})`).join('; ')}.`, { details });
}

function assertEmptyOrObjectBody(body: unknown): void {
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiHttpError(400, 'INVALID_BODY', 'The request body must be a JSON object or empty.');
  }
}
