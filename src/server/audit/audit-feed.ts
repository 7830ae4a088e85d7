// Every finished audit record, told to whoever listens (alerts, task metrics), whichever path
// wrote it: a stop, a batch stop, a watch's stop, a watch scheduled, cancelled or given up. The
// app hands the slices the observed trail, so no slice has to remember to tell anyone.
import type { FastifyBaseLogger } from 'fastify';
import type { AuditRecord, AuditTrail } from './store';

export type FinishedRecordsListener = (records: readonly AuditRecord[]) => void;

export class AuditFeed {
  private readonly listeners: FinishedRecordsListener[] = [];

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Subscribes; returns the unsubscribe. Listeners run after the records are committed and must not throw (a throw is logged). */
  on(listener: FinishedRecordsListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** `trail` with finish() told to the listeners; every other member is the trail's own. */
  observe<T extends AuditTrail>(trail: T): T {
    const emit = (records: readonly AuditRecord[]) => this.emit(records);
    return new Proxy(trail, {
      get(target, property) {
        if (property === 'finish') {
          return async (...args: Parameters<AuditTrail['finish']>) => {
            const records = await target.finish(...args);
            emit(records);
            return records;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private emit(records: readonly AuditRecord[]): void {
    for (const listener of this.listeners) {
      try {
        listener(records);
      } catch (error) {
        this.log.error({ event: 'audit_feed.listener_failed', err: error }, 'a listener of finished audit records failed');
      }
    }
  }
}
