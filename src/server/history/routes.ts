// GET /api/migration-tasks/{id}/history: the progress samples the console kept for the task, with
// the full-sync rate and ETA. A tracked task is answered from memory (no call to the cloud). Any
// other id is first checked with one detail read (cached and coalesced with the page's own detail
// read): an id the cloud does not know is 404 TASK_NOT_FOUND, like its detail page, and is never
// tracked nor sampled. Reading marks the task as looked at, so the background sampler keeps its
// history going while it migrates (within the reader's budget of new tasks: tracking.ts).
import type { FastifyInstance } from 'fastify';
import { historyQuerySchema, type ProgressHistory as ProgressHistoryBody } from '../../api/history';
import { requirePermission } from '../auth/plugin';
import { principalKey } from '../auth/principal';
import { toApiHttpError } from '../errors';
import { parseQuery, parseTaskId } from '../http/validation';
import type { MigrationTaskService } from '../migration-tasks/service';
import type { TargetRegistry } from '../targets/registry';
import type { HistoryCluster } from './cluster';
import type { ProgressHistory } from './progress-history';
import type { TaskTracking } from './tracking';

export interface HistoryRouteDeps {
  targets: TargetRegistry;
  history: ProgressHistory;
  tracking: TaskTracking;
  backgroundIntervalMs: number;
  /** Several instances: a target another instance leads is read from the shared store. */
  cluster: HistoryCluster | null;
}

export function historyRoutes({ targets, history, tracking, backgroundIntervalMs, cluster }: HistoryRouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    const canGet = { preHandler: requirePermission('migrationTask:get') };

    app.get<{ Params: { taskId: string } }>('/api/migration-tasks/:taskId/history', canGet, async (request): Promise<ProgressHistoryBody> => {
      const taskId = parseTaskId(request);
      const query = parseQuery(historyQuerySchema, request.query);
      const service = targets.service(query.target); // an unknown target is refused (UNKNOWN_TARGET)
      const target = query.target ?? targets.defaultId;
      const confirmed = history.isTracked(target, taskId) ? null : await readDetail(service, taskId);
      const tracked = tracking.read(principalKey(request.principal), target, taskId, request.log);
      if (tracked && confirmed && history.wantsReading(target, taskId, 'task')) history.recordTask(target, taskId, confirmed);
      const body = cluster && !history.leads(target) ? await cluster.read(target, taskId, query.since) : history.read(target, taskId, query.since);
      return { ...body, background_interval_s: Math.round(backgroundIntervalMs / 1000) };
    });
  };
}

/** The cloud's word that the task exists; TASK_NOT_FOUND (404) and any upstream failure are answered as the detail route answers them. */
async function readDetail(service: MigrationTaskService, taskId: string) {
  try {
    return await service.get(taskId);
  } catch (error) {
    throw toApiHttpError(error, 'get');
  }
}
