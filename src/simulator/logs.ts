// Migration logs (README §2 #7, §3.7), derived from the task's lifecycle and the clock alone: the
// same task at the same time always has the same logs, and while data moves one progress entry
// per LOG_INTERVAL_MS of simulated time is added (entries never change once they exist).
import { canStop, isIncrementalSync } from '../dcs/status';
import type { DcsMigrationLog } from '../dcs/types';
import { isoTime, type SimTask } from './model';
import { noise } from './random';
import { fullSyncProgress } from './stats';

export const LOG_INTERVAL_MS = 60_000;
/** Progress entries kept per phase; older ones are rotated out (about a week at one a minute). */
const MAX_PERIODIC = 10_000;
/** Statuses whose data movement ended well (a full sync that finished). */
const FINISHED = new Set(['SUCCESS', 'RELEASED', 'DELETED']);

/** log_code values; the real codes are not documented. */
export const LOG_CODES = {
  created: 'MIG.1001', ecsCreated: 'MIG.1002', connectivity: 'MIG.1003',
  fullStarted: 'MIG.1101', fullProgress: 'MIG.1102', fullFinished: 'MIG.1103',
  incrStarted: 'MIG.1201', incrProgress: 'MIG.1202',
  stopRequested: 'MIG.1301', syncStopRequested: 'MIG.1302', stopped: 'MIG.1303',
  succeeded: 'MIG.1401', ecsReleased: 'MIG.1501', deleted: 'MIG.1601',
  error: 'MIG.9001', failed: 'MIG.9002',
} as const;

interface Entry {
  at: number;
  level: 'INFO' | 'ERROR';
  code: string;
  message: string;
  keyword: string[];
}

/** All log entries of the task up to `now`, newest first. */
export function taskLogs(task: SimTask, now: number): DcsMigrationLog[] {
  const entries = timeline(task, now).filter((e) => e.at <= now);
  return entries
    .map((e, seq) => ({ e, seq }))
    .sort((a, b) => b.e.at - a.e.at || b.seq - a.seq)
    .map(({ e }) => ({ created_at: isoTime(e.at), log_level: e.level, message: e.message, log_code: e.code, keyword: e.keyword }));
}

function timeline(task: SimTask, now: number): Entry[] {
  const { sim } = task;
  const life = sim.statusBeforeDelete ?? task.status; // what the task was doing before a delete
  const moving = canStop(task.status);
  const end = Math.min(now, moving ? now : (sim.haltedMs ?? now)); // data stopped moving here
  const out: Entry[] = [];
  const add = (at: number, code: string, message: string, keyword: string[] = [], level: Entry['level'] = 'INFO') =>
    out.push({ at, level, code, message, keyword });
  const salt = (n: number, span: number) => Math.floor(noise(sim.noiseSeed + 100 + n, 0) * span);
  const ecsIp = task.ecs_tenant_private_ip ? [task.ecs_tenant_private_ip] : [];

  add(sim.createdMs, LOG_CODES.created, `Migration task ${task.task_name} created.`, [task.task_name]);
  let checkedAt = sim.createdMs;
  if (task.migration_type === 'online_migration') {
    const ecs = sim.createdMs + 30_000 + salt(2, 90_000);
    add(ecs, LOG_CODES.ecsCreated, 'Migration ECS created.', ecsIp);
    checkedAt = Math.min(ecs + 5_000 + salt(3, 20_000), end);
  }
  const syncStart = Math.min(checkedAt + 2_000 + salt(1, 10_000), end);
  // RUNNING = created, waiting for configuration (#11): no data has moved.
  const halted = life === 'RUNNING' ? end : dataMovement(task, { add, life, moving, end, checkedAt, syncStart });

  const released = parseCompact(task.released_at);
  if (released !== null) add(Math.max(released, halted), LOG_CODES.ecsReleased, 'Migration ECS released.', ecsIp);
  if (task.status === 'DELETED') {
    const deleted = sim.deletedMs ?? Math.max(halted, released ?? 0) + 600_000 + salt(5, 3_600_000);
    add(deleted, LOG_CODES.deleted, 'Migration task deleted.');
  }
  return out;
}

interface Movement {
  add: (at: number, code: string, message: string, keyword?: string[], level?: Entry['level']) => void;
  life: string;
  moving: boolean;
  end: number;
  checkedAt: number;
  syncStart: number;
}

/** Connectivity check, full sync (or import), incremental sync and how it ended; returns the halt time. */
function dataMovement(task: SimTask, { add, life, moving, end, checkedAt, syncStart }: Movement): number {
  const { sim } = task;
  const online = task.migration_type === 'online_migration';
  const addr = (i: SimTask['source']) => (i ? [`${i.ip}:${i.port}`] : []);
  const what = online ? 'Full sync' : 'Backup import';
  if (online) add(checkedAt, LOG_CODES.connectivity, 'Connectivity between the migration ECS and the source and target checked.', [...addr(task.source), ...addr(task.target)]);
  add(syncStart, LOG_CODES.fullStarted, `${what} started.`, online ? addr(task.source) : (task.backup_files?.files.map((f) => f.file_name) ?? []));

  const failed = life === 'FAILED' || life === 'MIGRATION_FAILED';
  const finishedWell = !moving && FINISHED.has(life);
  const incremental = task.migration_method === 'incremental_migration' && !failed && (isIncrementalSync(life) || sim.fullSyncDone || finishedWell);
  const fullDone = incremental || finishedWell;
  const fullEnd = incremental ? Math.max(syncStart, Math.min(syncStart + 3 * sim.progressTauMs, sim.refMs, end)) : end;
  // Before the anchor progress climbs linearly from 0; after it, it is what /stats reports.
  const anchor = fullDone ? fullEnd : Math.max(syncStart, Math.min(sim.refMs, end));
  const anchorValue = fullDone ? 99 : sim.initialProgress;
  const progressAt = (t: number) =>
    t >= anchor && !fullDone ? fullSyncProgress(task, t) : Math.min(anchorValue, Math.floor((anchorValue * (t - syncStart)) / Math.max(1, anchor - syncStart)));
  periodic(syncStart, fullEnd, (t) => {
    const p = progressAt(t);
    add(t, LOG_CODES.fullProgress, `${what} in progress: ${p}%.`, [`${p}%`]);
  });
  if (fullDone) add(fullEnd, LOG_CODES.fullFinished, `${what} finished.`);

  if (incremental) {
    const incrStart = Math.min(fullEnd + 1_000, Math.max(fullEnd, end));
    add(incrStart, LOG_CODES.incrStarted, 'Incremental sync started.');
    periodic(incrStart, end, (t) => {
      const offset = Math.floor(noise(sim.noiseSeed + 1, Math.floor(t / 1000)) * 150); // as /stats at that second
      add(t, LOG_CODES.incrProgress, `Incremental sync in progress, offset ${offset}.`, [String(offset)]);
    });
  }

  const halted = sim.haltedMs ?? end;
  if (life === 'TERMINATING' || life === 'TERMINATED') {
    const sync = sim.stopRequest === 'sync-stop';
    add(halted, sync ? LOG_CODES.syncStopRequested : LOG_CODES.stopRequested, sync ? 'Stop of the data synchronization requested.' : 'Stop of the migration task requested.');
    if (life === 'TERMINATED') add(Math.max(halted, parseTime(task.updated_at) ?? halted), LOG_CODES.stopped, 'Migration task stopped.');
  } else if (failed && !moving) {
    const message = task.error_message ?? 'Migration failed.';
    add(halted, LOG_CODES.error, message, keywordsOf(message), 'ERROR');
    add(halted, LOG_CODES.failed, 'Migration task failed.', [], 'ERROR');
  } else if (finishedWell) {
    add(halted, LOG_CODES.succeeded, 'Migration task finished.');
  }
  return halted;
}

/** Calls `emit` at from + k·LOG_INTERVAL_MS (k ≥ 1) up to `to`, the last MAX_PERIODIC only. */
function periodic(from: number, to: number, emit: (t: number) => void): void {
  const last = Math.floor((to - from) / LOG_INTERVAL_MS);
  for (let k = Math.max(1, last - MAX_PERIODIC + 1); k <= last; k++) emit(from + k * LOG_INTERVAL_MS);
}

function parseTime(value: string | null): number | null {
  const ms = value === null ? NaN : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** `YYYYMMDDHHMM` (UTC) → ms. */
function parseCompact(value: string | null): number | null {
  const m = value === null ? null : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) : null;
}

/** Addresses and file names mentioned in an error message. */
function keywordsOf(message: string): string[] {
  return message.match(/\d+\.\d+\.\d+\.\d+:\d+|[\w.-]+\.(?:rdb|aof)\b/g) ?? [];
}
