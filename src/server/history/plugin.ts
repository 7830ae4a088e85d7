// Progress history: every detail and stats answer the console sends is recorded (the status and a
// sample) for the tasks it tracks (tracking.ts decides which), the background sampler fills the
// gaps, and GET …/history reads it back. It declares what it needs: the targets (the sampler and
// the history route read through them), the history, and the task events of the migration-tasks
// slice, which tell it of every detail and stats answer and who asked.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TaskEvents } from '../migration-tasks/events';
import type { TargetRegistry } from '../targets/registry';
import type { HistoryCluster } from './cluster';
import { historyRoutes } from './routes';
import { BackgroundSampler, type SamplerOptions } from './background-sampler';
import type { ProgressHistory } from './progress-history';
import { TaskTracking } from './tracking';

export interface HistoryPluginOptions {
  targets: TargetRegistry;
  history: ProgressHistory;
  events: TaskEvents;
  sampler?: SamplerOptions;
  /** Several instances on one database: which targets this one samples (cluster.ts). */
  cluster?: HistoryCluster | null;
}

export const historyPlugin = fp(
  async function progressHistory(app: FastifyInstance, { targets, history, events, sampler: samplerOptions, cluster = null }: HistoryPluginOptions) {
    const tracking = new TaskTracking(history);
    const sampler = new BackgroundSampler(history, targets, app.log, { ...samplerOptions, cluster });
    app.decorate('historySampler', sampler);
    app.addHook('onReady', async () => sampler.start());
    app.addHook('preClose', async () => sampler.close());
    // After every writer (requests, sampler, caught-up watcher) has stopped: the last changes are written.
    app.addHook('onClose', async () => {
      await cluster?.resign();
      await history.close();
    });

    // Someone read the task, which the cloud's answer confirms exists: it is looked at. Its answer
    // is recorded at most once per task and kind a second (READING_MIN_GAP_MS), however many poll it.
    events.on('taskRead', ({ target, taskId, task, reader }, log) =>
      guarded(log, () => {
        if (!tracking.read(reader, target, taskId, log)) return;
        if (history.wantsReading(target, taskId, 'task')) history.recordTask(target, taskId, task);
      }),
    );
    events.on('statsRead', ({ target, taskId, stats, reader }, log) =>
      guarded(log, () => {
        if (!tracking.read(reader, target, taskId, log)) return;
        if (history.wantsReading(target, taskId, 'stats')) history.recordStats(target, taskId, stats);
      }),
    );

    await app.register(historyRoutes({ targets, history, tracking, backgroundIntervalMs: sampler.intervalMs, cluster }));
  },
  { name: 'progress-history', dependencies: ['auth'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** The background sampler of the progress history (tests call its tick()). */
    historySampler: BackgroundSampler;
  }
}

/** A sample that cannot be recorded is logged; the answer is sent all the same. */
function guarded(log: FastifyBaseLogger, record: () => void): void {
  try {
    record();
  } catch (error) {
    log.error({ event: 'history.record_failed', err: error }, 'a progress sample could not be recorded');
  }
}
