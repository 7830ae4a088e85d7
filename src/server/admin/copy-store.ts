// The one-time copy of what a single console kept under DATA_DIR (SQLite) into PostgreSQL, for a
// team that outgrows one instance: the audit trail, the stop-when-caught-up watches, the
// progress history and the record of task statuses (the list's "last changed"). It copies record by record, keyed by id (a watch by its id, a history sample by
// its task and time), so running it again adds nothing twice, and it reports what it read, added
// and found already there. The SQLite files are brought to the current schema and pruned, as the
// console itself would on its next start, and otherwise only read. Sessions are not copied: they
// are short-lived and the PostgreSQL instances keep their own, so users sign in again.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { AUDIT_DB_FILE, openPostgresAuditStore, openSqliteAuditStore } from '../audit/sqlite-store';
import { openPostgresWatchStore, openSqliteWatchStore, WATCH_DB_FILE } from '../caught-up/watch-store';
import { HISTORY_DB_FILE, openHistoryStore } from '../history/history-store';
import { HISTORY_MAX_TASKS, type PersistedTask } from '../history/progress-history';
import { historyKey } from '../history/samples';
import { openPostgresHistoryStore } from '../history/shared-store';
import { openPostgresStatusRecord, openSqliteStatusRecord, STATUS_DB_FILE } from '../overview/status-record';

export interface CopiedCounts {
  /** Records found in DATA_DIR. */
  read: number;
  /** Records added to PostgreSQL. */
  added: number;
  /** Records PostgreSQL already held (an earlier copy). */
  alreadyThere: number;
}

export interface CopiedWatches extends CopiedCounts {
  /** Active watches not added: PostgreSQL already has another active watch for their task. */
  skipped: number;
}

export interface CopiedHistory {
  tasks: CopiedCounts;
  samples: CopiedCounts;
}

export interface CopyReport {
  audit: CopiedCounts | 'no audit.db';
  watches: CopiedWatches | 'no caught-up.db';
  history: CopiedHistory | 'no history.db';
  statuses: CopiedCounts | 'no status.db';
}

export async function copyDataDirToPostgres(dataDir: string, databaseUrl: string): Promise<CopyReport> {
  const folder = resolve(dataDir);
  if (!existsSync(folder)) throw new Error(`DATA_DIR ${folder} does not exist`);
  const has = (file: string) => existsSync(join(folder, file));
  // One after the other: each opens its own connections, and a failure names the store it was in.
  const audit = has(AUDIT_DB_FILE) ? await copyAudit(folder, databaseUrl) : 'no audit.db';
  const watches = has(WATCH_DB_FILE) ? await copyWatches(folder, databaseUrl) : 'no caught-up.db';
  const history = has(HISTORY_DB_FILE) ? await copyHistory(folder, databaseUrl) : 'no history.db';
  const statuses = has(STATUS_DB_FILE) ? await copyStatuses(folder, databaseUrl) : 'no status.db';
  return { audit, watches, history, statuses };
}

const noneYet = (): CopiedCounts => ({ read: 0, added: 0, alreadyThere: 0 });

async function copyAudit(folder: string, databaseUrl: string): Promise<CopiedCounts> {
  const from = openSqliteAuditStore(folder);
  const to = openPostgresAuditStore(databaseUrl);
  try {
    await Promise.all([from.ready(), to.ready()]);
    const counts = noneYet();
    for await (const page of from.exportAll()) {
      const added = await to.importRecords(page);
      counts.read += page.length;
      counts.added += added;
      counts.alreadyThere += page.length - added;
    }
    return counts;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}

/** A task recorded on both sides keeps PostgreSQL's row: instances there may have read it since. */
async function copyStatuses(folder: string, databaseUrl: string): Promise<CopiedCounts> {
  const from = openSqliteStatusRecord(folder);
  const to = openPostgresStatusRecord(databaseUrl);
  try {
    await Promise.all([from.ready(), to.ready()]);
    const counts = noneYet();
    for (const target of await from.targets()) {
      const recorded = await from.load(target);
      const added = await to.importTarget(target, recorded);
      counts.read += recorded.size;
      counts.added += added;
      counts.alreadyThere += recorded.size - added;
    }
    return counts;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}

async function copyWatches(folder: string, databaseUrl: string): Promise<CopiedWatches> {
  const from = openSqliteWatchStore(folder);
  const to = openPostgresWatchStore(databaseUrl);
  try {
    await Promise.all([from.ready(), to.ready()]);
    const counts: CopiedWatches = { ...noneYet(), skipped: 0 };
    for await (const page of from.exportAll()) {
      const imported = await to.importWatches(page);
      counts.read += page.length;
      counts.added += imported.added;
      counts.alreadyThere += imported.alreadyThere;
      counts.skipped += imported.skipped;
    }
    return counts;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}

/**
 * Samples older than the retention (3 h) are pruned on both sides, as every console does. The
 * history stores log a failure and go on (the history is a convenience); here it fails the copy.
 */
async function copyHistory(folder: string, databaseUrl: string): Promise<CopiedHistory> {
  const warnings = collectWarnings();
  const from = openHistoryStore(folder, { now: Date.now, maxTasks: HISTORY_MAX_TASKS, log: warnings.log, flushIntervalMs: 0 });
  if (!from) throw new Error(`the progress history ${join(folder, HISTORY_DB_FILE)} cannot be read: ${warnings.first()}`);
  const tasks = from.takeLoaded();
  from.close();
  const to = openPostgresHistoryStore(databaseUrl, { now: Date.now, log: warnings.log, flushIntervalMs: 0 });
  try {
    await to.ready();
    const counts: CopiedHistory = { tasks: noneYet(), samples: noneYet() };
    const count = (tally: CopiedCounts, alreadyThere: boolean) => {
      tally.read++;
      if (alreadyThere) tally.alreadyThere++;
      else tally.added++;
    };
    for (const [target, ofTarget] of byTarget(tasks)) {
      const stored = await to.sampleTimes(target);
      for (const task of ofTarget) {
        const times = stored.get(task.taskId);
        count(counts.tasks, times !== undefined);
        const key = historyKey(target, task.taskId);
        to.touched(key, task);
        for (const sample of task.samples) {
          count(counts.samples, times?.has(sample.atMs) === true);
          to.sampled(key, task, sample, undefined);
        }
        await to.flush(); // a transaction per task, upserts: what is there is written again as it was
        if (warnings.first()) throw new Error(`the progress history could not be written to PostgreSQL: ${warnings.first()}`);
      }
    }
    return counts;
  } finally {
    await to.close();
  }
}

function byTarget(tasks: readonly PersistedTask[]): Map<string, PersistedTask[]> {
  const grouped = new Map<string, PersistedTask[]>();
  for (const task of tasks) {
    const list = grouped.get(task.target);
    if (list) list.push(task);
    else grouped.set(task.target, [task]);
  }
  return grouped;
}

/** A logger that keeps the warnings (their reason, else their message) for the copy to fail with. */
function collectWarnings() {
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, {
    write(line: string) {
      const { msg, reason } = JSON.parse(line) as { msg?: string; reason?: string };
      warnings.push(reason ?? msg ?? line);
    },
  });
  return { log, first: () => warnings[0] };
}
