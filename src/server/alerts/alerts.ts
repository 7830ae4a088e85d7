// Alerts as the app holds them: the recorder (what happened → outbox) and the delivery (outbox →
// webhooks) over one store, one clock and one instance id. None at all when no webhook is set.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../dcs/clock';
import type { AuditFeed } from '../audit/audit-feed';
import type { AlertConfig } from '../config';
import type { AlertsHealth, AlertsReadiness } from '../health/readiness';
import type { ConsoleMetrics } from '../metrics';
import type { TaskObservations } from '../overview/observed';
import { AlertDelivery, DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS } from './delivery';
import { openSqliteAlertStore, type AlertStore } from './outbox-store';
import { AlertRecorder } from './recorder';

export interface AlertOptions {
  /** ALERT_* and the targets file's webhooks; none: no alerts, no store. */
  config: AlertConfig;
  /** Default: an in-memory store (main.ts passes DATA_DIR/alerts.db or DATABASE_URL's). The app closes it. */
  store?: AlertStore;
  /** Default: the app's clock. */
  now?: Clock;
  /** How often the outbox is looked at, ms; 0: only by tick() (tests). Default 2000. */
  intervalMs?: number;
  /** How long one webhook call may take, ms. Default 5000. */
  timeoutMs?: number;
  /** PUBLIC_URL: each alert links to its task's page. */
  publicUrl?: URL | null;
}

export interface AlertDeps {
  metrics: ConsoleMetrics;
  log: FastifyBaseLogger;
  now: Clock;
}

export class Alerts implements AlertsHealth {
  readonly instanceId = randomUUID();
  private readonly recorder: AlertRecorder;
  private readonly delivery: AlertDelivery;

  /** null when no webhook is configured. */
  static open(options: AlertOptions | undefined, deps: AlertDeps): Alerts | null {
    if (!options || options.config.webhooks.length === 0) {
      void options?.store?.close();
      return null;
    }
    return new Alerts(options, deps);
  }

  /** The outbox; the app closes it. */
  readonly store: AlertStore;
  /** What the start-up log says of each webhook: never its URL or secret. */
  readonly described: ReturnType<AlertConfig['webhooks'][number]['toJSON']>[];

  private constructor(options: AlertOptions, deps: AlertDeps) {
    const store = (this.store = options.store ?? openSqliteAlertStore(':memory:'));
    const now = options.now ?? deps.now;
    const webhooks = options.config.webhooks;
    this.described = webhooks.map((webhook) => webhook.toJSON());
    this.delivery = new AlertDelivery({
      store,
      webhooks,
      log: deps.log,
      now,
      metrics: deps.metrics,
      instanceId: this.instanceId,
      intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    this.recorder = new AlertRecorder({ store, webhooks, log: deps.log, now, publicUrl: options.publicUrl ?? null, onEnqueued: () => this.delivery.kick() });
    deps.metrics.alertQueueDepth(() => store.pendingCount());
  }

  listen(feed: AuditFeed, observer: TaskObservations | null): void {
    this.recorder.listen(feed, observer);
  }

  start(): void {
    this.delivery.start();
  }

  /** Resolves once everything told so far is in the outbox. */
  recorded(): Promise<void> {
    return this.recorder.settled();
  }

  /** Writes what was told so far, then sends what is due (tests move the clock, then tick). */
  async tick(): Promise<void> {
    await this.recorder.settled();
    await this.delivery.tick();
  }

  readiness(): Promise<AlertsReadiness> {
    return this.delivery.readiness();
  }

  /** Stops listening and sending, writes what was told, frees this instance's leases. The store is closed by the app. */
  async stop(): Promise<void> {
    await this.recorder.close();
    await this.delivery.close();
  }
}
