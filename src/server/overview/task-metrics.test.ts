// The per-task gauges as Prometheus reads them (the text of the app's registry): which tasks get
// series, their values from the progress history and the audit feed, the cap, label cleaning, and
// one computation per scrape. The observations are plain input data; the collector is under test.
import pino from 'pino';
import { register as globalRegistry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MigrationTaskStats } from '../../api/migration-tasks';
import { HISTORY_RETENTION_S } from '../../api/rules/history';
import { ManualClock } from '../../dcs/testing/manual-clock';
import { AuditFeed } from '../audit/audit-feed';
import type { SqlAuditStore } from '../audit/sql-store';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import type { AuditAttempt } from '../audit/store';
import { ProgressHistory } from '../history/progress-history';
import { ConsoleMetrics } from '../metrics';
import type { ObservedTask, TaskObservations } from './observed';
import { MAX_LABEL_CHARS, MAX_STOP_REQUESTS, SETTLED_TASK_WINDOW_MS, TaskMetrics, type TaskMetricsOptions } from './task-metrics';

const MINUTE = 60_000;
let clock: ManualClock;
let observed: Map<string, ObservedTask[]>;
let reads: number;
let history: ProgressHistory;
let feed: AuditFeed;
let store: SqlAuditStore;
let metrics: ConsoleMetrics;
let taskMetrics: TaskMetrics;

const observations: TaskObservations = {
  tasks(target) {
    reads += 1;
    return observed.get(target) ?? [];
  },
  onStatusChange: () => () => {},
};

function start(options: Partial<TaskMetricsOptions> = {}): void {
  metrics = new ConsoleMetrics();
  taskMetrics = new TaskMetrics(metrics, { observations, history, auditFeed: feed, targets: () => ['a', 'b'], now: clock.now, ...options });
}

beforeEach(() => {
  clock = new ManualClock();
  observed = new Map();
  reads = 0;
  history = new ProgressHistory(clock.now);
  feed = new AuditFeed(pino({ level: 'silent' }));
  store = openSqliteAuditStore(':memory:', { now: () => new Date(clock.now()) });
  start();
});
afterEach(async () => {
  taskMetrics.close();
  await store.close();
});

const task = (taskId: string, status: string | null, sinceAgoMs = 0, taskName: string | null = `name-${taskId}`): ObservedTask => ({
  taskId,
  taskName,
  status,
  statusSinceMs: clock.now() - sinceAgoMs,
  changeSeen: true,
});

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition text as Prometheus parses it: every sample line, with unescaped label values. */
async function scrape(prefix = 'dcs_migration_task'): Promise<Series[]> {
  const { body } = await metrics.render();
  const series: Series[] = [];
  for (const line of body.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key!] = value!.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
    }
    series.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return series;
}

const named = (all: Series[], name: string) => all.filter((s) => s.name === name);
const statusOf = (all: Series[]) => named(all, 'dcs_migration_task_status').map((s) => `${s.labels.target}/${s.labels.task_id}=${s.labels.status}`);

async function stop(target: string, taskId: string, action: AuditAttempt['action']): Promise<void> {
  const [record] = await feed.observe(store).begin([
    { user: 'ann', target, task_id: taskId, task_name: null, status_before: 'INCRMIGEATING', reason: null, action, batch_id: null, request_id: 'r' },
  ]);
  await feed.observe(store).finish([{ id: record!.id, outcome: 'accepted', status_after: 'TERMINATING', error_code: null, upstream_error_code: null, upstream_request_id: null }]);
}

function stats(values: Partial<Record<'offset' | 'full_migration_progress' | 'source_dbsize' | 'target_dbsize', number | string>>): MigrationTaskStats {
  return values as MigrationTaskStats;
}

describe('which tasks get series', () => {
  it('every task still changing, settled ones for an hour after they settled, one status series each', async () => {
    observed.set('a', [
      task('m', 'INCRMIGEATING', 5 * 24 * 60 * MINUTE),
      task('t', 'TERMINATING', 20 * MINUTE),
      task('odd', 'SOMETHING_NEW'),
      task('none', null),
      task('failed', 'MIGRATION_FAILED', 59 * MINUTE),
      task('old', 'SUCCESS', SETTLED_TASK_WINDOW_MS + 1),
      task('created', 'RUNNING', 2 * SETTLED_TASK_WINDOW_MS),
    ]);
    observed.set('b', [task('m', 'FULLMIGRATING')]);
    expect(statusOf(await scrape())).toEqual(['a/m=INCRMIGEATING', 'a/t=TERMINATING', 'a/odd=SOMETHING_NEW', 'a/none=unknown', 'a/failed=MIGRATION_FAILED', 'b/m=FULLMIGRATING']);
    expect(named(await scrape(), 'dcs_migration_task_status').every((s) => s.value === 1 && s.labels.task_name === `name-${s.labels.task_id}`)).toBe(true);

    clock.advance(2 * MINUTE); // the failure is now more than an hour old
    expect(statusOf(await scrape())).not.toContain('a/failed=MIGRATION_FAILED');
    observed.set('a', []); // the task set is read anew on every scrape: nothing stale is left behind
    expect(statusOf(await scrape())).toEqual(['b/m=FULLMIGRATING']);
  });

  it(`beyond the cap: changing tasks first (longest in their status first), then the latest settled; the rest counted`, async () => {
    taskMetrics.close();
    start({ maxTasksPerTarget: 3 });
    observed.set('a', [task('new', 'INCRMIGEATING', 1), task('f1', 'FAILED', 10 * MINUTE), task('f2', 'FAILED', 5 * MINUTE), task('old', 'FULLMIGRATING', 100 * MINUTE), task('gone', 'SUCCESS', 2 * SETTLED_TASK_WINDOW_MS)]);
    observed.set('b', [task('x', 'MIGRATING')]);
    const all = await scrape();
    expect(statusOf(all)).toEqual(['a/old=FULLMIGRATING', 'a/new=INCRMIGEATING', 'a/f2=FAILED', 'b/x=MIGRATING']);
    // The task settled over an hour ago is not eligible, so not counted as omitted.
    expect(named(all, 'dcs_migration_task_metrics_omitted_tasks').map((s) => [s.labels.target, s.value])).toEqual([['a', 1], ['b', 0]]);
  });

  it('reads the observations once per scrape, however many gauges use them', async () => {
    observed.set('a', [task('m', 'INCRMIGEATING')]);
    await scrape();
    expect(reads).toBe(2); // one per target
    await scrape();
    expect(reads).toBe(4);
  });

  it('only in the registry of its app, never the global one', async () => {
    observed.set('a', [task('m', 'INCRMIGEATING')]);
    expect(await globalRegistry.metrics()).not.toContain('dcs_migration_task');
    const other = new ConsoleMetrics(); // a second app in the same process registers its own
    new TaskMetrics(other, { observations, history, auditFeed: feed, targets: () => ['a'], now: clock.now }).close();
    expect((await other.render()).body).toContain('dcs_migration_task_status{target="a",task_id="m"');
  });
});

describe('label values', () => {
  it('strip control and invisible characters and cap the length; the exposition stays one line per series', async () => {
    const long = 'é'.repeat(300);
    observed.set('a', [task('1', 'INCRMIGEATING', 0, 'evil\n} 1\ndcs_migration_task_status{x="y"\u0000\u202e"quoted" back\\slash\t'), task('2', 'MIGRATING', 0, long), task('3', 'MIGRATING\r\n', 0, null)]);
    const all = named(await scrape(), 'dcs_migration_task_status');
    expect(all.map((s) => s.labels.task_name)).toEqual(['evil} 1dcs_migration_task_status{x="y""quoted" back\\slash', `${'é'.repeat(MAX_LABEL_CHARS - 1)}…`, '']);
    expect(all[2]!.labels.status).toBe('MIGRATING');
    expect(all).toHaveLength(3);
  });
});

describe('progress from the latest sample the console holds', () => {
  it('for tracked tasks only; a value the cloud did not give has no series; a newer sample replaces it', async () => {
    observed.set('a', [task('m', 'INCRMIGEATING'), task('f', 'FULLMIGRATING'), task('untracked', 'INCRMIGEATING')]);
    history.recordTask('a', 'm', { status: 'INCRMIGEATING', migration_type: 'online_migration' });
    history.recordStats('a', 'm', stats({ offset: 1200, full_migration_progress: 100, source_dbsize: 5000, target_dbsize: '4990' }));
    history.recordStats('a', 'f', stats({ offset: 0, full_migration_progress: 42 }));
    const sampledAtS = clock.now() / 1000;

    let all = await scrape();
    const values = (name: string) => named(all, name).map((s) => `${s.labels.task_id}=${s.value}`);
    expect(values('dcs_migration_task_offset')).toEqual(['m=1200', 'f=0']);
    expect(values('dcs_migration_task_full_sync_percent')).toEqual(['m=100', 'f=42']);
    expect(values('dcs_migration_task_source_keys')).toEqual(['m=5000']);
    expect(values('dcs_migration_task_target_keys')).toEqual(['m=4990']);
    expect(values('dcs_migration_task_progress_sample_timestamp_seconds')).toEqual([`m=${sampledAtS}`, `f=${sampledAtS}`]);
    expect(named(all, 'dcs_migration_task_offset')[0]!.labels).toEqual({ target: 'a', task_id: 'm', task_name: 'name-m' });

    clock.advance(MINUTE);
    history.recordStats('a', 'm', stats({ offset: 3000 }));
    clock.advance(5); // within the spacing: replaces the sample just taken
    history.recordStats('a', 'm', stats({ offset: 3500 }));
    all = await scrape();
    expect(values('dcs_migration_task_offset')).toEqual(['m=3500', 'f=0']);
    expect(values('dcs_migration_task_source_keys')).toEqual([]);
  });

  it('drops the series once the samples are past retention, or the history forgets the task', async () => {
    observed.set('a', [task('m', 'INCRMIGEATING'), task('n', 'INCRMIGEATING')]);
    history.recordStats('a', 'm', stats({ offset: 1 }));
    history.recordStats('a', 'n', stats({ offset: 2 }));
    expect(named(await scrape(), 'dcs_migration_task_offset')).toHaveLength(2);
    history.forget('a', 'n');
    clock.advance(HISTORY_RETENTION_S * 1000 + 1);
    observed.set('a', [task('m', 'INCRMIGEATING'), task('n', 'INCRMIGEATING')]);
    expect(named(await scrape(), 'dcs_migration_task_offset')).toEqual([]);
    history.recordStats('a', 'n', stats({ offset: 7 })); // tracked again: read from the start
    expect(named(await scrape(), 'dcs_migration_task_offset').map((s) => s.value)).toEqual([7]);
  });
});

describe('stop requests, from the audit feed', () => {
  it('the time of the latest stop, batch stop or watch stop of each exported task; other records do not count', async () => {
    observed.set('a', [task('s', 'TERMINATING'), task('b', 'TERMINATED'), task('w', 'INCRMIGEATING'), task('never', 'INCRMIGEATING')]);
    await stop('a', 's', 'stop');
    const firstS = clock.now() / 1000;
    clock.advance(MINUTE);
    await stop('a', 'b', 'batch-stop');
    await stop('a', 'w', 'caught-up-schedule');
    await stop('a', 'unobserved', 'stop');
    let all = named(await scrape(), 'dcs_migration_task_stop_requested_timestamp_seconds');
    expect(all.map((s) => [s.labels.task_id, s.value])).toEqual([['s', firstS], ['b', firstS + 60]]);

    clock.advance(MINUTE);
    await stop('a', 's', 'stop');
    await stop('a', 'w', 'caught-up-stop');
    all = named(await scrape(), 'dcs_migration_task_stop_requested_timestamp_seconds');
    expect(all.map((s) => [s.labels.task_id, s.value])).toEqual([['s', firstS + 120], ['w', firstS + 120], ['b', firstS + 60]]); // changing tasks first
  });

  it(`remembers at most ${MAX_STOP_REQUESTS} tasks, the least recently stopped forgotten first`, async () => {
    const attempts = Array.from({ length: MAX_STOP_REQUESTS + 1 }, (_, i): AuditAttempt => ({ user: 'ann', target: 'a', task_id: `t${i}`, task_name: null, status_before: null, reason: null, action: 'batch-stop', batch_id: 'b1', request_id: 'r' }));
    const trail = feed.observe(store);
    const begun = await trail.begin(attempts);
    await trail.finish(begun.map((r) => ({ id: r.id, outcome: 'accepted' as const, status_after: null, error_code: null, upstream_error_code: null, upstream_request_id: null })));
    observed.set('a', [task('t0', 'TERMINATING'), task('t1', 'TERMINATING'), task(`t${MAX_STOP_REQUESTS}`, 'TERMINATING')]);
    const all = named(await scrape(), 'dcs_migration_task_stop_requested_timestamp_seconds');
    expect(all.map((s) => s.labels.task_id)).toEqual(['t1', `t${MAX_STOP_REQUESTS}`]);
  });

  it('stops listening when closed', async () => {
    observed.set('a', [task('s', 'INCRMIGEATING')]);
    taskMetrics.close();
    await stop('a', 's', 'stop');
    expect(named(await scrape(), 'dcs_migration_task_stop_requested_timestamp_seconds')).toEqual([]);
  });
});
