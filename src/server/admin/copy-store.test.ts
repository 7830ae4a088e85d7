// The one-time copy from DATA_DIR to PostgreSQL: an earlier console's audit.db (its own schema, no
// subjects), its caught-up.db (one active watch, one finished) and its history.db arrive whole, a
// second run adds nothing, an active watch whose task is already watched there is skipped, and the
// command says so.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { HISTORY_MIN_SPACING_S } from '../../api/rules/history';
import type { CaughtUpWatch } from '../../api/caught-up';
import { AUDIT_DB_FILE, openPostgresAuditStore, openSqliteAuditStore } from '../audit/sqlite-store';
import { openPostgresWatchStore, openSqliteWatchStore, type WatchStore } from '../caught-up/watch-store';
import { openHistoryStore } from '../history/history-store';
import { ProgressHistory, type PersistedTask } from '../history/progress-history';
import { openPostgresHistoryStore } from '../history/shared-store';
import type { ObservedTask } from '../overview/observed';
import { openPostgresStatusRecord, openSqliteStatusRecord } from '../overview/status-record';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { copyDataDirToPostgres } from './copy-store';

const RECORDS = 1234;
// Now-ish: the stores prune finished watches after 7 days and samples after 3 h when they open.
const T0 = Date.now() - 30 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
function watch(n: number, overrides: Partial<CaughtUpWatch> = {}): CaughtUpWatch {
  return {
    id: `watch-${n}`, task_id: `task-${n}`, target: 'east', state: 'waiting', threshold: 0, consecutive_polls: 3, poll_interval_s: 5,
    reason: null, created_by: 'olga', created_by_subject: 'proxy|olga', created_at: iso(T0 + n), polls_in_a_row: 0, consecutive_errors: 0,
    last_poll: null, last_error: null, next_poll_at: iso(T0), stop: null, cancelled_by: null, failure_code: null, failure_message: null, finished_at: null,
    ...overrides,
  };
}
const ACTIVE = watch(1);
const FINISHED = watch(2, { state: 'cancelled', cancelled_by: 'olga', next_poll_at: null, finished_at: iso(T0 + 60_000) });
const HISTORY = { tasks: 3, samples: 2 * 12 + 5 };
const silentLog = pino({ level: 'silent' });

let postgres: TestPostgres;
let dataDir: string;
beforeAll(async () => {
  postgres = await startTestPostgres();
  dataDir = mkdtempSync(join(tmpdir(), 'store-copy-'));
  // audit.db as consoles before the Kysely migrations wrote it.
  const legacy = new Database(join(dataDir, AUDIT_DB_FILE));
  legacy.exec(`CREATE TABLE audit_record (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, user_name TEXT NOT NULL, target TEXT NOT NULL,
    task_id TEXT NOT NULL, task_name TEXT, status_before TEXT, reason TEXT, action TEXT NOT NULL, batch_id TEXT,
    outcome TEXT NOT NULL, status_after TEXT, error_code TEXT, upstream_error_code TEXT, upstream_request_id TEXT,
    request_id TEXT NOT NULL, finished_at TEXT) STRICT`);
  legacy.pragma('user_version = 1');
  const insert = legacy.prepare(
    `INSERT INTO audit_record (id, at, user_name, target, task_id, task_name, status_before, reason, action, batch_id, outcome, status_after, request_id, finished_at)
     VALUES (?, ?, ?, 'east', ?, ?, 'INCRMIGEATING', ?, ?, ?, ?, ?, ?, ?)`,
  );
  legacy.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const batch = i % 10 === 0 ? `batch-${i}` : null;
      insert.run(`rec-${i}`, at, i % 3 ? 'alice' : 'bob', `task-${i % 40}`, `orders ${i}`, i % 2 ? 'wrong target' : null, batch ? 'batch-stop' : 'stop', batch, i % 7 ? 'accepted' : 'refused', i % 7 ? 'TERMINATING' : null, `req-${i}`, at);
    }
  })();
  legacy.close();

  // caught-up.db as the console writes it: the active watch still leased to the instance that ran it.
  const watches = openSqliteWatchStore(dataDir);
  await watches.insert(ACTIVE, { owner: 'instance-a', until: iso(T0 + 10_000) });
  await watches.insert({ ...FINISHED, state: 'waiting', cancelled_by: null, next_poll_at: iso(T0), finished_at: null }, { owner: 'instance-a', until: iso(T0 + 10_000) });
  await watches.transition(FINISHED, { state: 'waiting' }, null);
  await watches.close();

  // history.db as the console writes it: two tasks of east sampled for two minutes, one of west.
  let now = T0;
  const history = new ProgressHistory(() => now, 200, openHistoryStore(dataDir, { now: () => now, maxTasks: 200, log: silentLog, flushIntervalMs: 0 }));
  history.recordTask('east', 'task-1', { status: 'INCRMIGEATING' });
  history.markViewed('east', 'task-1');
  for (let i = 0; i < 12; i++) {
    for (const taskId of ['task-1', 'task-3']) history.recordStats('east', taskId, { full_migration_progress: i * 8, offset: String(i * 100), source_dbsize: 1000, is_migrating: true });
    if (i < 5) history.recordStats('west', 'task-9', { full_migration_progress: i, target_ops: 7 });
    now += HISTORY_MIN_SPACING_S * 1000;
  }
  history.close();

  // status.db as the task observer writes it: two tasks of east (one seen failing), one of west.
  const statuses = openSqliteStatusRecord(dataDir);
  await statuses.save('east', [STATUS('task-1', 'FAILED', true), STATUS('task-3', 'INCRMIGEATING', false)]);
  await statuses.save('west', [STATUS('task-9', 'SUCCESS', false)]);
  await statuses.close();
});
afterAll(async () => {
  await postgres.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const everything = { offset: 0, limit: 200 };
function STATUS(taskId: string, status: string, changeSeen: boolean): ObservedTask {
  return { taskId, taskName: null, status, statusSinceMs: T0 - 60_000, changeSeen };
}
async function allRecords(store: ReturnType<typeof openSqliteAuditStore>) {
  const records = [];
  for await (const page of store.exportAll()) records.push(...page);
  return records;
}
async function allWatches(store: WatchStore) {
  const rows = [];
  for await (const page of store.exportAll()) rows.push(...page);
  return rows;
}
/** A task's history as both stores give it back: the order of reads (lru) is each store's own, and "never read" is -Infinity in one, 0 in the other. */
const historyOf = ({ target, taskId, status, lastViewedMs, samples }: PersistedTask) => ({ target, taskId, status, lastViewedMs: Math.max(lastViewedMs, 0), samples });
const byKey = (a: { target: string; taskId: string }, b: { target: string; taskId: string }) => `${a.target}/${a.taskId}`.localeCompare(`${b.target}/${b.taskId}`);

const FIRST_RUN = {
  audit: { read: RECORDS, added: RECORDS, alreadyThere: 0 },
  watches: { read: 2, added: 2, alreadyThere: 0, skipped: 0 },
  history: { tasks: { read: HISTORY.tasks, added: HISTORY.tasks, alreadyThere: 0 }, samples: { read: HISTORY.samples, added: HISTORY.samples, alreadyThere: 0 } },
  statuses: { read: 3, added: 3, alreadyThere: 0 },
};
const SECOND_RUN = {
  audit: { read: RECORDS, added: 0, alreadyThere: RECORDS },
  watches: { read: 2, added: 0, alreadyThere: 2, skipped: 0 },
  history: { tasks: { read: HISTORY.tasks, added: 0, alreadyThere: HISTORY.tasks }, samples: { read: HISTORY.samples, added: 0, alreadyThere: HISTORY.samples } },
  statuses: { read: 3, added: 0, alreadyThere: 3 },
};

describe('npm run store:copy', () => {
  it('copies every audit record, watch and history sample as it was, then adds nothing on a second run', async () => {
    const url = postgres.createDatabase('copy_direct');
    expect(await copyDataDirToPostgres(dataDir, url)).toEqual(FIRST_RUN);
    expect(await copyDataDirToPostgres(dataDir, url)).toEqual(SECOND_RUN);

    const source = openSqliteAuditStore(dataDir);
    const target = openPostgresAuditStore(url);
    try {
      const [before, after] = await Promise.all([allRecords(source), allRecords(target)]);
      expect(after).toHaveLength(RECORDS);
      expect(after).toEqual(before); // same ids, times, users, outcomes, in the same order
      // The Activity page's view (newest first, filters) reads the same on both.
      expect(await target.list({ ...everything, user: 'bob' })).toEqual(await source.list({ ...everything, user: 'bob' }));
    } finally {
      await Promise.all([source.close(), target.close()]);
    }

    const sourceWatches = openSqliteWatchStore(dataDir);
    const targetWatches = openPostgresWatchStore(url);
    try {
      const before = await allWatches(sourceWatches);
      expect(before.map((row) => [row.id, row.lease_owner])).toEqual([[ACTIVE.id, 'instance-a'], [FINISHED.id, null]]);
      // The same rows, the lease free: any instance may take the active watch up at once.
      expect(await allWatches(targetWatches)).toEqual(before.map((row) => ({ ...row, lease_owner: null, lease_until: null })));
      expect(await targetWatches.latest('east', FINISHED.task_id)).toEqual(FINISHED);
      expect(await targetWatches.available('instance-b', iso(T0), iso(T0))).toEqual([{ watch: ACTIVE, leaseOwner: null }]);
    } finally {
      await Promise.all([sourceWatches.close(), targetWatches.close()]);
    }

    const sourceHistory = openHistoryStore(dataDir, { now: Date.now, maxTasks: 200, log: silentLog, flushIntervalMs: 0 })!;
    const targetHistory = openPostgresHistoryStore(url, { now: Date.now, flushIntervalMs: 0 });
    try {
      const before = sourceHistory.takeLoaded().map(historyOf).sort(byKey);
      expect(before.map((task) => task.samples.length)).toEqual([12, 12, 5]);
      const after = [...(await targetHistory.loadTarget('east')), ...(await targetHistory.loadTarget('west'))].map(historyOf).sort(byKey);
      expect(after).toEqual(before);
    } finally {
      sourceHistory.close();
      await targetHistory.close();
    }

    const sourceStatuses = openSqliteStatusRecord(dataDir);
    const targetStatuses = openPostgresStatusRecord(url);
    try {
      for (const target of ['east', 'west']) expect(await targetStatuses.load(target)).toEqual(await sourceStatuses.load(target));
      expect((await targetStatuses.load('east')).get('task-1')).toEqual({ status: 'FAILED', statusSinceMs: T0 - 60_000, changeSeen: true });
    } finally {
      await Promise.all([sourceStatuses.close(), targetStatuses.close()]);
    }
  });

  it('skips an active watch whose task PostgreSQL already watches, and keeps that one', async () => {
    const url = postgres.createDatabase('copy_task_watched');
    const already = openPostgresWatchStore(url);
    const theirs = watch(3, { id: 'watch-of-the-cluster', task_id: ACTIVE.task_id });
    try {
      expect(await already.insert(theirs, { owner: 'instance-b', until: iso(T0 + 10_000) })).toBe(true);
      const skipped = { read: 2, added: 1, alreadyThere: 0, skipped: 1 };
      expect((await copyDataDirToPostgres(dataDir, url)).watches).toEqual(skipped);
      expect((await copyDataDirToPostgres(dataDir, url)).watches).toEqual({ ...skipped, added: 0, alreadyThere: 1 });
      expect(await already.active()).toEqual([theirs]);
    } finally {
      await already.close();
    }
  });

  it('as a command: prints what it copied, never the password, and refuses a folder that does not exist', async () => {
    const url = postgres.createDatabase('copy_cli').replace('postgres@', 'postgres:not-a-real-secret@');
    const run = (args: string[]) => promisify(execFile)('npx', ['tsx', 'src/server/admin/copy-store-cli.ts', ...args], { cwd: process.cwd() });
    const { stdout } = await run(['--from', dataDir, '--to', url]);
    expect(stdout).toContain(`audit records: ${RECORDS} read, ${RECORDS} added, 0 already there\n`);
    expect(stdout).toContain('caught-up watches: 2 read, 2 added, 0 already there, 0 skipped (an active watch whose task already has another active watch there)\n');
    expect(stdout).toContain(`progress history: 3 tasks read, 3 added, 0 already there; ${HISTORY.samples} samples read, ${HISTORY.samples} added, 0 already there\n`);
    expect(stdout).toContain('task statuses: 3 read, 3 added, 0 already there\n');
    expect(stdout).toContain('sessions: not copied (users sign in again)');
    const again = await run(['--from', dataDir, '--to', url]);
    expect(again.stdout).toContain(`audit records: ${RECORDS} read, 0 added, ${RECORDS} already there\n`);
    expect(again.stdout).toContain('caught-up watches: 2 read, 0 added, 2 already there, 0 skipped');
    expect(again.stdout).toContain('task statuses: 3 read, 0 added, 3 already there\n');
    expect(again.stdout).toContain(`progress history: 3 tasks read, 0 added, 3 already there; ${HISTORY.samples} samples read, 0 added, ${HISTORY.samples} already there\n`);
    expect(stdout).not.toContain('not-a-real-secret');
    const missing = await run(['--from', join(dataDir, 'nope'), '--to', url]).catch((error: { code: number; stderr: string }) => error);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^store:copy failed: DATA_DIR .*nope does not exist/) });
  });
});
