// The alerts slice: listens to the audit feed and the task observer, and runs the delivery worker
// from the moment the app is ready until it has closed (then frees its leases and closes the outbox).
// It declares what it needs: the alerts (null: no webhook, nothing runs), the feed of finished audit
// records, and the observer of task statuses (null: task_failed and stop_terminated cannot be told).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditFeed } from '../audit/audit-feed';
import type { TaskObservations } from '../overview/observed';
import type { Alerts } from './alerts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Alerts by webhook, null when none is configured (tests call its tick()). */
    alerts: Alerts | null;
  }
}

export interface AlertsPluginOptions {
  alerts: Alerts | null;
  feed: AuditFeed;
  observer: TaskObservations | null;
}

// fastify-plugin: `alerts` is decorated on the app itself, not on an encapsulated child.
export const alertsPlugin = fp(
  async function alertsSlice(app: FastifyInstance, { alerts, feed, observer }: AlertsPluginOptions): Promise<void> {
    app.decorate('alerts', alerts);
    if (!alerts) return;
    alerts.listen(feed, observer);
    if (!observer) app.log.warn({ event: 'alerts.no_observer' }, 'alerts: no task observer, so task_failed and stop_terminated cannot be sent');
    app.addHook('onReady', async () => {
      app.log.info({ event: 'alerts.webhooks', webhooks: alerts.described }, `alerts: ${alerts.described.length} webhook(s)`);
      alerts.start();
    });
    // On close, not before: the records of stops still being answered are told too.
    app.addHook('onClose', async () => {
      await alerts.stop();
      await alerts.store.close();
    });
  },
  { name: 'alerts' },
);
