// Stop-when-caught-up: the watcher's lifecycle (resumes stored watches when the app is ready,
// stops polling, waits for polls in flight and frees its leases when it closes, then closes the
// store) and routes.
// It declares what it needs: the targets, the audit trail its stops and events are recorded in,
// the progress history its polls feed, and where watches are kept.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditTrail } from '../audit/store';
import type { ProgressHistory } from '../history/progress-history';
import { caughtUpRoutes } from './routes';
import type { TargetRegistry } from '../targets/registry';
import { CaughtUpWatcher } from './watcher';
import { openSqliteWatchStore, type WatchStore } from './watch-store';

export interface CaughtUpOptions {
  /** Default: an in-memory store (main.ts passes DATA_DIR/caught-up.db or DATABASE_URL's). The app closes it. */
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

export interface CaughtUpPluginOptions extends CaughtUpOptions {
  targets: TargetRegistry;
  audit: AuditTrail;
  history: ProgressHistory;
}

// fastify-plugin: the watcher is decorated on the app itself, not on an encapsulated child.
export const caughtUpPlugin = fp(
  async function caughtUp(app: FastifyInstance, { targets, audit, history, ...options }: CaughtUpPluginOptions): Promise<void> {
    const now = options.now ?? Date.now;
    const store = options.store ?? openSqliteWatchStore(':memory:', now);
    const watcher = new CaughtUpWatcher({ targets, audit, history, store, log: app.log, now, tickMs: options.tickMs ?? 1000 });
    app.decorate('caughtUp', watcher);
    app.addHook('onReady', async () => watcher.start());
    app.addHook('preClose', async () => watcher.close());
    app.addHook('onClose', async () => store.close());
    await app.register(caughtUpRoutes(targets, watcher));
  },
  { name: 'stop-when-caught-up', dependencies: ['auth'] },
);
