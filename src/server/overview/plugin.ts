// The overview slice: the task observer's lifecycle (its timer starts when the app is ready; it
// stops, waiting for scans in flight, before the upstream clients close) and GET /api/overview.
// It declares what it needs: the targets, the observer (built by app.ts, which other slices read
// too), the progress history (lag_rising) and the stop-when-caught-up watcher (watch_waiting).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ProgressHistory } from '../history/progress-history';
import type { TargetRegistry } from '../targets/registry';
import { overviewRoutes } from './routes';
import type { TaskObserver } from './task-observer';

export interface OverviewPluginOptions {
  targets: TargetRegistry;
  observer: TaskObserver;
  history: ProgressHistory;
  now: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Each target's tasks as last read, and their status changes (tests call its tick()). */
    taskObserver: TaskObserver;
  }
}

// fastify-plugin: the observer is decorated on the app itself, not on an encapsulated child.
export const overviewPlugin = fp(
  async function overview(app: FastifyInstance, { targets, observer, history, now }: OverviewPluginOptions): Promise<void> {
    app.decorate('taskObserver', observer);
    app.addHook('onReady', async () => observer.start());
    app.addHook('preClose', async () => observer.close());
    const watcher = app.caughtUp;
    await app.register(overviewRoutes({ targets, observer, history, watches: (target) => watcher.list(target), now }));
  },
  { name: 'overview', dependencies: ['auth', 'stop-when-caught-up'] },
);
