// Turns what the console sees into outbox rows: finished audit records (told by the audit feed,
// whichever path wrote them: a stop, a batch stop, a watch) and the task observer's status changes.
// Listeners must not block or throw, so each is queued here and written in order (a stop is
// remembered before a later TERMINATED of its task is looked at); a failure is logged, never
// raised: a stop never waits for, or fails because of, an alert.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../dcs/clock';
import type { AuditFeed } from '../audit/audit-feed';
import type { AuditRecord } from '../audit/store';
import type { AlertEventKind, AlertWebhook } from '../config';
import type { StatusChange, TaskObservations } from '../overview/observed';
import { fromAuditRecord, isTerminated, stopTerminated, taskFailed, type AlertEvent } from './event';
import type { AlertStore } from './outbox-store';

export interface RecorderOptions {
  store: AlertStore;
  webhooks: readonly AlertWebhook[];
  log: FastifyBaseLogger;
  now: Clock;
  /** PUBLIC_URL: events link to the task's page. */
  publicUrl: URL | null;
  /** Told when rows were added (the delivery sends them at once). */
  onEnqueued: () => void;
}

export class AlertRecorder {
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: RecorderOptions) {}

  /** Subscribes to the audit feed and, when there is one, the task observer. */
  listen(feed: AuditFeed, observer: TaskObservations | null): void {
    this.unsubscribe.push(feed.on((records) => this.enqueueWork('audit record', () => this.fromRecords(records))));
    if (observer) this.unsubscribe.push(observer.onStatusChange((change) => this.enqueueWork('status change', () => this.fromStatusChange(change))));
  }

  /** Resolves once everything told so far is in the outbox (or was logged as failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  async close(): Promise<void> {
    for (const stop of this.unsubscribe.splice(0)) stop();
    await this.queue;
  }

  private enqueueWork(what: string, work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.options.log.error({ event: 'alerts.record_failed', err: error }, `an alert for a ${what} could not be written to the outbox`);
    });
  }

  private async fromRecords(records: readonly AuditRecord[]): Promise<void> {
    for (const record of records) {
      const { events, stop } = fromAuditRecord(record, this.options.publicUrl);
      for (const event of events) await this.enqueue(event);
      if (stop && this.webhooksFor('stop_terminated').length > 0) await this.options.store.rememberStop(stop, this.nowIso());
    }
  }

  private async fromStatusChange(change: StatusChange): Promise<void> {
    const failed = taskFailed(change, this.options.publicUrl);
    if (failed) await this.enqueue(failed);
    const webhooks = this.webhooksFor('stop_terminated');
    if (!isTerminated(change) || webhooks.length === 0) return;
    const at = new Date(change.atMs).toISOString();
    const toEvent = (stop: Parameters<typeof stopTerminated>[0]) => stopTerminated({ ...stop, task_name: stop.task_name ?? change.taskName }, at, this.options.publicUrl);
    const event = await this.options.store.takeStop(change.target, change.taskId, toEvent, webhooks, this.nowIso());
    if (event) this.enqueued(event);
  }

  private async enqueue(event: AlertEvent): Promise<void> {
    const webhooks = this.webhooksFor(event.event);
    if (webhooks.length === 0) return;
    if ((await this.options.store.enqueue(event, webhooks, this.nowIso())) > 0) this.enqueued(event);
  }

  private enqueued(event: AlertEvent): void {
    this.options.log.info({ event: 'alerts.enqueued', alert_event: event.event, alert_id: event.id, target: event.target, task_id: event.task_id }, `alert ${event.event}: ${event.summary}`);
    this.options.onEnqueued();
  }

  /** The webhooks that want this kind of event (ALERT_EVENTS, or the file entry's `events`). */
  private webhooksFor(kind: AlertEventKind): string[] {
    return this.options.webhooks.filter((webhook) => webhook.events.includes(kind)).map((webhook) => webhook.id);
  }

  private nowIso(): string {
    return new Date(this.options.now()).toISOString();
  }
}
