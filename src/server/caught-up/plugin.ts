// Stop-when-caught-up: the watcher's lifecycle (resumes stored watches when the app is ready,
// stops polling and waits for polls in flight when it closes, then closes the store) and routes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditStore } from '../audit/store';
import type { ProgressHistory } from '../history/progress-history';
import { caughtUpRoutes } from '../routes/caught-up';
import type { TargetRegistry } from '../targets';
import { CaughtUpWatcher } from './watcher';
import { openSqliteWatchStore, type WatchStore } from './watch-store';

export interface CaughtUpOptions {
  /** Default: an in-memory store (main.ts passes DATA_DIR/caught-up.db). The app closes it. */
  store?: WatchStore;
  now?: () => number;
  /** How often due watches are polled for, ms; 0: only by pollDue() (tests). Default 1000. */
  tickMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The stop-when-caught-up watcher (tests call its pollDue()). */
    caughtUp: CaughtUpWatcher;
  }
}

export function caughtUpPlugin(deps: { targets: TargetRegistry; audit: AuditStore; history: ProgressHistory }, options: CaughtUpOptions = {}) {
  // fastify-plugin: the watcher is decorated on the app itself, not on an encapsulated child.
  return fp(async function caughtUp(app: FastifyInstance): Promise<void> {
    const now = options.now ?? Date.now;
    const store = options.store ?? openSqliteWatchStore(':memory:', now);
    const watcher = new CaughtUpWatcher({ ...deps, store, log: app.log, now, tickMs: options.tickMs ?? 1000 });
    app.decorate('caughtUp', watcher);
    app.addHook('onReady', async () => watcher.start());
    app.addHook('preClose', async () => watcher.close());
    app.addHook('onClose', async () => store.close());
    await app.register(caughtUpRoutes(deps.targets, watcher));
  });
}
