// GET /api/migration-tasks/{id}/history: the progress samples the console kept for the task, with
// the full-sync rate and ETA. Answered from memory (no call to the cloud); reading it marks the
// task as looked at, so the background sampler keeps its history going while it migrates.
import type { FastifyInstance } from 'fastify';
import { historyQuerySchema, type ProgressHistory as ProgressHistoryBody } from '../../api/history';
import { requirePermission } from '../auth/plugin';
import { parseQuery, parseTaskId } from '../http/validation';
import type { TargetRegistry } from '../targets/registry';
import type { ProgressHistory } from './progress-history';

export function historyRoutes(targets: TargetRegistry, history: ProgressHistory, backgroundIntervalMs: number) {
  return async function register(app: FastifyInstance): Promise<void> {
    const canGet = { preHandler: requirePermission('migrationTask:get') };

    app.get<{ Params: { taskId: string } }>('/api/migration-tasks/:taskId/history', canGet, async (request): Promise<ProgressHistoryBody> => {
      const taskId = parseTaskId(request);
      const query = parseQuery(historyQuerySchema, request.query);
      targets.service(query.target); // an unknown target is refused (UNKNOWN_TARGET)
      const target = query.target ?? targets.defaultId;
      history.markViewed(target, taskId);
      return { ...history.read(target, taskId, query.since), background_interval_s: Math.round(backgroundIntervalMs / 1000) };
    });
  };
}
