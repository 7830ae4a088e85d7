// Alerts without an app, for the slice's own tests: a real outbox (SQLite in memory unless a store is
// given), a real audit trail observed by a real AuditFeed, a status-change source the test drives,
// real metrics, a log kept in memory, and one ManualClock for all. Nothing runs by itself: tick().
import { Writable } from 'node:stream';
import pino from 'pino';
import { ManualClock } from '../../../dcs/testing/manual-clock';
import { AuditFeed } from '../../audit/audit-feed';
import { openSqliteAuditStore } from '../../audit/sqlite-store';
import type { AuditAttempt, AuditRecord, AuditResult, AuditTrail } from '../../audit/store';
import { loadAlertConfig } from '../../config';
import { ConsoleMetrics } from '../../metrics';
import type { StatusChange, StatusChangeListener, TaskObservations } from '../../overview/observed';
import { Alerts } from '../alerts';
import type { AlertStore } from '../outbox-store';

/** Status changes as the task observer tells them, when the test says so. */
export class StatusChanges implements TaskObservations {
  private readonly listeners = new Set<StatusChangeListener>();

  tasks(): readonly never[] {
    return [];
  }

  onStatusChange(listener: StatusChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(change: StatusChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

export interface AlertHarness {
  alerts: Alerts;
  clock: ManualClock;
  trail: AuditTrail;
  changes: StatusChanges;
  metrics: ConsoleMetrics;
  /** Every log line, as written. */
  logs: string[];
  /** Writes one audit record (begun, then finished) as a stop or a watch would. */
  record(attempt: Partial<AuditAttempt> & Pick<AuditAttempt, 'action' | 'task_id'>, result: Partial<Omit<AuditResult, 'id'>> & Pick<AuditResult, 'outcome'>): Promise<AuditRecord>;
  close(): Promise<void>;
}

export async function startAlertHarness(env: NodeJS.ProcessEnv, options: { store?: AlertStore; clock?: ManualClock; timeoutMs?: number; publicUrl?: URL } = {}): Promise<AlertHarness> {
  const clock = options.clock ?? new ManualClock();
  const logs: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (logs.push(String(chunk)), done()) }));
  const metrics = new ConsoleMetrics();
  const config = loadAlertConfig(env);
  const alerts = Alerts.open({ config, store: options.store, intervalMs: 0, timeoutMs: options.timeoutMs ?? 5000, publicUrl: options.publicUrl ?? null }, { metrics, log, now: clock.now });
  if (!alerts) throw new Error('startAlertHarness: the environment sets no webhook');
  await alerts.store.ready();
  const feed = new AuditFeed(log);
  const audit = openSqliteAuditStore(':memory:', { now: () => new Date(clock.now()) });
  const trail = feed.observe(audit);
  const changes = new StatusChanges();
  alerts.listen(feed, changes);
  return {
    alerts,
    clock,
    trail,
    changes,
    metrics,
    logs,
    async record(attempt, result) {
      const [pending] = await trail.begin([{ user: 'olga', target: 'test', task_name: null, status_before: 'INCRMIGEATING', reason: null, batch_id: null, request_id: 'r-1', ...attempt }]);
      const [record] = await trail.finish([{ id: pending!.id, status_after: null, error_code: null, upstream_error_code: null, upstream_request_id: null, ...result }]);
      return record!;
    },
    async close() {
      await alerts.stop();
      await alerts.store.close();
      await audit.close();
    },
  };
}

/** The value of the sample `name` whose labels include `labels` (summed over the others); 0 when absent. */
export async function metricValue(metrics: ConsoleMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  let total = 0;
  for (const line of (await metrics.render()).body.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total += Number(match[3]);
  }
  return total;
}
