// Stop-when-caught-up routes (contract: src/api/caught-up.ts). Scheduling needs the stop action and
// counts against the stop rate limit; cancelling needs it too but is never rate-limited (a limit
// must not keep anyone from calling a stop off); reading is for anyone who may read tasks. The
// CSRF check of scheduling and cancelling is the auth plugin's.
import type { FastifyInstance } from 'fastify';
import { caughtUpRequestSchema, type CaughtUpWatch, type CaughtUpWatchList, type CaughtUpWatchRead } from '../../api/caught-up';
import { taskQuerySchema } from '../../api/migration-tasks';
import { principalKey } from '../auth/principal';
import { requirePermission } from '../auth/plugin';
import { invalidInput, parseQuery, parseTaskId, type TaskRequest } from '../http/validation';
import type { TargetRegistry } from '../targets/registry';
import type { CaughtUpWatcher } from './watcher';

const PATH = '/api/migration-tasks/:taskId/stop-when-caught-up';

export function caughtUpRoutes(targets: TargetRegistry, watcher: CaughtUpWatcher) {
  return async function register(app: FastifyInstance): Promise<void> {
    const canGet = { preHandler: requirePermission('migrationTask:get') };
    const canSchedule = { preHandler: requirePermission('migrationTask:stop'), config: { stopRateLimited: true } };
    const canCancel = { preHandler: requirePermission('migrationTask:stop') };

    /** Task id and target, validated; an unknown target is refused before anything else. */
    const taskOf = (request: TaskRequest) => {
      const taskId = parseTaskId(request);
      const { target } = parseQuery(taskQuerySchema, request.query);
      targets.service(target);
      return { taskId, target: target ?? targets.defaultId };
    };

    app.post<{ Params: { taskId: string } }>(PATH, canSchedule, async (request, reply): Promise<CaughtUpWatch> => {
      const { taskId, target } = taskOf(request);
      const body = caughtUpRequestSchema.safeParse(request.body ?? {});
      if (!body.success) throw invalidInput('INVALID_BODY', 'Invalid stop-when-caught-up request', body.error);
      const watch = await watcher.schedule({ target, taskId, request: body.data, user: request.principal.name, subject: principalKey(request.principal), requestId: request.id });
      void reply.code(201);
      return watch;
    });

    app.get<{ Params: { taskId: string } }>(PATH, canGet, async (request): Promise<CaughtUpWatchRead> => {
      const { taskId, target } = taskOf(request);
      return { watch: (await watcher.get(target, taskId)) ?? null };
    });

    app.delete<{ Params: { taskId: string } }>(PATH, canCancel, async (request): Promise<CaughtUpWatch> => {
      const { taskId, target } = taskOf(request);
      return watcher.cancel(target, taskId, { name: request.principal.name, subject: principalKey(request.principal) }, request.id);
    });

    app.get('/api/stop-when-caught-up', canGet, async (request): Promise<CaughtUpWatchList> => {
      const { target } = parseQuery(taskQuerySchema, request.query);
      targets.service(target);
      return { watches: await watcher.list(target ?? targets.defaultId) };
    });
  };
}
