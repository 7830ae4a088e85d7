// Progress history: every detail and stats answer the console sends is recorded (the status and a
// sample), the background sampler fills the gaps, and GET …/history reads it back.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { MigrationTask, MigrationTaskStats } from '../../api/migration-tasks';
import type { TargetRegistry } from '../targets';
import { historyRoutes } from '../routes/history';
import { BackgroundSampler, type SamplerOptions } from './background-sampler';
import type { ProgressHistory } from './progress-history';

const DETAIL_ROUTE = '/api/migration-tasks/:taskId';
const STATS_ROUTE = '/api/migration-tasks/:taskId/stats';

export interface HistoryPluginOptions {
  targets: TargetRegistry;
  history: ProgressHistory;
  sampler?: SamplerOptions;
}

export const historyPlugin = fp(
  async function progressHistory(app: FastifyInstance, { targets, history, sampler: samplerOptions }: HistoryPluginOptions) {
    const sampler = new BackgroundSampler(history, targets, app.log, samplerOptions);
    app.decorate('historySampler', sampler);
    app.addHook('onReady', async () => sampler.start());
    app.addHook('preClose', async () => sampler.close());
    // After every writer (requests, sampler, caught-up watcher) has stopped: the last changes are written.
    app.addHook('onClose', async () => history.close());

    // Reads what the task routes answered, after they answered: two string compares for every
    // other route, and one JSON parse per task and kind a second at most, however many poll it.
    // A callback hook, not an async one: no promise per request of the hot path.
    app.addHook('onSend', (request, reply, payload, done) => {
      const route = request.routeOptions.url;
      try {
        if (reply.statusCode === 200 && (route === DETAIL_ROUTE || route === STATS_ROUTE)) observe(request, route, payload);
      } catch (error) {
        request.log.error({ event: 'history.record_failed', err: error }, 'a progress sample could not be recorded');
      }
      done(null, payload);
    });

    function observe(request: FastifyRequest, route: string, payload: unknown): void {
      const { target, taskId } = taskOf(request, targets.defaultId);
      history.markViewed(target, taskId);
      const kind = route === STATS_ROUTE ? 'stats' : 'task';
      if (!history.wantsReading(target, taskId, kind)) return;
      const body = parsed(payload);
      if (body && kind === 'stats') history.recordStats(target, taskId, body as MigrationTaskStats);
      else if (body) history.recordTask(target, taskId, body as MigrationTask);
    }

    await app.register(historyRoutes(targets, history, sampler.intervalMs));
  },
  { name: 'progress-history' },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** The background sampler of the progress history (tests call its tick()). */
    historySampler: BackgroundSampler;
  }
}

function taskOf(request: FastifyRequest, defaultTarget: string): { target: string; taskId: string } {
  const target = (request.query as { target?: unknown }).target;
  return { target: typeof target === 'string' ? target : defaultTarget, taskId: (request.params as { taskId: string }).taskId };
}

function parsed(payload: unknown): Record<string, unknown> | null {
  try {
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    const value: unknown = text === null ? null : JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
