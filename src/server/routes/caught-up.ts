// Stop-when-caught-up routes (contract: src/api/caught-up.ts). Scheduling needs the stop action and
// counts against the stop rate limit; cancelling needs it too but is never rate-limited (a limit
// must not keep anyone from calling a stop off); reading is for anyone who may read tasks.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { caughtUpRequestSchema, type CaughtUpWatch, type CaughtUpWatchList, type CaughtUpWatchRead } from '../../api/caught-up';
import { taskQuerySchema } from '../../api/migration-tasks';
import { CSRF_HEADER } from '../../api/session';
import type { CaughtUpWatcher } from '../caught-up/watcher';
import { ApiHttpError } from '../errors';
import { requirePermission } from '../plugins/auth';
import { assertSameOriginWithCsrf } from '../session';
import type { TargetRegistry } from '../targets';
import { parseQuery, parseTaskId } from './migration-tasks';

type TaskRequest = FastifyRequest<{ Params: { taskId: string } }>;
const PATH = '/api/migration-tasks/:taskId/stop-when-caught-up';

export function caughtUpRoutes(targets: TargetRegistry, watcher: CaughtUpWatcher) {
  return async function register(app: FastifyInstance): Promise<void> {
    const canGet = { preHandler: requirePermission('migrationTask:get') };
    const canStop = { preHandler: requirePermission('migrationTask:stop') };
    // The same check as canStop, without the mark the stop rate limit finds stop routes by.
    const stopGuard = requirePermission('migrationTask:stop') as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    const canCancel = { preHandler: async (request: FastifyRequest, reply: FastifyReply) => stopGuard(request, reply) };

    /** Task id and target, validated; an unknown target is refused before anything else. */
    const taskOf = (request: TaskRequest) => {
      const taskId = parseTaskId(request);
      const { target } = parseQuery(taskQuerySchema, request.query);
      targets.service(target);
      return { taskId, target: target ?? targets.defaultId };
    };

    app.post<{ Params: { taskId: string } }>(PATH, canStop, async (request, reply): Promise<CaughtUpWatch> => {
      assertSameOriginWithCsrf(request, CSRF_HEADER);
      const { taskId, target } = taskOf(request);
      const body = caughtUpRequestSchema.safeParse(request.body ?? {});
      if (!body.success) {
        const details = body.error.issues.slice(0, 10).map((issue) => ({ field: issue.path.join('.') || '(body)', problem: issue.message }));
        throw new ApiHttpError(400, 'INVALID_BODY', `Invalid stop-when-caught-up request: ${details.map((d) => `${d.field} (${d.problem})`).join('; ')}.`, { details });
      }
      const watch = await watcher.schedule({ target, taskId, request: body.data, user: request.principal.name, requestId: request.id });
      void reply.code(201);
      return watch;
    });

    app.get<{ Params: { taskId: string } }>(PATH, canGet, async (request): Promise<CaughtUpWatchRead> => {
      const { taskId, target } = taskOf(request);
      return { watch: watcher.get(target, taskId) ?? null };
    });

    app.delete<{ Params: { taskId: string } }>(PATH, canCancel, async (request): Promise<CaughtUpWatch> => {
      assertSameOriginWithCsrf(request, CSRF_HEADER);
      const { taskId, target } = taskOf(request);
      return watcher.cancel(target, taskId, request.principal.name, request.id);
    });

    app.get('/api/stop-when-caught-up', canGet, async (request): Promise<CaughtUpWatchList> => {
      const { target } = parseQuery(taskQuerySchema, request.query);
      targets.service(target);
      return { watches: watcher.list(target ?? targets.defaultId) };
    });
  };
}
